import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressFromUriParts, addressKey, addressToUriParts, uriKindOf, type DocumentAddress } from '../../../../src/cluster/model/documentAddress';

describe('documentAddress', () => {
  it('encodes a plain document as a readable path', () => {
    assert.deepEqual(addressToUriParts({ connectionId: 'local', index: 'movies', id: '109487' }), { path: '/local/movies/_doc/109487.json', query: '' });
  });

  it('keeps routing in the query', () => {
    const parts = addressToUriParts({ connectionId: 'local', index: 'movies', id: '1', routing: 'user 7/é' });
    assert.deepEqual(addressFromUriParts(parts), { connectionId: 'local', index: 'movies', id: '1', routing: 'user 7/é' });
  });

  for (const id of ['a/b', 'what?', 'x#y', '100%', 'a+b c', 'é😀', '%2F', 'a\\b', 'ends.json', '..', '/', '%']) {
    it(`round-trips the id ${JSON.stringify(id)}`, () => {
      const address = { connectionId: 'local cluster', index: 'movies', id };
      const parts = addressToUriParts(address);
      assert.equal(parts.path.split('/').length, 5, 'the id stays one path segment');
      assert.deepEqual(addressFromUriParts(parts), address);
    });
  }

  it('round-trips any address', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (connectionId, index, id, routing) => {
        const address: DocumentAddress = routing === undefined ? { connectionId, index, id } : { connectionId, index, id, routing };
        assert.deepEqual(addressFromUriParts(addressToUriParts(address)), address);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses paths that are not documents', () => {
    assert.throws(() => addressFromUriParts({ path: '/local/movies', query: '' }));
    assert.throws(() => addressFromUriParts({ path: '/local/movies/1.txt', query: '' }));
    assert.throws(() => addressFromUriParts({ path: '/local//1.json', query: '' }));
    assert.throws(() => addressFromUriParts({ path: '/local/movies/1.json', query: '' }), 'the endpoint segment is required');
    assert.throws(() => addressFromUriParts({ path: '/local/movies/_update/1.json', query: '' }));
  });

  it('tells a draft (_create) from an existing document (_doc) by its path', () => {
    const address = { connectionId: 'local', index: 'movies', id: '7' };
    const draft = addressToUriParts(address, 'create');
    assert.equal(draft.path, '/local/movies/_create/7.json');
    assert.equal(uriKindOf(draft), 'create');
    assert.equal(uriKindOf(addressToUriParts(address)), 'doc');
    assert.deepEqual(addressFromUriParts(draft), address);
  });

  it('gives distinct keys to distinct routings', () => {
    const base = { connectionId: 'c', index: 'i', id: '1' };
    assert.notEqual(addressKey(base), addressKey({ ...base, routing: 'r' }));
  });
});
