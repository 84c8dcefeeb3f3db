import * as assert from 'node:assert/strict';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { plainGateway } from '../../support/plainGateway';
import { DocumentPager } from '../../../src/cluster/documentPager';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { listIndices } from '../../../src/cluster/indexCatalog';
import { startEsServer } from '../../server/server';

// The core flows — list, open, conditional save, conflict — against each major the extension supports.
for (const version of ['7.17.25', '8.19.0', '9.1.0']) {
  describe(`Core flows against Elasticsearch ${version}`, () => {
    it('lists, opens, saves conditionally and meets a conflict', async () => {
      const server = await startEsServer({ port: 0, version });
      const gateway = plainGateway(server.url, 10000);
      try {
        assert.equal((await gateway.cluster()).version, version);
        const store = new DocumentStore(() => gateway);
        const address = { connectionId: 'c', index: 'films', id: '109487' };
        await store.create(address, '{"title":"Interstellar","n":9223372036854775807}', 'true');
        assert.ok((await listIndices(gateway, false)).some((i) => i.name === 'films'));
        const pager = new DocumentPager(gateway, 'films', 50, undefined);
        assert.deepEqual((await pager.nextPage()).map((h) => h.id), ['109487']);
        const read = await store.get(address);
        assert.ok(read.found);
        assert.equal(read.sourceText, '{"title":"Interstellar","n":9223372036854775807}');
        const saved = await store.replace(address, '{"title":"Interstellar Foo"}', read.token, 'false');
        await assert.rejects(store.replace(address, '{"title":"stale"}', read.token, 'false'), (e: unknown) => e instanceof ClusterError && e.failure.kind === 'conflict');
        assert.ok(saved.token.seqNo > read.token.seqNo);
      } finally {
        await gateway.close();
        await server.close();
      }
    });
  });
}
