import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { addFault, clearFaults, requestCounts, resetRequestCounts, resetServer } from '../../server/control';
import { es } from './http-helper';

describe('fault injection and request log', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({ seed: 'movies' });
  });
  after(() => server.close());
  afterEach(() => clearFaults(server.url));

  it('answers an ES-shaped error a given number of times', async () => {
    await addFault(server.url, { kind: 'error', status: 429, method: 'GET', path: '^/movies/_doc/', times: 1 });
    const first = await es(server.url, 'GET', '/movies/_doc/1');
    assert.equal(first.status, 429);
    assert.equal(first.json.error.type, 'es_rejected_execution_exception');
    assert.equal((await es(server.url, 'GET', '/movies/_doc/1')).status, 200);
  });

  it('adds latency, serves HTML and malformed bodies', async () => {
    await addFault(server.url, { kind: 'latency', latencyMs: 150, path: '^/$', times: 1 });
    const t0 = Date.now();
    assert.equal((await es(server.url, 'GET', '/')).status, 200);
    assert.ok(Date.now() - t0 >= 140);
    await addFault(server.url, { kind: 'html', path: '^/$', times: 1 });
    const html = await es(server.url, 'GET', '/');
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(html.headers.get('x-elastic-product'), null);
    await addFault(server.url, { kind: 'malformed', path: '^/$', times: 1 });
    const bad = await es(server.url, 'GET', '/');
    assert.equal(bad.json, undefined);
  });

  it('drops the connection before or after applying a write', async () => {
    await addFault(server.url, { kind: 'drop_before', method: 'PUT', path: '/_doc/', times: 1 });
    await assert.rejects(es(server.url, 'PUT', '/movies/_doc/drop1', { a: 1 }));
    assert.equal((await es(server.url, 'GET', '/movies/_doc/drop1')).status, 404);
    await addFault(server.url, { kind: 'drop_after', method: 'PUT', path: '/_doc/', times: 1 });
    await assert.rejects(es(server.url, 'PUT', '/movies/_doc/drop2', { a: 1 }));
    assert.equal((await es(server.url, 'GET', '/movies/_doc/drop2')).status, 200);
  });

  it('counts requests per route', async () => {
    await resetRequestCounts(server.url);
    await es(server.url, 'GET', '/movies/_doc/1');
    await es(server.url, 'GET', '/movies/_doc/2');
    await es(server.url, 'POST', '/movies/_search', {});
    const counts = await requestCounts(server.url);
    assert.equal(counts.total, 3);
    assert.equal(counts.byRoute['GET /{index}/_doc/{id}'], 2);
    assert.equal(counts.byRoute['POST /{index}/_search'], 1);
  });

  it('resets to an empty cluster', async () => {
    await resetServer(server.url);
    assert.equal((await es(server.url, 'GET', '/movies/_doc/1')).status, 404);
  });
});
