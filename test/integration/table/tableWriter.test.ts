import * as assert from 'node:assert/strict';
import type { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { StagedEdits } from '../../../src/table/model/stagedEdits';
import { sourceOfHit } from '../../../src/table/model/tableRows';
import { sortOf } from '../../../src/table/model/tableQuery';
import { tableColumns } from '../../../src/table/model/tableColumns';
import { readMappingModel } from '../../../src/mapping/model/mappingModel';
import { TablePager } from '../../../src/table/tablePager';
import { TableWriter } from '../../../src/table/tableWriter';
import { plainGateway } from '../../support/plainGateway';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const INDEX = 'table-pages';
const DOCS = 10_250;
const MAPPING = { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, n: { type: 'long' }, big: { type: 'long' }, f: { type: 'double' } } };
const source = (i: number): string => `{"title":"Doc ${String(i).padStart(5, '0')}","n":${i % 97},"big":9223372036854775807,"f":1.0,"é":"ü"}`;

describe('The documents table against the cluster under test', function () {
  this.timeout(120_000);
  let server: TestCluster;
  let gateway: ClusterGateway;
  let store: DocumentStore;

  before(async () => {
    server = await startTestCluster();
    gateway = plainGateway(server.url, 30_000);
    store = new DocumentStore(() => gateway);
    await gateway.send({ method: 'DELETE', path: `/${INDEX}` });
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}`, body: JSON.stringify({ settings: { number_of_shards: 2, number_of_replicas: 0 }, mappings: MAPPING }) });
    for (let from = 0; from < DOCS; from += 5_000) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(DOCS, from + 5_000); i++) lines.push(`{"index":{"_id":"t${i}"}}`, source(i));
      await gateway.sendOk({ method: 'POST', path: `/${INDEX}/_bulk`, query: { refresh: 'true' }, body: `${lines.join('\n')}\n`, contentType: 'application/x-ndjson' });
    }
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  it('reaches any page past 10,000 rows, each once, sorted on two keys with the tiebreaker last', async () => {
    const columns = tableColumns(readMappingModel({ [INDEX]: { mappings: MAPPING } }));
    const pager = new TablePager(gateway, INDEX, 100, { query: '{"match_all":{}}', sort: (tiebreaker) => sortOf([{ path: 'n', order: 'desc' }, { path: 'title', order: 'asc' }], columns, tiebreaker) });
    try {
      const last = await pager.page(102);
      assert.equal(last.length, 50, 'the last page, reached by reading the ones before it');
      assert.equal(pager.rowCount, DOCS);
      const seen = new Set<string>();
      let previous: [number, string] | undefined;
      for (let p = 0; p <= 102; p++) {
        for (const hit of await pager.page(p)) {
          assert.ok(!seen.has(hit.id), `${hit.id} twice`);
          seen.add(hit.id);
          const n = Number(/"n":(\d+)/.exec(hit.sourceText ?? '')?.[1]);
          const title = /"title":"([^"]+)"/.exec(hit.sourceText ?? '')?.[1] ?? '';
          if (previous) assert.ok(previous[0] > n || (previous[0] === n && previous[1] <= title), `order at ${hit.id}`);
          previous = [n, title];
        }
      }
      assert.equal(seen.size, DOCS);
      assert.equal((await pager.pageAgain(50)).length, 100, 'a page dropped from the cache costs one search again');
    } finally {
      await pager.close();
    }
  });

  it('saves staged rows in one _bulk request, each conditional: what was not edited goes back byte for byte, a changed one conflicts', async () => {
    const pager = new TablePager(gateway, INDEX, 100, { query: '{"ids":{"values":["t1","t2","t3"]}}', sort: (tiebreaker) => `[{"${tiebreaker}":"asc"}]` });
    const hits = await pager.page(0);
    await pager.close();
    const [t1, t2, t3] = ['t1', 't2', 't3'].map((id) => sourceOfHit(hits.find((hit) => hit.id === id)!)!);
    const staged = new StagedEdits();
    staged.stage(t1, 'title', '"Édité"');
    staged.stage(t2, 'n', '9007199254740993');
    staged.stage(t3, 'f', '2.5');
    // Someone else writes t3 after the table read it.
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}/_doc/t3`, body: source(3).replace('"f":1.0', '"f":3.0') });
    const report = await new TableWriter('test', store, () => 'false', staged).save();
    assert.equal(report.requests, 1);
    assert.deepEqual(report.saved.map((row) => row.id).sort(), ['t1', 't2']);
    assert.deepEqual(report.conflicts, [t3.key]);
    assert.equal(staged.row(t3.key)?.state, 'conflict');
    const text = async (id: string): Promise<string> => (await gateway.send({ method: 'GET', path: `/${INDEX}/_source/${id}` })).text;
    assert.equal(await text('t1'), source(1).replace('"Doc 00001"', '"Édité"'));
    assert.equal(await text('t2'), source(2).replace('"n":2,', '"n":9007199254740993,'));
    assert.equal(await text('t3'), source(3).replace('"f":1.0', '"f":3.0'), 'the other write stands');
    const current = await new TableWriter('test', store, () => 'false', staged).read([t3]);
    assert.deepEqual(staged.rebase(t3.key, current.get(t3.key)!), { conflicts: ['f'] }, 'the same field: a choice');
  });
});
