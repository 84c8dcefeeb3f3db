import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { normalizeProductVersion, parseDistribution } from '../../server/distribution';
import { es } from './http-helper';

describe('test server impersonating OpenSearch', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({ distribution: 'opensearch', refreshIntervalMs: -1 });
  });
  after(() => server.close());
  afterEach(async () => {
    await es(server.url, 'POST', '/_esdocs_test/reset');
  });

  it('answers GET / as OpenSearch 2.19.6, without X-Elastic-Product', async () => {
    const root = await es(server.url, 'GET', '/');
    assert.equal(root.status, 200);
    assert.equal(root.json.version.distribution, 'opensearch');
    assert.equal(root.json.version.number, '2.19.6');
    assert.equal(root.json.tagline, 'The OpenSearch Project: https://opensearch.org/');
    assert.equal(root.json.version.build_flavor, undefined);
    assert.equal(root.headers.get('x-elastic-product'), null);
  });

  it('sends no X-Elastic-Product on errors or unknown routes either', async () => {
    for (const [method, path] of [['GET', '/missing/_doc/1'], ['GET', '/_nope'], ['PATCH', '/movies/_doc/1']] as const) {
      const reply = await es(server.url, method, path);
      assert.ok(reply.status >= 400, `${method} ${path}`);
      assert.equal(reply.headers.get('x-elastic-product'), null, `${method} ${path}`);
    }
  });

  it('has no Elasticsearch-only endpoints: /_pit and /_capabilities are unknown routes', async () => {
    await es(server.url, 'PUT', '/movies/_doc/1?refresh=true', { title: 'a' });
    const open = await es(server.url, 'POST', '/movies/_pit?keep_alive=1m');
    assert.equal(open.status, 400);
    assert.deepEqual(open.json, { error: 'no handler found for uri [/movies/_pit] and method [POST]' });
    assert.equal((await es(server.url, 'GET', '/_capabilities?method=GET&path=/')).status, 400);
    assert.equal((await es(server.url, 'GET', '/_security/_authenticate')).status, 400);
  });

  it('opens, lists, searches through and deletes points in time the OpenSearch way', async () => {
    await es(server.url, 'POST', '/movies/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"year":2001}\n{"index":{"_id":"2"}}\n{"year":2002}\n');
    const created = await es(server.url, 'POST', '/movies/_search/point_in_time?keep_alive=23h');
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(Object.keys(created.json), ['pit_id', '_shards', 'creation_time']);
    assert.deepEqual(created.json._shards, { total: 1, successful: 1, skipped: 0, failed: 0 });
    const pitId = created.json.pit_id as string;

    await es(server.url, 'PUT', '/movies/_doc/3?refresh=true', { year: 2003 });
    const page = await es(server.url, 'POST', '/_search', { size: 1, sort: [{ year: 'asc' }], pit: { id: pitId, keep_alive: '10m' } });
    assert.equal(page.status, 200, page.text);
    assert.equal(page.json.pit_id, pitId);
    assert.equal(page.json.hits.total.value, 2, 'the point in time does not see the later document');
    assert.equal(page.json.hits.hits[0]._id, '1');
    assert.equal(page.json.hits.hits[0]._type, undefined, 'OpenSearch 2 has no _type in hits');

    const listed = await es(server.url, 'GET', '/_search/point_in_time/_all');
    assert.deepEqual(listed.json.pits.map((p: { pit_id: string; keep_alive: number }) => [p.pit_id, p.keep_alive]), [[pitId, 82_800_000]]);

    const deleted = await es(server.url, 'DELETE', '/_search/point_in_time', { pit_id: [pitId] });
    assert.deepEqual(deleted.json, { pits: [{ successful: true, pit_id: pitId }] });
    const gone = await es(server.url, 'POST', '/_search', { pit: { id: pitId } });
    assert.equal(gone.status, 404);
    assert.deepEqual((await es(server.url, 'DELETE', '/_search/point_in_time/_all')).json, { pits: [] });
  });

  it('deletes every point in time with DELETE /_search/point_in_time/_all', async () => {
    await es(server.url, 'PUT', '/movies/_doc/1?refresh=true', { year: 2001 });
    const a = (await es(server.url, 'POST', '/movies/_search/point_in_time?keep_alive=1m')).json.pit_id as string;
    const b = (await es(server.url, 'POST', '/movies/_search/point_in_time?keep_alive=1m')).json.pit_id as string;
    const all = await es(server.url, 'DELETE', '/_search/point_in_time/_all');
    assert.deepEqual(new Set(all.json.pits.map((p: { pit_id: string }) => p.pit_id)), new Set([a, b]));
    assert.deepEqual((await es(server.url, 'GET', '/_search/point_in_time/_all')).json, { pits: [] });
  });

  it('has no _shard_doc and adds no tiebreaker to PIT searches', async () => {
    await es(server.url, 'PUT', '/movies/_doc/1?refresh=true', { year: 2001 });
    const pitId = (await es(server.url, 'POST', '/movies/_search/point_in_time?keep_alive=1m')).json.pit_id as string;
    const sorted = await es(server.url, 'POST', '/_search', { pit: { id: pitId }, sort: [{ year: 'desc' }] });
    assert.deepEqual(sorted.json.hits.hits[0].sort, [2001]);
    const unsorted = await es(server.url, 'POST', '/_search', { pit: { id: pitId } });
    assert.equal(unsorted.json.hits.hits[0].sort, undefined);
    const shardDoc = await es(server.url, 'POST', '/_search', { pit: { id: pitId }, sort: [{ _shard_doc: 'asc' }] });
    assert.equal(shardDoc.status, 400);
    assert.equal(shardDoc.json.error.type, 'search_phase_execution_exception');
    assert.equal(shardDoc.json.error.caused_by.reason, 'No mapping found for [_shard_doc] in order to sort on');
  });

  it('refuses a PIT id it cannot decode, and answers a closed one with the shard cause', async () => {
    const bad = await es(server.url, 'POST', '/_search', { pit: { id: 'abc' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.reason, 'invalid id: [abc]');
    assert.equal(bad.json.error.caused_by.reason, null);
    assert.equal((await es(server.url, 'DELETE', '/_search/point_in_time', { pit_id: ['abc'] })).status, 400);
    await es(server.url, 'PUT', '/movies/_doc/1?refresh=true', { year: 2001 });
    const pitId = (await es(server.url, 'POST', '/movies/_search/point_in_time?keep_alive=1m')).json.pit_id as string;
    await es(server.url, 'DELETE', '/_search/point_in_time', { pit_id: pitId });
    const gone = await es(server.url, 'POST', '/_search', { pit: { id: pitId } });
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.caused_by.type, 'search_context_missing_exception');
  });

  it('answers JSON with a charset and ignores compatible-with, which Elasticsearch clients send', async () => {
    const root = await fetch(server.url, { headers: { accept: 'application/vnd.elasticsearch+json; compatible-with=8' } });
    assert.equal(root.status, 200);
    assert.equal(root.headers.get('content-type'), 'application/json; charset=UTF-8');
    const put = await fetch(`${server.url}/movies/_doc/1`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/vnd.elasticsearch+json; compatible-with=8' } });
    assert.equal(put.status, 406);
  });

  it('refuses a point in time without keep_alive', async () => {
    await es(server.url, 'PUT', '/movies/_doc/1', { year: 2001 });
    const reply = await es(server.url, 'POST', '/movies/_search/point_in_time');
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.type, 'action_request_validation_exception');
  });

  it('answers documents without _type and mapping errors as mapper_parsing_exception', async () => {
    await es(server.url, 'PUT', '/movies', { mappings: { properties: { year: { type: 'integer' } } } });
    const put = await es(server.url, 'PUT', '/movies/_doc/1', { year: 2001 });
    assert.equal(put.json._type, undefined);
    const got = await es(server.url, 'GET', '/movies/_doc/1');
    assert.equal(got.json._type, undefined);
    assert.equal(got.json._seq_no, 0);
    const bad = await es(server.url, 'PUT', '/movies/_doc/2', { year: 'soon' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.type, 'mapper_parsing_exception');
    const missing = await es(server.url, 'GET', '/nope/_doc/1');
    assert.equal(missing.json.error['resource.type'], 'index_expression');
    const search = await es(server.url, 'GET', '/nope/_search');
    assert.equal(search.json.error['resource.type'], 'index_or_alias');
    const bigger = await es(server.url, 'PUT', '/movies/_doc/3', '{"year":12345678901234567890123}');
    assert.equal(bigger.json.error.reason, "failed to parse field [year] of type [integer] in document with id '3'. Preview of field's value: '12345678901234567890123'");
    assert.equal(bigger.json.error.caused_by.type, 'input_coercion_exception');
    assert.match(bigger.json.error.caused_by.reason, /Source: REDACTED/);
  });

  it('gives new indices an OpenSearch index.version.created', async () => {
    await es(server.url, 'PUT', '/movies');
    const settings = await es(server.url, 'GET', '/movies/_settings?flat_settings=true');
    assert.equal(settings.json.movies.settings['index.version.created'], String(2_190_699 ^ 0x08000000));
  });

  it('keeps _type in OpenSearch 1.3 answers', async () => {
    const old = await startEsServer({ distribution: 'opensearch', version: '1.x' });
    try {
      assert.equal((await es(old.url, 'GET', '/')).json.version.number, '1.3.20');
      const put = await es(old.url, 'PUT', '/movies/_doc/1', { year: 2001 });
      assert.equal(put.json._type, '_doc');
    } finally {
      await old.close();
    }
  });
});

