import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { es } from './http-helper';

const RAW = '{"n": 12345678901234567890, "f": 1.0, "s": "é😀", "2": "a", "1": "b"}';
const COMPACT_SOURCE = RAW;

describe('_source byte fidelity', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer();
    // 12345678901234567890 is beyond a long: dynamically mapped as `long` it would be refused, as on
    // Elasticsearch, so the field is mapped for the range it needs.
    const created = await es(server.url, 'PUT', '/fid', { mappings: { properties: { n: { type: 'unsigned_long' } } } });
    assert.equal(created.status, 200, created.text);
    const put = await es(server.url, 'PUT', '/fid/_doc/x?refresh=true', RAW);
    assert.equal(put.status, 201);
  });
  after(() => server.close());

  it('returns the source exactly as sent from GET', async () => {
    const r = await es(server.url, 'GET', '/fid/_doc/x');
    assert.ok(r.text.includes(`"_source":${COMPACT_SOURCE}`), r.text);
  });

  it('returns the source exactly as sent from the _source endpoint', async () => {
    const r = await es(server.url, 'GET', '/fid/_source/x');
    assert.equal(r.text, RAW);
  });

  it('returns the source exactly as sent in search hits and mget', async () => {
    const s = await es(server.url, 'POST', '/fid/_search', { query: { match_all: {} } });
    assert.ok(s.text.includes(`"_source":${COMPACT_SOURCE}`), s.text);
    const m = await es(server.url, 'POST', '/_mget', { docs: [{ _index: 'fid', _id: 'x' }] });
    assert.ok(m.text.includes(`"_source":${COMPACT_SOURCE}`), m.text);
  });

  it('keeps key order and number text when filtering the source', async () => {
    const r = await es(server.url, 'GET', '/fid/_source/x?_source_excludes=s');
    assert.equal(r.text, '{"n":12345678901234567890,"f":1.0,"2":"a","1":"b"}');
  });

  it('keeps untouched fields verbatim through a partial update', async () => {
    await es(server.url, 'POST', '/fid/_update/x', { doc: { s: 'z' } });
    const r = await es(server.url, 'GET', '/fid/_source/x');
    assert.equal(r.text, '{"n":12345678901234567890,"f":1.0,"s":"z","2":"a","1":"b"}');
  });

  it('pretty-prints without touching numbers', async () => {
    const r = await es(server.url, 'GET', '/fid/_source/x?pretty');
    assert.ok(r.text.includes('"n" : 12345678901234567890'), r.text);
    assert.ok(r.text.includes('"f" : 1.0'), r.text);
  });

  it('stores a 10 MB document and returns it intact', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(10 * 1024 * 1024), n: 1 });
    const put = await es(server.url, 'PUT', '/fid/_doc/big', big);
    assert.equal(put.status, 201);
    const got = await es(server.url, 'GET', '/fid/_source/big');
    assert.equal(got.text.length, big.length);
    assert.equal(got.text, big);
  });
});
