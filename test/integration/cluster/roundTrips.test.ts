import * as assert from 'node:assert/strict';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { plainGateway } from '../../support/plainGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { requestCounts, resetRequestCounts } from '../../server/control';
import { startEsServer, type RunningEsServer } from '../../server/server';

// One round trip per action: counted by the test cluster's own request log.
describe('Round trips per action', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;
  let store: DocumentStore;
  const address = { connectionId: 'test', index: 'trips', id: '1' };

  before(async () => {
    server = await startEsServer({ port: 0 });
    gateway = plainGateway(server.url, 10000);
    store = new DocumentStore(() => gateway);
    await store.create(address, '{"n":1}', 'true');
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  beforeEach(() => resetRequestCounts(server.url));

  it('opens with one GET', async () => {
    await store.get(address);
    assert.deepEqual((await requestCounts(server.url)).byRoute, { 'GET /{index}/_doc/{id}': 1 });
  });

  it('saves with one PUT and no refresh', async () => {
    const read = await store.get(address);
    assert.ok(read.found);
    await resetRequestCounts(server.url);
    await store.replace(address, '{"n":2}', read.token, 'false');
    const counts = await requestCounts(server.url);
    assert.equal(counts.total, 1);
    assert.deepEqual(Object.keys(counts.byRoute), ['PUT /{index}/_doc/{id}']);
  });

  it('sends nothing more after a conflict', async () => {
    const stale = { seqNo: 0, primaryTerm: 1, version: 1 };
    await assert.rejects(store.replace(address, '{"n":3}', stale, 'false'), (e: unknown) => e instanceof ClusterError && e.failure.kind === 'conflict');
    assert.equal((await requestCounts(server.url)).total, 1, 'the conflicting write is not retried');
  });
});
