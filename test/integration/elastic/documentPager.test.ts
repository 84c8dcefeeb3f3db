import * as assert from 'node:assert/strict';
import { ClusterGateway, settingsForUrl, type ClusterRequest } from '../../../src/elastic/clusterGateway';
import { DocumentPager } from '../../../src/elastic/documentPager';
import { listIndices } from '../../../src/elastic/indexCatalog';
import { startEsServer, type RunningEsServer } from '../../server/server';

describe('DocumentPager against the test cluster', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;

  before(async () => {
    server = await startEsServer({ port: 0 });
    gateway = ClusterGateway.forUrl(server.url, 10000);
    await gateway.sendOk({ method: 'PUT', path: '/pages', body: '{"settings":{"number_of_shards":3}}' });
    const lines: string[] = [];
    for (let i = 0; i < 1234; i++) lines.push(`{"index":{"_id":"d${i}"}}`, `{"title":"Doc ${i}","even":${i % 2 === 0}}`);
    await gateway.sendOk({ method: 'POST', path: '/pages/_bulk', query: { refresh: 'true' }, body: lines.join('\n') + '\n' });
  });

  after(async () => {
    await gateway.close();
    await server.close();
  });

  it('lists every document once, in pages', async () => {
    const pager = new DocumentPager(gateway, 'pages', 100, undefined);
    const ids: string[] = [];
    let pages = 0;
    while (!pager.done) {
      const hits = await pager.nextPage();
      ids.push(...hits.map((h) => h.id));
      pages++;
    }
    assert.equal(pages, 13);
    assert.equal(ids.length, 1234);
    assert.equal(new Set(ids).size, 1234);
  });

  it('applies a query-string filter', async () => {
    const pager = new DocumentPager(gateway, 'pages', 1000, 'even:true');
    const ids: string[] = [];
    while (!pager.done) ids.push(...(await pager.nextPage()).map((h) => h.id));
    assert.equal(ids.length, 617);
  });

  it('lists indices with their counts', async () => {
    const indices = await listIndices(gateway, false);
    const pages = indices.find((i) => i.name === 'pages');
    assert.ok(pages);
    assert.equal(pages.docsCount, 1234);
  });
});

describe('DocumentPager when its point in time expires', () => {
  let server: RunningEsServer;

  before(async () => {
    server = await startEsServer({ port: 0 });
  });

  after(async () => {
    await server.close();
  });

  it('reopens a point in time and carries on without repeating a document', async () => {
    const sent: ClusterRequest[] = [];
    class RecordingGateway extends ClusterGateway {
      override send(request: ClusterRequest) {
        sent.push(request);
        return super.send(request);
      }
    }
    const gateway = new RecordingGateway(settingsForUrl(server.url, 10000));
    try {
      const lines: string[] = [];
      for (let i = 0; i < 30; i++) lines.push(`{"index":{"_id":"e${i}"}}`, `{"n":${i}}`);
      await gateway.sendOk({ method: 'POST', path: '/expiring/_bulk', query: { refresh: 'true' }, body: lines.join('\n') + '\n' });
      const pager = new DocumentPager(gateway, 'expiring', 10, undefined);
      const ids = (await pager.nextPage()).map((h) => h.id);

      const lastSearch = sent.filter((r) => r.path === '/_search').pop();
      const pitId = (JSON.parse(lastSearch?.body ?? '{}') as { pit?: { id?: string } }).pit?.id;
      assert.ok(pitId, 'the pager searched with a point in time');
      await gateway.sendOk({ method: 'DELETE', path: '/_pit', body: JSON.stringify({ id: pitId }) });

      while (!pager.done) ids.push(...(await pager.nextPage()).map((h) => h.id));
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      assert.equal(sent.filter((r) => r.path.endsWith('/_pit') && r.method === 'POST').length, 2, 'a second point in time was opened');
    } finally {
      await gateway.close();
    }
  });
});
