import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { failover } from '../../server/control';
import { es } from './http-helper';

describe('test server concurrency semantics', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({ seed: 'movies' });
  });
  after(() => server.close());

  it('serves the seed note: Interstellar, conditional write, 409 on replay', async () => {
    const got = await es(server.url, 'GET', '/movies/_doc/109487');
    assert.equal(got.status, 200);
    assert.deepEqual(got.json._source, { genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar', year: 2014 });
    const { _seq_no: seq, _primary_term: term } = got.json;
    const put = await es(server.url, 'PUT', `/movies/_doc/109487?if_seq_no=${seq}&if_primary_term=${term}`, { title: 'Interstellar Foo' });
    assert.equal(put.status, 200);
    assert.equal(put.json._version, 2);
    assert.deepEqual(put.json._shards, { total: 2, successful: 1, failed: 0 });
    const replay = await es(server.url, 'PUT', `/movies/_doc/109487?if_seq_no=${seq}&if_primary_term=${term}`, { title: 'x' });
    assert.equal(replay.status, 409);
    assert.equal(replay.json.error.type, 'version_conflict_engine_exception');
    assert.equal(
      replay.json.error.reason,
      `[109487]: version conflict, required seqNo [${seq}], primary term [${term}]. current document has seqNo [${put.json._seq_no}] and primary term [1]`,
    );
    assert.equal(replay.json.error.shard, '0');
    assert.equal(replay.json.error.index, 'movies');
  });

  it('shares one _seq_no sequence per shard and continues versions after a delete', async () => {
    const a = await es(server.url, 'PUT', '/seq/_doc/a', { n: 1 });
    const b = await es(server.url, 'PUT', '/seq/_doc/b', { n: 1 });
    assert.deepEqual([a.json._seq_no, b.json._seq_no], [0, 1]);
    const del = await es(server.url, 'DELETE', '/seq/_doc/a');
    assert.deepEqual([del.json.result, del.json._version, del.json._seq_no], ['deleted', 2, 2]);
    const again = await es(server.url, 'PUT', '/seq/_doc/a', { n: 2 });
    assert.deepEqual([again.json.result, again.json._version, again.status], ['created', 3, 201]);
    const noop = await es(server.url, 'POST', '/seq/_update/a', { doc: { n: 2 } });
    assert.deepEqual([noop.json.result, noop.json._seq_no], ['noop', again.json._seq_no]);
    // The condition is checked before the noop detection, as Elasticsearch reads for the update.
    const staleNoop = await es(server.url, 'POST', `/seq/_update/a?if_seq_no=${again.json._seq_no - 1}&if_primary_term=1`, { doc: { n: 2 } });
    assert.equal(staleNoop.status, 409);
    assert.equal(staleNoop.json.error.reason, `[a]: version conflict, required seqNo [${again.json._seq_no - 1}], primary term [1]. current document has seqNo [${again.json._seq_no}] and primary term [1]`);
    const missing = await es(server.url, 'PUT', '/seq/_doc/zz?if_seq_no=0&if_primary_term=1', { n: 1 });
    assert.equal(missing.status, 409);
    assert.match(missing.json.error.reason, /but no document was found$/);
  });

  it('raises the primary term of a shard on failover', async () => {
    const before = await es(server.url, 'GET', '/movies/_doc/1');
    assert.equal(before.json._primary_term, 1);
    assert.equal(await failover(server.url, 'movies', 0), 2);
    const stale = await es(server.url, 'PUT', `/movies/_doc/1?if_seq_no=${before.json._seq_no}&if_primary_term=2`, { title: 't' });
    assert.equal(stale.status, 409);
    const write = await es(server.url, 'PUT', `/movies/_doc/1?if_seq_no=${before.json._seq_no}&if_primary_term=1`, { title: 't' });
    assert.equal(write.status, 200);
    assert.equal(write.json._primary_term, 2);
    assert.equal((await es(server.url, 'GET', '/movies/_doc/1')).json._primary_term, 2);
  });

  it('answers CAS validation errors like Elasticsearch', async () => {
    const r = await es(server.url, 'PUT', '/movies/_doc/1?if_seq_no=1', { a: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'action_request_validation_exception');
    assert.equal(r.json.error.reason, 'Validation Failed: 1: ifSeqNo is set, but primary term is [0];');
  });
});
