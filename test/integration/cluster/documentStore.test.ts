import * as assert from 'node:assert/strict';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { plainGateway, plainSettings } from '../../support/plainGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

// The largest long, beyond 2^53: a JavaScript number would print it as 9223372036854776000.
const SOURCE = '{"n": 9223372036854775807, "f": 1.0, "s": "é😀", "2": "b", "1": "a"}';

describe('DocumentStore against the cluster under test', () => {
  let server: TestCluster;
  let gateway: ClusterGateway;
  let store: DocumentStore;
  // Each test writes a document of its own, so that none depends on what another left behind.
  let documents = 0;
  const freshAddress = () => ({ connectionId: 'test', index: 'store', id: `a/b?c#d%e f😀 ${++documents}` });
  /** A new document holding `source`, created as the extension creates one. */
  const stored = async (source: string) => {
    const address = freshAddress();
    const created = await store.create(address, source, 'false');
    assert.equal(created.result, 'created');
    return { address, token: created.token };
  };

  before(async () => {
    server = await startTestCluster();
    gateway = plainGateway(server.url, 10000);
    store = new DocumentStore(() => gateway);
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  it('creates, reads back the exact source, and replaces conditionally', async () => {
    const { address, token } = await stored(SOURCE);
    const read = await store.get(address);
    assert.ok(read.found);
    assert.equal(read.sourceText, SOURCE);
    assert.deepEqual(read.token, token);

    const replaced = await store.replace(address, '{"v":2}', read.token, 'false');
    assert.equal(replaced.result, 'updated');
    assert.ok(replaced.token.seqNo > read.token.seqNo);
    assert.equal(replaced.token.version, read.token.version + 1);
  });

  it('refuses a replace based on an old version with the cluster reason', async () => {
    const { address, token } = await stored(SOURCE);
    const current = await store.replace(address, '{"v":2}', token, 'false');
    const stale = { ...current.token, seqNo: current.token.seqNo - 1 };
    const error = await store.replace(address, '{"v":3}', stale, 'false').then(
      () => assert.fail('the stale write succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ClusterError);
    assert.equal(error.failure.kind, 'conflict');
    assert.match(error.failure.reason, /version conflict, required seqNo \[\d+\], primary term \[1\]\. current document has seqNo \[\d+\]/);
    const after = await store.get(address);
    assert.ok(after.found);
    assert.equal(after.sourceText, '{"v":2}');
  });

  it('never overwrites with create', async () => {
    const { address } = await stored(SOURCE);
    await assert.rejects(store.create(address, '{"v":4}', 'false'), (e: unknown) => e instanceof ClusterError && e.failure.kind === 'conflict');
    const kept = await store.get(address);
    assert.ok(kept.found);
    assert.equal(kept.sourceText, SOURCE);
  });

  it('tells a missing document from a missing index', async () => {
    const { address } = await stored(SOURCE);
    assert.deepEqual(await store.get({ ...address, id: 'nope' }), { found: false });
    await assert.rejects(store.get({ ...address, index: 'no-such-index' }), (e: unknown) => e instanceof ClusterError && e.failure.kind === 'indexMissing');
  });

  it('on a read-only connection refuses every write before sending it, and still reads', async () => {
    const { address, token } = await stored(SOURCE);
    const settings = plainSettings(server.url, 10000);
    const readOnly = new ClusterGateway({ ...settings, connection: { ...settings.connection, readOnly: true } });
    const guarded = new DocumentStore(() => readOnly);
    const refused = (e: unknown) => e instanceof ClusterError && e.failure.kind === 'readOnly';
    try {
      await assert.rejects(guarded.replace(address, '{"v":5}', token, 'false'), refused);
      await assert.rejects(guarded.create(freshAddress(), '{"v":5}', 'false'), refused);
      await assert.rejects(guarded.updateFields(address, '{"v":5}', 0, 'false'), refused);
      await assert.rejects(guarded.delete(address, token, 'false'), refused);
      const read = await guarded.get(address);
      assert.ok(read.found);
      assert.equal(read.sourceText, SOURCE, 'nothing was written');
      assert.deepEqual(read.token, token);
    } finally {
      await readOnly.close();
    }
  });

  it('reports an unreachable cluster as a network failure', async () => {
    const down = plainGateway('http://127.0.0.1:9', 2000);
    try {
      await assert.rejects(new DocumentStore(() => down).get(freshAddress()), (e: unknown) => e instanceof ClusterError && e.failure.kind === 'network');
    } finally {
      await down.close();
    }
  });
});
