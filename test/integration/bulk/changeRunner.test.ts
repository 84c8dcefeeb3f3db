import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeRunner } from '../../../src/bulk/changeRunner';
import { JournalStore } from '../../../src/bulk/journalStore';
import type { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { pagingMethodOf, versionAtLeast } from '../../../src/cluster/model/clusterEngine';
import { plainGateway } from '../../support/plainGateway';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const INDEX = 'scripted';
const DOCS = 300;
// Even documents get `k` added, odd ones are left alone by the script itself (a no-op the cluster reports).
const SCRIPT = { source: "if (ctx._source.n % 2 == 0) { ctx._source.n += params.k } else { ctx.op = 'noop' }", params: '{"k":1000}' };
const source = (i: number): string => `{"n":${i},"big":9007199254740993,"f":1.0,"name":"caf\\u00e9"}`;

/**
 * The Painless script kind of a bulk change: the cluster runs it per document through `_bulk`
 * updates, each conditional on its version in the snapshot. Only OpenSearch runs Painless here;
 * the test server answers as a cluster with scripting off, and the embedded Elasticsearch has no
 * Painless: there every document is refused, with the cluster's reason, and nothing is written.
 */
describe('A bulk change on the cluster under test: samples on request, and the Painless script kind', function () {
  this.timeout(120_000);
  let server: TestCluster;
  let gateway: ClusterGateway;
  let store: DocumentStore;
  let dir: string;
  let runner: ChangeRunner;
  // Painless is embedded for OpenSearch 2 and 3 only (lang-painless 1.3.x is not on Maven Central).
  let scriptsRun = (): boolean => false;
  let snapshots = true;

  before(async () => {
    server = await startTestCluster();
    gateway = plainGateway(server.url, 30_000);
    store = new DocumentStore(() => gateway);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-scripted-'));
    runner = new ChangeRunner(() => gateway, store, new JournalStore(dir, () => 10), { refresh: () => 'true', batchDocuments: () => 100, batchBytes: () => 1024 * 1024 });
    await gateway.send({ method: 'DELETE', path: `/${INDEX}` });
    await server.createIndex(INDEX, 2);
    const identity = await gateway.cluster();
    scriptsRun = () => server.real && identity.engine === 'opensearch' && versionAtLeast(identity.version, 2, 0);
    snapshots = pagingMethodOf(identity) !== 'searchAfter';
    const lines = Array.from({ length: DOCS }, (_, i) => `{"index":{"_id":"d${i}"}}\n${source(i)}\n`).join('');
    await gateway.sendOk({ method: 'POST', path: `/${INDEX}/_bulk`, query: { refresh: 'true' }, body: lines, contentType: 'application/x-ndjson' });
  });

  after(async () => {
    await runner.dispose();
    await gateway.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = async (id: string): Promise<string> => {
    const doc = await store.get({ connectionId: 'test', index: INDEX, id });
    assert.ok(doc.found, id);
    return doc.sourceText;
  };

  it('shows any one document\'s change on request, from the preview\'s snapshot', async () => {
    const preview = await runner.preview({ connectionId: 'test', index: INDEX, query: 'n:<250', change: { set: { path: 'f', value: '2.0' } } });
    assert.equal(preview.samples.length, 20);
    // Changed after the snapshot: the sample still shows the snapshot's version, which the change would be conditional on.
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}/_doc/d200`, query: { refresh: 'true' }, body: '{"n":200,"f":1.0,"later":true}' });
    const { sample } = await runner.sample(preview.changeSetId, 'd200');
    // Without a point in time (OpenSearch before 2.4) there is no snapshot: the sample is the document as it is now.
    const seen = snapshots ? source(200) : '{"n":200,"f":1.0,"later":true}';
    assert.deepEqual([sample?.before, sample?.after], [seen, seen.replace('"f":1.0', '"f":2.0')]);
    assert.match((await runner.sample(preview.changeSetId, 'd299')).why ?? '', /no document with the id d299 matches/);
    assert.match((await runner.sample(preview.changeSetId, 'nothing')).why ?? '', /no document/);
    await runner.forget(preview.changeSetId);
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}/_doc/d200`, query: { refresh: 'true' }, body: source(200) });
  });

  it('tells from the journal what the change did to one document: its prior source and the text it wrote', async () => {
    const preview = await runner.preview({ connectionId: 'test', index: INDEX, query: 'n:<3', change: { set: { path: 'f', value: '2.0' } } });
    await runner.apply(preview.changeSetId);
    assert.deepEqual(await runner.writeOf(preview.changeSetId, { index: INDEX, id: 'd1' }), { prior: source(1), wrote: source(1).replace('"f":1.0', '"f":2.0') });
    assert.equal(await runner.writeOf(preview.changeSetId, { index: INDEX, id: 'd7' }), undefined, 'not in the change set');
    const undone = await runner.undo(preview.changeSetId);
    assert.equal(undone.restored, 3);
    assert.equal(await read('d1'), source(1));
  });

  it('previews the count and the script, with no diff: only the cluster can run it', async () => {
    const preview = await runner.preview({ connectionId: 'test', index: INDEX, change: { script: SCRIPT } });
    assert.equal(preview.scripted, true);
    assert.equal(preview.matched, DOCS);
    assert.equal(preview.willChange, DOCS);
    assert.deepEqual(preview.samples, []);
    assert.match(preview.description, /^script if \(ctx\._source\.n % 2 == 0\)/);
    await runner.forget(preview.changeSetId);
  });

  it('applies each update conditionally: a document changed meanwhile is a conflict, a no-op is unchanged; undo restores the exact sources', async function () {
    const preview = await runner.preview({ connectionId: 'test', index: INDEX, change: { script: SCRIPT } });
    // A colleague changes d2 after the snapshot.
    await gateway.sendOk({ method: 'PUT', path: `/${INDEX}/_doc/d2`, query: { refresh: 'true' }, body: '{"n":2,"note":"a colleague"}' });
    const applied = await runner.apply(preview.changeSetId);
    if (!scriptsRun()) {
      // d2's stale version is found before the script is compiled: it is the one conflict; every other document is refused, unchanged.
      // Without a snapshot (no point in time: OpenSearch before 2.4) the apply reads d2 as it is now: no conflict, refused as the rest.
      assert.equal(applied.changed, 0);
      assert.deepEqual(applied.conflicts.map((doc) => doc.id), snapshots ? ['d2'] : []);
      assert.equal(applied.refused.length, snapshots ? DOCS - 1 : DOCS);
      assert.match(applied.refused[0].reason, /^illegal_argument_exception: failed to execute script: (cannot execute \[inline\] scripts|script_lang not supported \[painless\])$/);
      assert.equal(await read('d4'), source(4));
      return this.skip();
    }
    assert.equal(applied.changed, DOCS / 2 - 1);
    assert.equal(applied.unchanged, DOCS / 2);
    assert.deepEqual(applied.conflicts.map((doc) => doc.id), ['d2']);
    assert.deepEqual(applied.refused, []);
    assert.match(await read('d4'), /"n":1004/);
    assert.match(await read('d2'), /a colleague/);

    const reapplied = await runner.reapply(preview.changeSetId);
    assert.equal(reapplied.changed, 1);
    assert.match(await read('d2'), /"n":1002/);

    // The colleague edits d6 after the change: undo leaves it, and restores the rest byte for byte.
    const d6 = await store.get({ connectionId: 'test', index: INDEX, id: 'd6' });
    assert.ok(d6.found);
    await store.replace({ connectionId: 'test', index: INDEX, id: 'd6' }, '{"n":6,"note":"after the change"}', d6.token, 'true');
    const undone = await runner.undo(preview.changeSetId);
    assert.equal(undone.restored, DOCS / 2 - 1, 'every written document but d6, the re-applied d2 included');
    assert.deepEqual(undone.changedSince.map((doc) => doc.id), ['d6']);
    assert.equal(await read('d4'), source(4));
    assert.equal(await read('d3'), source(3), 'a no-op is not rewritten');
    assert.equal(await read('d6'), '{"n":6,"note":"after the change"}');
    assert.equal(await read('d2'), '{"n":2,"note":"a colleague"}', 'd2 back to the version the re-apply changed');
  });
});
