import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { ClusterGateway, encodePathSegment } from '../../../src/cluster/clusterGateway';
import { plainGateway } from '../../support/plainGateway';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const TOKEN = { seqNo: 0, primaryTerm: 1, version: 1 };

describe('Document ids in request paths', () => {
  it('encodes the dot segments `.` and `..`, and never throws on a lone surrogate', () => {
    assert.equal(encodePathSegment('.'), '%2E');
    assert.equal(encodePathSegment('..'), '%2E%2E');
    assert.equal(encodePathSegment('...'), '...');
    assert.equal(encodePathSegment('a.b'), 'a.b');
    assert.equal(encodePathSegment('x\ud800'), 'x%EF%BF%BD');
    assert.equal(encodePathSegment('😀'), '%F0%9F%98%80');
  });

  describe('on the wire', () => {
    // A bare HTTP server standing for a proxy: it records each request line and answers 404.
    const received: string[] = [];
    let recorder: Server;
    let gateway: ClusterGateway;
    let store: DocumentStore;

    before(async () => {
      recorder = createServer((req, res) => {
        received.push(`${req.method} ${req.url}`);
        res.writeHead(404, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }).end('{"found":false}');
      });
      await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
      gateway = plainGateway(`http://127.0.0.1:${(recorder.address() as AddressInfo).port}`);
      store = new DocumentStore(() => gateway);
    });

    after(async () => {
      await gateway.close();
      await new Promise((resolve) => recorder.close(resolve));
    });

    beforeEach(() => {
      received.length = 0;
    });

    it('sends `..` as %2E%2E, so that no proxy can turn a delete of the document into one of the index', async () => {
      await assert.rejects(store.delete({ connectionId: 'c', index: 'movies', id: '..' }, TOKEN, 'false'), ClusterError);
      await store.get({ connectionId: 'c', index: 'movies', id: '.' });
      assert.deepEqual(
        received.map((line) => line.replace(/\?.*/, '')),
        ['DELETE /movies/_doc/%2E%2E', 'GET /movies/_doc/%2E'],
      );
    });

    it('refuses an id with a lone surrogate, saying why, and sends nothing', async () => {
      for (const id of ['a\ud800', '\udc00b', 'x\udc00\ud800']) {
        await assert.rejects(store.get({ connectionId: 'c', index: 'movies', id }), (error: unknown) => {
          assert.ok(error instanceof ClusterError, String(error));
          assert.equal(error.failure.kind, 'badRequest');
          assert.match(error.failure.reason, /surrogate pair.*UTF-8/);
          return true;
        });
      }
      assert.deepEqual(received, []);
    });
  });

  describe('against the cluster under test', () => {
    let server: TestCluster;
    let gateway: ClusterGateway;

    before(async () => {
      server = await startTestCluster();
      gateway = plainGateway(server.url);
    });

    after(async () => {
      await gateway.close();
      await server.close();
    });

    it('creates, reads and deletes the documents `.` and `..` themselves', async () => {
      const store = new DocumentStore(() => gateway);
      for (const id of ['.', '..']) {
        const address = { connectionId: 'c', index: 'dots', id };
        const created = await store.create(address, `{"id":"${id}"}`, 'false');
        const read = await store.get(address);
        assert.ok(read.found, id);
        assert.equal(read.sourceText, `{"id":"${id}"}`);
        assert.equal((await store.delete(address, created.token, 'false')).result, 'deleted');
      }
    });
  });
});
