import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { leanScan } from '../../../src/json/jsonLeanScan';
import { checkDocumentText, compactJsonText, documentBody, prettyPrintJson } from '../../../src/json/jsonText';
import { findProblem, validateJson } from '../../../src/json/jsonValidate';
import { string, tokens, value, ws } from './jsonGenerators';

/**
 * The compact form a save sends: whitespace between tokens removed, every token as written. And
 * the lean scan behind it, which must never accept what the full check refuses.
 */

describe('compactJsonText', () => {
  it('keeps every token of any JSON text and leaves no whitespace between them', () => {
    fc.assert(
      fc.property(value, ws, (text, around) => {
        const input = `${around}${prettyPrintJson(text)}${around}`;
        const compact = compactJsonText(input);
        assert.deepEqual(tokens(compact), tokens(input));
        // Nothing but the tokens: their texts joined are the compact text.
        assert.equal(tokens(compact).map((t) => t.slice(t.indexOf(':') + 1)).join(''), compact);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(value, (text) => {
        const once = compactJsonText(prettyPrintJson(text, 4));
        assert.equal(compactJsonText(once), once);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves whitespace inside strings untouched', () => {
    const text = '{\n  "a b" : "  two  spaces, a\\ttab\\n and \\" quote  ",\n  "c": [ " " , "x : y" ]\n}\n';
    assert.equal(compactJsonText(text), '{"a b":"  two  spaces, a\\ttab\\n and \\" quote  ","c":[" ","x : y"]}');
  });

  it('keeps big integers, 1.0, unicode, escapes and key order as written', () => {
    const text = '{\n  "2": 12345678901234567890,\n  "1": 1.0,\n  "e": -0.0E+2,\n  "u": "é😀\\u00e9\\ud83d\\ude00",\n  "s": "\\/"\n}\n';
    assert.equal(compactJsonText(text), '{"2":12345678901234567890,"1":1.0,"e":-0.0E+2,"u":"é😀\\u00e9\\ud83d\\ude00","s":"\\/"}');
  });

  it('compacts texts the lean scan leaves to the full check (keys with escapes)', () => {
    assert.equal(leanScan('{ "\\u0061" : 1 }').valid, false);
    assert.equal(compactJsonText('{ "\\u0061" : 1 }'), '{"\\u0061":1}');
  });
});

describe('documentBody', () => {
  const pretty = '{\n  "title": "a  b",\n  "n": 1.0\n}\n';

  it('gives the compact text, or the text as typed', () => {
    assert.deepEqual(documentBody(pretty, true), { ok: true, body: '{"title":"a  b","n":1.0}' });
    assert.deepEqual(documentBody(pretty, false), { ok: true, body: pretty });
    assert.deepEqual(documentBody('{"\\u0061" :1}', true), { ok: true, body: '{"\\u0061":1}' });
  });

  it('refuses what checkDocumentText refuses, with the same message and position', () => {
    for (const text of ['', '  ', '[1]', '"x"', '{"a":1,"a":2}', '{"a":1,"\\u0061":2}', '{\n  "a": 01\n}', '{"a": 1,}', '{"a": tru}', '{"a": "x\ny"}', '{"a": 1} x', '{"a": // c\n1}']) {
      const expected = checkDocumentText(text);
      assert.equal(expected.ok, false, text);
      assert.deepEqual(documentBody(text, true), expected, text);
      assert.deepEqual(documentBody(text, false), expected, text);
    }
  });
});

describe('the lean scan', () => {
  const near = fc.oneof(
    value,
    value.map((t) => t.slice(0, Math.max(0, t.length - 1))),
    value.map((t) => t.replace(/:/, '::')),
    value.map((t) => t.replace(/,/, ',,')),
    value.map((t) => t.replace(/\d/, 'x')),
    fc.uniqueArray(fc.tuple(string, value), { maxLength: 20 }).map((members) => `{${[...members, ...members.slice(0, 1)].map(([k, v]) => `${k}:${v}`).join(',')}}`),
    fc.string(),
  );

  it('never accepts what the full check refuses, and accepts every valid text whose keys have no escapes', () => {
    fc.assert(
      fc.property(near, (text) => {
        const full = findProblem(text);
        const lean = leanScan(text);
        if (lean.valid) assert.equal(full.problem, undefined, text);
        else if (full.problem === undefined) assert.ok(/[{,]\s*"[^"]*\\/.test(text), `a valid text refused: ${text}`);
        assert.deepEqual(validateJson(text), full);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a repeated key in large objects and allows the same key in sibling and nested objects', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
    assert.equal(leanScan(`{${keys.join(',')}}`).valid, true);
    assert.equal(leanScan(`{${keys.join(',')},"k17":0}`).valid, false);
    assert.equal(leanScan(`{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}],"c":{${keys.join(',')}},"d":{${keys.join(',')}}}`).valid, true);
    assert.equal(leanScan('{"a":{"x":1,"y":2},"b":{"x":1,"x":2}}').valid, false);
    const check = checkDocumentText(`{${keys.join(',')},"k17":0}`);
    assert.ok(!check.ok && check.message === 'duplicate key "k17"');
  });

  it('compares keys by their exact characters: lone surrogates are different keys, and kept', () => {
    const text = '{ "\ud800": 1, "\ud801": 2, "é": 3, "e\u0301": 4 }';
    assert.equal(leanScan(text).valid, true);
    assert.equal(compactJsonText(text), '{"\ud800":1,"\ud801":2,"é":3,"e\u0301":4}');
    assert.equal(leanScan('{"\ud800":1,"\ud800":2}').valid, false);
  });

  it('refuses nesting beyond 1,000 levels and accepts 1,000', () => {
    const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    assert.equal(leanScan(nested(1000)).valid, true);
    assert.equal(leanScan(nested(1001)).valid, false);
  });
});
