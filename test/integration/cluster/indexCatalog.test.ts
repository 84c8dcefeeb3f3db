import * as assert from 'node:assert/strict';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { plainGateway } from '../../support/plainGateway';
import { listAliases, listDataStreams } from '../../../src/cluster/indexCatalog';
import { isRoutingRequired } from '../../../src/cluster/indexMappings';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

describe('index catalog against the cluster under test', () => {
  let server: TestCluster;
  let gateway: ClusterGateway;

  before(async () => {
    server = await startTestCluster();
    gateway = plainGateway(server.url, 10000);
    await gateway.sendOk({ method: 'PUT', path: '/routed', body: '{"mappings":{"_routing":{"required":true}}}' });
    await gateway.sendOk({ method: 'PUT', path: '/plain' });
    await gateway.sendOk({ method: 'POST', path: '/_aliases', body: '{"actions":[{"add":{"index":"plain","alias":"all"}},{"add":{"index":"routed","alias":"all"}},{"add":{"index":"plain","alias":".hidden-alias"}}]}' });
    // The embedded real Elasticsearch lacks the data-streams module (not on Maven Central; 7's refuses even the template).
    if (!server.real) {
      await gateway.sendOk({ method: 'PUT', path: '/_index_template/logs', body: '{"index_patterns":["logs-*"],"data_stream":{}}' });
      await gateway.sendOk({ method: 'PUT', path: '/_data_stream/logs-web' });
    }
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  it('tells which indices require routing', async () => {
    assert.equal(await isRoutingRequired(gateway, 'routed'), true);
    assert.equal(await isRoutingRequired(gateway, 'plain'), false);
  });

  it('lists aliases with their indices, hidden ones on request', async () => {
    assert.deepEqual(await listAliases(gateway, false), [{ name: 'all', indices: ['plain', 'routed'] }]);
    assert.deepEqual((await listAliases(gateway, true)).map((a) => a.name), ['.hidden-alias', 'all']);
  });

  it('lists data streams with their backing indices', async function () {
    if (server.real) this.skip();
    const [stream] = await listDataStreams(gateway);
    assert.equal(stream.name, 'logs-web');
    assert.equal(stream.backingIndices.length, 1);
    // Elasticsearch dates its backing indices; OpenSearch does not.
    assert.match(stream.backingIndices[0], /^\.ds-logs-web-(\d{4}\.\d{2}\.\d{2}-)?000001$/);
  });
});
