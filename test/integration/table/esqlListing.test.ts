import * as assert from 'node:assert/strict';
import type { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { EsqlListing } from '../../../src/table/esqlListing';
import { StagedEdits } from '../../../src/table/model/stagedEdits';
import { TableWriter } from '../../../src/table/tableWriter';
import { plainGateway } from '../../support/plainGateway';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const INDEX = 'table-esql';

describe('ES|QL rows of the documents table against the cluster under test', function () {
  this.timeout(60_000);
  let server: TestCluster;
  let gateway: ClusterGateway;

  before(async () => {
    server = await startTestCluster();
    gateway = plainGateway(server.url, 30_000);
    await gateway.send({ method: 'DELETE', path: `/${INDEX}` });
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}`, body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { title: { type: 'keyword' }, n: { type: 'long' }, f: { type: 'double' } } } }) });
    const lines = ['{"index":{"_id":"a"}}', '{"title":"A","n":9007199254740993,"f":1.0}', '{"index":{"_id":"b"}}', '{"title":"B","n":2,"f":7}', '{"index":{"_id":"c"}}', '{"title":["C","D"],"n":3}'];
    await gateway.sendOk({ method: 'POST', path: `/${INDEX}/_bulk`, query: { refresh: 'true' }, body: `${lines.join('\n')}\n`, contentType: 'application/x-ndjson' });
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  it('shows the answer\'s exact values and edits a row through one _mget and a conditional _bulk', async () => {
    const listing = new EsqlListing(gateway, `FROM ${INDEX} METADATA _id, _index | SORT _id | LIMIT 10`);
    const staged = new StagedEdits();
    const { rows, count } = await listing.rows(0, 100, staged, new Map());
    assert.equal(count, 3);
    assert.equal(listing.editable, true);
    assert.deepEqual(listing.columns?.map((column) => column.path), ['_id', 'f', 'n', 'title', '_index']);
    assert.deepEqual(rows[0].cells.n, { kind: 'number', text: '9007199254740993' });
    assert.deepEqual(rows[0].cells.f, { kind: 'number', text: '1.0' });
    assert.deepEqual(rows[1].cells.f, { kind: 'number', text: '7.0' }, 'a double as the engine prints it');
    assert.deepEqual(rows[2].cells.title, { kind: 'array', text: '["C","D"]' });
    assert.deepEqual(rows[2].cells.f, { kind: 'null', text: 'null' });
    const writer = new TableWriter('test', new DocumentStore(() => gateway), () => 'false', staged);
    const address = listing.addressOf(rows[1].key)!;
    const read = (await writer.read([address])).get(rows[1].key)!;
    assert.equal(read.sourceText, '{"title":"B","n":2,"f":7}');
    staged.stage(read, 'n', '20');
    const report = await writer.save();
    assert.equal(report.saved.length, 1);
    assert.equal((await gateway.send({ method: 'GET', path: `/${INDEX}/_source/b` })).text, '{"title":"B","n":20,"f":7}');
  });

  it('finds a row\'s document stored with a routing of its own (ES|QL gives none) by one search of its id, and saves it with that routing', async () => {
    const routed = `${INDEX}-routed`;
    await gateway.send({ method: 'DELETE', path: `/${routed}` });
    await gateway.sendOk({ method: 'PUT', path: `/${routed}`, body: JSON.stringify({ settings: { number_of_shards: 3, number_of_replicas: 0 }, mappings: { properties: { n: { type: 'long' } } } }) });
    const lines = Array.from({ length: 10 }, (_, i) => [`{"index":{"_id":"x${i}","routing":"elsewhere"}}`, `{"n":${i},"f":1.0}`]).flat();
    await gateway.sendOk({ method: 'POST', path: `/${routed}/_bulk`, query: { refresh: 'true' }, body: `${lines.join('\n')}\n`, contentType: 'application/x-ndjson' });
    // A document its id alone points to another shard than its routing did.
    let n = -1;
    for (let i = 0; i < 10 && n < 0; i++) if ((await gateway.send({ method: 'GET', path: `/${routed}/_doc/x${i}` })).status === 404) n = i;
    assert.ok(n >= 0, 'some id lands elsewhere without its routing');

    const listing = new EsqlListing(gateway, `FROM ${routed} METADATA _id, _index | WHERE n == ${n} | LIMIT 10`);
    const staged = new StagedEdits();
    const { rows } = await listing.rows(0, 10, staged, new Map());
    const address = listing.addressOf(rows[0].key)!;
    const writer = new TableWriter('test', new DocumentStore(() => gateway), () => 'false', staged);
    assert.equal((await writer.read([address])).get(rows[0].key), undefined, 'its id alone does not find it');
    const found = (await listing.findRouted(address))!;
    assert.equal(found.key, rows[0].key, 'the row keeps its key');
    assert.equal(found.routing, 'elsewhere');
    assert.equal(found.sourceText, `{"n":${n},"f":1.0}`);
    staged.stage(found, 'n', '100');
    assert.equal((await writer.save()).saved.length, 1);
    assert.equal((await gateway.send({ method: 'GET', path: `/${routed}/_source/x${n}`, query: { routing: 'elsewhere' } })).text, '{"n":100,"f":1.0}');
    await gateway.send({ method: 'DELETE', path: `/${routed}` });
  });

  it('a query without METADATA _id, _index gives rows that cannot be edited', async () => {
    const listing = new EsqlListing(gateway, `FROM ${INDEX} | KEEP title | LIMIT 1`);
    await listing.rows(0, 10, new StagedEdits(), new Map());
    assert.equal(listing.editable, false);
    assert.equal(listing.addressOf('["table-esql","a",null]'), undefined);
  });
});
