import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';

const N = 200_000;

async function post(url: string, body: string, ndjson = false): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' }, body });
  return r.json();
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('test server performance', function () {
  this.timeout(120_000);
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({ defaultShards: 2, refreshIntervalMs: -1 });
  });
  after(() => server.close());

  it(`bulk-loads ${N} documents and pages to page 2,000 at the cost of page 1`, async () => {
    const t0 = Date.now();
    for (let b = 0; b < N; b += 50_000) {
      let body = '';
      for (let i = b; i < b + 50_000; i++) body += `{"index":{"_index":"big","_id":"d${i}"}}\n{"title":"doc ${i}","n":${i}}\n`;
      assert.equal((await post(`${server.url}/_bulk`, body, true)).errors, false);
    }
    const loadMs = Date.now() - t0;
    assert.ok(loadMs < 30_000, `bulk load took ${loadMs} ms`);
    await post(`${server.url}/big/_refresh`, '');
    const pit = (await post(`${server.url}/big/_pit?keep_alive=5m`, '')).id as string;
    const timings: number[] = [];
    let after: unknown[] | undefined;
    for (let page = 1; page <= 2000; page++) {
      const started = performance.now();
      const res = await post(`${server.url}/_search`, JSON.stringify({ size: 50, pit: { id: pit, keep_alive: '5m' }, sort: [{ _shard_doc: 'asc' }], search_after: after }));
      timings.push(performance.now() - started);
      assert.equal(res.hits.hits.length, 50);
      after = res.hits.hits[49].sort;
    }
    const early = median(timings.slice(1, 21));
    const late = median(timings.slice(-20));
    assert.ok(late <= early * 3 + 2, `page ~2000 took ${late.toFixed(2)} ms, page ~10 ${early.toFixed(2)} ms`);
  });
});
