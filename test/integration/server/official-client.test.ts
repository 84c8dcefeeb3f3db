import { strict as assert } from 'node:assert';
import { Client, errors } from '@elastic/elasticsearch';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { generateMovies } from '../../server/seed-movies';

describe('official @elastic/elasticsearch client against the test server', () => {
  let server: RunningEsServer;
  let client: Client;
  before(async () => {
    // The installed client is v9: it asks for compatible-with=9, which only a 9.x server accepts.
    server = await startEsServer({ seed: 'movies', defaultShards: 2, version: '9.1.0' });
    client = new Client({ node: server.url });
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  it('passes the product check and reads the info', async () => {
    const info = await client.info();
    assert.equal(info.version.number, '9.1.0');
    assert.equal(info.tagline, 'You Know, for Search');
  });

  it('is refused by a server impersonating 8.19, as a real 8.x cluster refuses a v9 client', async () => {
    const old = await startEsServer({ version: '8.19.0' });
    const c = new Client({ node: old.url });
    try {
      await assert.rejects(c.info(), (e: unknown) => {
        assert.ok(e instanceof errors.ResponseError);
        assert.equal(e.meta.statusCode, 400);
        assert.equal((e.body as { error: { type: string } }).error.type, 'media_type_header_exception');
        return true;
      });
    } finally {
      await c.close();
      await old.close();
    }
  });

  it('indexes, gets, writes conditionally and gets a 409 on a stale write', async () => {
    const created = await client.index({ index: 'books', id: 'b1', document: { title: 'Dune', year: 1965 } });
    assert.equal(created.result, 'created');
    const got = await client.get<{ title: string }>({ index: 'books', id: 'b1' });
    assert.equal(got._source?.title, 'Dune');
    const updated = await client.index({ index: 'books', id: 'b1', if_seq_no: got._seq_no, if_primary_term: got._primary_term, document: { title: 'Dune!' } });
    assert.equal(updated.result, 'updated');
    await assert.rejects(
      client.index({ index: 'books', id: 'b1', if_seq_no: got._seq_no, if_primary_term: got._primary_term, document: { title: 'stale' } }),
      (err: unknown) => {
        assert.ok(err instanceof errors.ResponseError);
        assert.equal(err.meta.statusCode, 409);
        assert.equal((err.body as { error: { type: string } }).error.type, 'version_conflict_engine_exception');
        return true;
      },
    );
  });

  it('updates with retry_on_conflict and reports a missing document', async () => {
    const r = await client.update({ index: 'movies', id: '109487', retry_on_conflict: 5, doc: { title: 'Interstellar Typooo' } });
    assert.equal(r.result, 'updated');
    await assert.rejects(client.update({ index: 'movies', id: 'nope', doc: { a: 1 } }), (e: unknown) => e instanceof errors.ResponseError && e.meta.statusCode === 404);
  });

  it('bulk-loads and pages with PIT + search_after on _shard_doc across 3 pages', async () => {
    const operations = Array.from({ length: 120 }, (_, i) => [{ index: { _index: 'paged', _id: `p${i}` } }, { i }]).flat();
    const bulk = await client.bulk({ operations, refresh: true });
    assert.equal(bulk.errors, false);
    assert.equal(bulk.items.length, 120);
    const pit = await client.openPointInTime({ index: 'paged', keep_alive: '1m' });
    const ids: string[] = [];
    let after: (string | number)[] | undefined;
    let pages = 0;
    for (;;) {
      const page = await client.search({ size: 50, pit: { id: pit.id, keep_alive: '1m' }, sort: [{ _shard_doc: 'asc' }], search_after: after });
      if (page.hits.hits.length === 0) break;
      pages++;
      ids.push(...page.hits.hits.map((h) => h._id!));
      after = page.hits.hits[page.hits.hits.length - 1]!.sort as (string | number)[];
    }
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, 120);
    const closed = await client.closePointInTime({ id: pit.id });
    assert.equal(closed.succeeded, true);
  });

  it('searches with a query and counts', async () => {
    const r = await client.search({ index: 'movies', query: { match: { title: 'interstellar' } } });
    assert.equal(r.hits.hits[0]?._id, '109487');
    const c = await client.count({ index: 'movies', query: { term: { genre: 'IMAX' } } });
    assert.equal(c.count, generateMovies().filter((movie) => movie.genre.includes('IMAX')).length);
  });
});
