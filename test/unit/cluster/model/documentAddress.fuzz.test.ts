import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressFromUriParts, addressToUriParts, type DocumentAddress } from '../../../../src/cluster/model/documentAddress';

/**
 * decode(encode(x)) = x for the editor URI codec, with the characters that break paths and
 * queries over-represented, and any UTF-16 code unit (lone surrogates included: Elasticsearch ids
 * are Java strings, and a restored editor must reopen the very same document).
 */

const troublesome = fc.constantFrom('/', '\\', '%', '%2F', '%25', '%5C', '?', '#', '&', '=', '+', ' ', '.json', '.', '..', '\u0000', '\n', 'é', '😀', '\ud800', '\udc00', '\ufeff');
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(troublesome, anyCodeUnit, fc.string({ unit: 'grapheme', maxLength: 3 }));
const segment = (minLength: number): fc.Arbitrary<string> => fc.array(piece, { minLength, maxLength: 12 }).map((parts) => parts.join(''));

describe('documentAddress codec (fuzz)', () => {
  it('round-trips addresses of troublesome characters and any code unit', () => {
    fc.assert(
      fc.property(segment(1), segment(1), segment(1), fc.option(segment(0), { nil: undefined }), (connectionId, index, id, routing) => {
        fc.pre(connectionId !== '' && index !== '' && id !== '');
        const address: DocumentAddress = routing === undefined ? { connectionId, index, id } : { connectionId, index, id, routing };
        const parts = addressToUriParts(address);
        assert.equal(parts.path.split('/').length, 5, 'each part stays one path segment');
        assert.deepEqual(addressFromUriParts(parts), address);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips ids longer than Elasticsearch allows (512 bytes), so the cluster can say so', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 513, maxLength: 2000 }), (id) => {
        const address = { connectionId: 'c', index: 'i', id };
        assert.deepEqual(addressFromUriParts(addressToUriParts(address)), address);
      }),
      { numRuns: 50 },
    );
  });
});
