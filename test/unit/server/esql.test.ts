import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';

/** The test server's ES|QL subset, with the answers a real Elasticsearch 8.19 gave for the same data (see test/real-engines/esqlDifferential.ts). */
describe('test server ES|QL (POST /_query)', () => {
  let server: RunningEsServer;
  const query = async (text: string): Promise<{ status: number; warning: string | null; body: string }> => {
    const response = await fetch(`${server.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
    return { status: response.status, warning: response.headers.get('warning'), body: await response.text() };
  };

  before(async () => {
    server = await startEsServer({});
    await fetch(`${server.url}/m`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mappings: { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, year: { type: 'long' }, rating: { type: 'double' }, genre: { type: 'keyword' }, released: { type: 'date' } } } }) });
    const lines = [
      '{"title":"Interstellar","year":2014,"rating":8.6,"genre":"Sci-Fi","released":"2014-11-07"}',
      '{"title":"Arrival","year":2016,"rating":7.9,"genre":["B","A"],"released":"2016-11-11T10:20:30Z"}',
      '{"title":"No Rating","year":2005,"genre":"Drama","released":"2005-01-01"}',
      '{"title":"Far Future","year":9007199254740993,"rating":7,"genre":"Sci-Fi"}',
    ].map((doc, i) => `{"index":{"_id":"${i + 1}"}}\n${doc}\n`).join('');
    await fetch(`${server.url}/m/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines });
  });
  after(() => server.close());

  it('answers columns (mapped fields by name, multi-fields too, METADATA last) and exact values', async () => {
    const answer = await query('FROM m METADATA _id, _index | WHERE year > 2000 | SORT rating DESC | LIMIT 3');
    assert.equal(answer.status, 200);
    assert.equal(answer.warning, null);
    assert.match(answer.body, /^\{"documents_found":3,"values_loaded":\d+,"took":\d+,"is_partial":false,/);
    assert.ok(answer.body.endsWith(',"columns":[{"name":"genre","type":"keyword"},{"name":"rating","type":"double"},{"name":"released","type":"date"},{"name":"title","type":"text"},{"name":"title.keyword","type":"keyword"},{"name":"year","type":"long"},{"name":"_id","type":"keyword"},{"name":"_index","type":"keyword"}],'
      + '"values":[["Drama",null,"2005-01-01T00:00:00.000Z","No Rating","No Rating",2005,"3","m"],["Sci-Fi",8.6,"2014-11-07T00:00:00.000Z","Interstellar","Interstellar",2014,"1","m"],[["A","B"],7.9,"2016-11-11T10:20:30.000Z","Arrival","Arrival",2016,"2","m"]]}'), answer.body);
  });

  it('keeps big longs exact, prints doubles as Java does, and warns of the default limit', async () => {
    const answer = await query('FROM m | WHERE title.keyword == "Far Future" | KEEP year, rating');
    assert.match(answer.warning ?? '', /No limit defined, adding default limit of \[1000\]/);
    assert.ok(answer.body.endsWith('"values":[[9007199254740993,7.0]]}'), answer.body);
  });

  it('drops a row whose multi-valued field a comparison meets, and sorts nulls first when descending', async () => {
    assert.ok((await query('FROM m | WHERE NOT (genre == "A") | KEEP title | SORT title')).body.endsWith('"values":[["Far Future"],["Interstellar"],["No Rating"]]}'));
    assert.ok((await query('FROM m | SORT released DESC | KEEP title | LIMIT 2')).body.endsWith('"values":[["Far Future"],["Arrival"]]}'));
  });

  it('refuses as Elasticsearch does, and names what this server does not run', async () => {
    const unknown = await query('FROM m | WHERE nope > 1');
    assert.equal(unknown.status, 400);
    assert.match(unknown.body, /"type":"verification_exception","reason":"Found 1 problem\\nline 1:16: Unknown column \[nope\]"/);
    assert.match(unknown.warning ?? '', /default limit/);
    assert.match((await query('FROM nosuch')).body, /line 1:1: Unknown index \[nosuch\]/);
    assert.equal((await query('FROM m, nosuch')).status, 404);
    const parse = await query('FROM m | FOO');
    assert.match(parse.body, /"root_cause":\[\{"type":"parsing_exception","reason":"line 1:10: mismatched input 'FOO' expecting/);
    assert.match(parse.body, /"caused_by":\{"type":"input_mismatch_exception","reason":null\}/);
    assert.match((await query('FROM m | STATS c = COUNT(*)')).body, /the test server does not run the ES\|QL command \[STATS\]/);
  });
});
