import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocumentText, prettyPrintJson } from '../../../src/json/jsonText';
import { string, tokens, value, ws } from './jsonGenerators';

/**
 * prettyPrintJson may change whitespace between tokens and nothing else: every number keeps its
 * digits and every string its exact characters and escapes. Compared as token sequences read by
 * an independent scanner (jsonc-parser's), on JSON texts generated as text, not via JSON.stringify.
 */

describe('prettyPrintJson keeps every token (fuzz)', () => {
  it('changes only whitespace between tokens of any JSON text', () => {
    fc.assert(
      fc.property(value, ws, (text, around) => {
        const input = `${around}${text}${around}`;
        assert.deepEqual(tokens(prettyPrintJson(input)), tokens(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a checked document valid and token-identical at indents 2 and 4', () => {
    const member = fc.tuple(string, value);
    fc.assert(
      fc.property(fc.uniqueArray(member, { maxLength: 6, selector: ([key]) => key }), fc.constantFrom(2, 4), (members, indent) => {
        const text = `{${members.map(([k, v]) => `${k}:${v}`).join(',')}}`;
        // Keys unique by their raw spelling may still collide once escapes are decoded ("\u0061" and "a").
        fc.pre(checkDocumentText(text).ok);
        const pretty = prettyPrintJson(text, indent);
        assert.deepEqual(tokens(pretty), tokens(text));
        assert.deepEqual(checkDocumentText(pretty), { ok: true });
      }),
      { numRuns: 500 },
    );
  });
});