describe('distribution and version options', () => {
  it('accepts OpenSearch 1.3.x, 2.x and 3.x and defaults to 2.19.6', () => {
    assert.equal(normalizeProductVersion('opensearch', undefined), '2.19.6');
    assert.equal(normalizeProductVersion('opensearch', '2.x'), '2.19.6');
    assert.equal(normalizeProductVersion('opensearch', '2.11.1'), '2.11.1');
    assert.equal(normalizeProductVersion('opensearch', '3.x').split('.')[0], '3');
    assert.equal(normalizeProductVersion('opensearch', '1.3.x'), '1.3.0');
    assert.throws(() => normalizeProductVersion('opensearch', '1.2.4'), /only 1\.3\.x/);
    assert.throws(() => normalizeProductVersion('opensearch', '8.19.0'), /unsupported major version \[8\]/);
  });

  it('keeps Elasticsearch the default distribution, with its versions', () => {
    assert.equal(parseDistribution(undefined), 'elasticsearch');
    assert.equal(normalizeProductVersion('elasticsearch', undefined), '8.19.0');
    assert.throws(() => normalizeProductVersion('elasticsearch', '2.19.6'), /unsupported major version \[2\]/);
    assert.throws(() => parseDistribution('solr'), /unknown distribution \[solr\]/);
  });

  it('still sends X-Elastic-Product as Elasticsearch', async () => {
    const server = await startEsServer({});
    try {
      const root = await es(server.url, 'GET', '/');
      assert.equal(root.headers.get('x-elastic-product'), 'Elasticsearch');
      assert.equal(root.json.version.distribution, undefined);
      assert.equal(root.json.tagline, 'You Know, for Search');
    } finally {
      await server.close();
    }
  });
});
