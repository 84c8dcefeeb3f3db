import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { es } from './http-helper';

// Answers the real Elasticsearch 8.19 gives for the same requests (taken from a running engine).
describe('test server answers as Elasticsearch does', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer();
    const movies = { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { title: { type: 'text' }, year: { type: 'integer' } } } };
    assert.equal((await es(server.url, 'PUT', '/movies', movies)).status, 200);
    const lines = ['1', '260', '318'].map((id, i) => `{"index":{"_id":"${id}"}}\n{"title":"Film ${id}","year":${1991 + i * 4}}\n`).join('');
    assert.equal((await es(server.url, 'POST', '/movies/_bulk?refresh=true', lines)).status, 200);
  });
  after(() => server.close());

  it('maps number tokens by their text: 1.0 as float, 5 as long', async () => {
    assert.equal((await es(server.url, 'PUT', '/dyn/_doc/1', '{"ratio":1.0,"count":5}')).status, 201);
    const mapping = (await es(server.url, 'GET', '/dyn/_mapping')).json.dyn.mappings.properties;
    assert.deepEqual([mapping.ratio.type, mapping.count.type], ['float', 'long']);
  });

  it('refuses an integer beyond long, keeping no mapping of the refused document', async () => {
    const r = await es(server.url, 'PUT', '/dyn/_doc/huge', '{"fresh":1,"big":12345678901234567890123}');
    assert.equal(r.status, 400);
    const reason = "[1:18] failed to parse field [big] of type [long] in document with id 'huge'. Preview of field's value: '12345678901234567890123'";
    assert.deepEqual(r.json.error.root_cause, [{ type: 'document_parsing_exception', reason }]);
    assert.equal(r.json.error.caused_by.type, 'x_content_parse_exception');
    assert.ok(r.json.error.caused_by.reason.startsWith('[1:41] Numeric value (12345678901234567890123) out of range of long (-9223372036854775808 - 9223372036854775807)\n at [Source: (byte[])"{"fresh"'));
    const mapping = (await es(server.url, 'GET', '/dyn/_mapping')).json.dyn.mappings.properties;
    assert.equal(mapping.fresh, undefined);
  });

  it('refuses out-of-range values of integer, byte and float fields with the engine texts', async () => {
    const props = { i: { type: 'integer' }, b: { type: 'byte' }, f: { type: 'float' } };
    await es(server.url, 'PUT', '/typed', { mappings: { properties: props } });
    const int = await es(server.url, 'PUT', '/typed/_doc/1', '{"i":2147483648}');
    assert.ok(int.json.error.caused_by.reason.startsWith('[1:16] Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)'));
    const byte = await es(server.url, 'PUT', '/typed/_doc/1', '{"b":128.5}');
    assert.deepEqual(byte.json.error.caused_by, { type: 'illegal_argument_exception', reason: 'Value [128] is out of range for a byte' });
    const float = await es(server.url, 'PUT', '/typed/_doc/1', '{"f":1e39}');
    assert.equal(float.json.error.reason, "[1:6] failed to parse field [f] of type [float] in document with id '1'. Preview of field's value: 'Infinity'");
    assert.equal((await es(server.url, 'PUT', '/typed/_doc/2', '{"f":12345678901234567890123,"b":127.9}')).status, 201);
  });

  it('resolves names, aliases and wildcards like _resolve/index', async () => {
    await es(server.url, 'POST', '/_aliases', { actions: [{ add: { index: 'movies', alias: 'films' } }] });
    const r = await es(server.url, 'GET', '/_resolve/index/movies,films,nope*');
    assert.equal(r.text, '{"indices":[{"name":"movies","aliases":["films"],"attributes":["open"]}],"aliases":[{"name":"films","indices":["movies"]}],"data_streams":[]}');
    assert.equal((await es(server.url, 'GET', '/_resolve/index/nope')).status, 404);
  });

  it('reads ranges, groups and AND in query_string', async () => {
    const ids = async (query: string): Promise<string[]> =>
      ((await es(server.url, 'POST', '/movies/_search', { query: { query_string: { query } } })).json.hits.hits as { _id: string }[]).map((h) => h._id);
    assert.deepEqual(await ids('title:film AND year:>1995'), ['318']);
    assert.deepEqual(await ids('title:film AND year:>=1995'), ['260', '318']);
    assert.deepEqual(await ids('year:[1995 TO 1998]'), ['260']);
    assert.deepEqual(await ids('title:(film AND 318)'), ['318']);
    assert.deepEqual(await ids('film -260'), ['1', '318']);
  });

  it('fails every shard on a query_string syntax error', async () => {
    const r = await es(server.url, 'POST', '/movies/_search', { query: { query_string: { query: 'title:(unclosed' } } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'search_phase_execution_exception');
    assert.equal(r.json.error.root_cause[0].reason, 'Failed to parse query [title:(unclosed]');
    assert.equal(r.json.error.root_cause[0].caused_by, undefined);
    const cause = r.json.error.failed_shards[0].reason.caused_by;
    assert.ok(cause.reason.startsWith(`Cannot parse 'title:(unclosed': Encountered "<EOF>" at line 1, column 15.`));
  });

  it('answers a closed point in time with its shard context id and no caused_by', async () => {
    const pit = (await es(server.url, 'POST', '/movies/_pit?keep_alive=1m')).json.id as string;
    await es(server.url, 'DELETE', '/_pit', { id: pit });
    const r = await es(server.url, 'POST', '/_search', { pit: { id: pit } });
    assert.equal(r.status, 404);
    assert.equal(r.json.error.caused_by, undefined);
    const failure = r.json.error.failed_shards[0];
    assert.equal(failure.index, 'movies');
    assert.match(failure.reason.reason, /^No search context found for id \[\d+\]$/);
  });

  it('gives a data stream backing index the replicas of its template', async () => {
    const template = { index_patterns: ['logs-p*'], data_stream: {}, template: { settings: { number_of_shards: 1, number_of_replicas: 0 } } };
    await es(server.url, 'PUT', '/_index_template/logs-p', template);
    const r = await es(server.url, 'PUT', '/logs-p/_create/1', { '@timestamp': '2026-01-01T00:00:00Z' });
    assert.equal(r.json._shards.total, 1);
  });
});
