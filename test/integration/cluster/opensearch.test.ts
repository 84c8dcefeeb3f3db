import * as assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import type { ConnectionConfig } from '../../../src/cluster/model/connectionConfig';
import type { GetResult } from '../../../src/cluster/model/documentResponses';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { plainGateway } from '../../support/plainGateway';
import { DocumentPager } from '../../../src/cluster/documentPager';
import { DocumentStore } from '../../../src/cluster/documentStore';
import { verifySigV4, sigV4RefusalResponse, type SigV4Options } from '../../server/security/sigv4';
import { requestCounts } from '../../server/control';
import { startEsServer, type RunningEsServer } from '../../server/server';

/** The editing loop on the test server impersonating OpenSearch: open, conditional save, conflict, paging past 10,000. */
function editingLoop(name: string, gatewayOf: () => ClusterGateway, pagingPaths?: () => Promise<string[]>): void {
  describe(name, () => {
    const store = new DocumentStore(() => gatewayOf());
    const address = { connectionId: 'os', index: 'movies', id: 'a/b' };

    it('reads the engine from GET / and keeps the exact _source through open and save', async () => {
      const identity = await gatewayOf().cluster();
      assert.equal(identity.engine, 'opensearch');
      await gatewayOf().sendOk({ method: 'PUT', path: '/movies/_doc/a%2Fb', query: { refresh: 'true' }, body: '{"title":"Dune","n":1234567890123456789,"x":1.0}' });
      const opened = (await store.get(address)) as Extract<GetResult, { found: true }>;
      assert.equal(opened.sourceText, '{"title":"Dune","n":1234567890123456789,"x":1.0}');
      const saved = await store.replace(address, '{"title":"Dune","n":1234567890123456789,"x":2.0}', opened.token, 'false');
      assert.ok(saved.token.seqNo > opened.token.seqNo);
      await assert.rejects(store.replace(address, '{"title":"stale"}', opened.token, 'false'), (error: unknown) => error instanceof ClusterError && error.failure.kind === 'conflict');
      assert.equal(((await store.get(address)) as Extract<GetResult, { found: true }>).sourceText, '{"title":"Dune","n":1234567890123456789,"x":2.0}');
    });

    it('pages through 10,050 documents, each once, with the engine\'s own paging', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 10050; i++) lines.push(`{"index":{"_id":"d${i}"}}`, `{"rank":${i % 7}}`);
      await gatewayOf().sendOk({ method: 'PUT', path: '/many', body: '{"settings":{"number_of_shards":2}}' });
      await gatewayOf().sendOk({ method: 'POST', path: '/many/_bulk', query: { refresh: 'true' }, body: lines.join('\n') + '\n' });
      const pager = new DocumentPager(gatewayOf(), 'many', 2000);
      const ids = new Set<string>();
      let pages = 0;
      while (!pager.done) {
        for (const hit of await pager.nextPage()) ids.add(hit.id);
        pages++;
      }
      assert.equal(ids.size, 10050);
      assert.equal(pages, 6);
      assert.equal(pager.total?.value, 10050);
      if (pagingPaths) assert.deepEqual(await pagingPaths(), []);
    });
  });
}

describe('OpenSearch through OpenSearch\'s client (test server as OpenSearch 2.19)', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;
  before(async () => {
    server = await startEsServer({ distribution: 'opensearch', version: '2.19.6' });
    gateway = plainGateway(server.url, 30000);
  });
  after(async () => {
    await gateway.close();
    await server.close();
  });
  editingLoop('an unknown engine learnt from the first answer', () => gateway, async () => {
    const { byRoute } = await requestCounts(server.url);
    // OpenSearch's point in time was opened and closed; Elasticsearch's was never asked for.
    return ['POST /{index}/_search/point_in_time', 'DELETE /_search/point_in_time', 'POST /{index}/_pit'].filter((route, i) => (i < 2) !== (byRoute[route] ?? 0) > 0);
  });
});

describe('OpenSearch 1.3, without a point in time', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;
  before(async () => {
    server = await startEsServer({ distribution: 'opensearch', version: '1.3.20' });
    gateway = plainGateway(server.url, 30000);
  });
  after(async () => {
    await gateway.close();
    await server.close();
  });
  editingLoop('search_after on _id', () => gateway, async () => {
    const { byRoute } = await requestCounts(server.url);
    return Object.keys(byRoute).filter((route) => /point_in_time|_pit/.test(route));
  });
});

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** A SigV4-only front like Amazon OpenSearch Service's: verifies, then forwards to the test server. */
async function startSigV4Front(target: string, options: SigV4Options): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const refusal = verifySigV4({ method: req.method ?? 'GET', uri: req.url ?? '/', headers: req.headers, body }, options);
      if (refusal) {
        const answer = sigV4RefusalResponse(refusal);
        res.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      const forward = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('AWS SigV4 (keys from the environment, a SigV4-only front)', () => {
  let server: RunningEsServer;
  let front: { url: string; server: Server };
  let gateway: ClusterGateway;
  const saved = { ...process.env };
  const aws = (url: string, region = 'eu-west-1'): ConnectionConfig => ({ id: 'aws', name: 'aws', urls: [url], auth: 'aws', aws: { region, service: 'es' }, tls: {}, origin: 'added' });

  before(async () => {
    Object.assign(process.env, KEYS);
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    server = await startEsServer({ distribution: 'opensearch', version: '2.19.6' });
    front = await startSigV4Front(server.url, { region: 'eu-west-1', service: 'es', accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY });
    gateway = new ClusterGateway({ connection: aws(front.url), requestTimeoutMs: 30000 });
  });
  after(async () => {
    await gateway.close();
    await new Promise((resolve) => front.server.close(resolve));
    await server.close();
    for (const key of Object.keys(KEYS)) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
  });

  editingLoop('signed requests', () => gateway);

  it('a wrong region is refused with 403, naming the key used and how to refresh it, and sent once', async () => {
    const wrong = new ClusterGateway({ connection: aws(front.url, 'us-east-1'), requestTimeoutMs: 30000 });
    const rejected: string[] = [];
    const hooked = new ClusterGateway({ connection: aws(front.url, 'us-east-1'), requestTimeoutMs: 30000 }, { onRejected: (_, failure) => rejected.push(failure.reason) });
    try {
      await assert.rejects(wrong.sendOk({ method: 'GET', path: '/movies/_doc/1' }), (error: unknown) => {
        assert.ok(error instanceof ClusterError);
        assert.equal(error.failure.status, 403);
        assert.match(error.failure.reason, /Credential should be scoped to a valid region; signed for es in us-east-1 with access key …MPLE from the default AWS credential chain/);
        assert.match(error.failure.reason, /AWS_ACCESS_KEY_ID/);
        return true;
      });
      await hooked.send({ method: 'GET', path: '/' });
      assert.equal(rejected.length, 1);
    } finally {
      await wrong.close();
      await hooked.close();
    }
  });

  it('a wrong secret in the environment is refused: the signature does not match', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'not-the-secret';
    const wrong = new ClusterGateway({ connection: aws(front.url), requestTimeoutMs: 30000 });
    try {
      await assert.rejects(wrong.sendOk({ method: 'GET', path: '/' }), /signature we calculated does not match/);
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = KEYS.AWS_SECRET_ACCESS_KEY;
      await wrong.close();
    }
  });
});
