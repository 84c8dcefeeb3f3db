import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { es } from './http-helper';

describe('refresh visibility and points in time', () => {
  let server: RunningEsServer;
  // The clock keep-alives are measured by: the tests move it rather than wait for time to pass.
  let clockMs = Date.now();
  before(async () => {
    server = await startEsServer({ refreshIntervalMs: -1, defaultShards: 2, clock: () => clockMs });
  });
  after(() => server.close());

  const count = async (index: string): Promise<number> => (await es(server.url, 'GET', `/${index}/_count`)).json.count;

  it('shows writes to search only after a refresh, while GET is realtime', async () => {
    await es(server.url, 'PUT', '/vis/_doc/1', { a: 1 });
    assert.equal(await count('vis'), 0);
    assert.equal((await es(server.url, 'GET', '/vis/_doc/1')).status, 200);
    assert.equal((await es(server.url, 'GET', '/vis/_doc/1?realtime=false')).status, 404);
    const forced = await es(server.url, 'PUT', '/vis/_doc/2?refresh=true', { a: 2 });
    assert.equal(forced.json.forced_refresh, true);
    assert.equal(await count('vis'), 2);
    const waited = await es(server.url, 'PUT', '/vis/_doc/3?refresh=wait_for', { a: 3 });
    assert.equal(waited.json.forced_refresh, undefined);
    assert.equal(await count('vis'), 3);
    await es(server.url, 'DELETE', '/vis/_doc/1');
    assert.equal(await count('vis'), 3);
    await es(server.url, 'POST', '/vis/_refresh');
    assert.equal(await count('vis'), 2);
  });

  it('refreshes periodically by index.refresh_interval', async () => {
    await es(server.url, 'PUT', '/periodic', { settings: { 'index.refresh_interval': '50ms' } });
    await es(server.url, 'PUT', '/periodic/_doc/1', { a: 1 });
    await server.whenRefreshed('periodic');
    assert.equal(await count('periodic'), 1);
  });

  it('searches a PIT snapshot with _shard_doc paging and expires it', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `{"index":{"_id":"d${i}"}}\n{"i":${i}}\n`).join('');
    await es(server.url, 'POST', '/pit/_bulk?refresh=true', lines);
    const pit = (await es(server.url, 'POST', '/pit/_pit?keep_alive=1m')).json.id as string;
    await es(server.url, 'PUT', '/pit/_doc/late?refresh=true', { i: 999 });
    await es(server.url, 'DELETE', '/pit/_doc/d0?refresh=true');
    const seen: string[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const body: Record<string, unknown> = { size: 50, pit: { id: pit, keep_alive: '1m' }, sort: [{ _shard_doc: 'asc' }], track_total_hits: false };
      if (after) body.search_after = after;
      const page = await es(server.url, 'POST', '/_search', body);
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json.pit_id, pit);
      const hits = page.json.hits.hits as { _id: string; sort: unknown[] }[];
      if (hits.length === 0) break;
      seen.push(...hits.map((h) => h._id));
      after = hits[hits.length - 1]!.sort;
    }
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    assert.ok(seen.includes('d0') && !seen.includes('late'));
    const implicit = await es(server.url, 'POST', '/_search', { size: 1, pit: { id: pit } });
    assert.equal(implicit.json.hits.hits[0].sort.length, 2, 'score + implicit _shard_doc tiebreaker');
    const closed = await es(server.url, 'DELETE', '/_pit', { id: pit });
    assert.deepEqual(closed.json, { succeeded: true, num_freed: 2 });
    const gone = await es(server.url, 'POST', '/_search', { pit: { id: pit } });
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.root_cause[0].type, 'search_context_missing_exception');
    const short = (await es(server.url, 'POST', '/pit/_pit?keep_alive=50ms')).json.id as string;
    clockMs += 49;
    assert.equal((await es(server.url, 'POST', '/_search', { pit: { id: short } })).status, 200, 'alive 1 ms before its keep-alive lapses');
    clockMs += 1;
    assert.equal((await es(server.url, 'POST', '/_search', { pit: { id: short } })).status, 404, 'gone once it lapsed');
  });
});
