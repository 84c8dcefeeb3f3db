import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, format } from 'jsonc-parser';
import { indentJson, skipValue, skipValueIn, utf16Units } from '../../../src/json/jsonScan';
import { checkDocumentText, topLevelMemberSpans } from '../../../src/json/jsonText';
import { validateJson } from '../../../src/json/jsonValidate';
import { value, ws } from './jsonGenerators';

const jsoncFormat = (text: string): string => applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n', insertFinalNewline: true }));

describe('jsonScan and jsonValidate', () => {
  it('indents exactly as jsonc-parser formats, on any JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => indentJson(text) === jsoncFormat(text)), { numRuns: 2000 });
  });

  it('keeps empty containers and strings with escaped quotes as they are', () => {
    assert.equal(indentJson('{"a":{},"b":[ ],"c":"x\\"}"}'), '{\n  "a": {},\n  "b": [],\n  "c": "x\\"}"\n}\n');
  });

  it('accepts exactly what JSON.parse accepts, duplicate keys aside', () => {
    const near = fc.oneof(fc.json(), fc.json().map((t) => t.slice(0, Math.max(0, t.length - 1))), fc.string(), fc.json().map((t) => t.replace(/:/, '::')));
    fc.assert(
      fc.property(near, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const problem = validateJson(text).problem;
        return problem === undefined ? parses || text.trim() === '' : !parses || problem.message.startsWith('duplicate key');
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses 10,000 levels of nesting as Elasticsearch does, without overflowing the stack', () => {
    const nested = (depth: number): string => '{"a":' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '}';
    const check = checkDocumentText(nested(10000));
    assert.equal(check.ok, false);
    if (!check.ok) assert.match(check.message, /nests deeper than 1000 levels/);
    assert.deepEqual(checkDocumentText(nested(1000)), { ok: true });
    assert.equal(indentJson(nested(10000)).split('\n').length, 20000);
    assert.equal(checkDocumentText('{"a":' + '['.repeat(500)).ok, false);
  });

  it('calls a number cut short an invalid number', () => {
    for (const text of ['{"a": 1.}', '{"a": 1e}', '{"a": 01}', '{"a": -}']) {
      const check = checkDocumentText(text);
      assert.equal(check.ok, false, text);
      if (!check.ok) assert.match(check.message, /invalid number/, text);
    }
  });

  it('finds duplicate keys spelled with escapes', () => {
    const check = checkDocumentText('{"a":1,"\\u0061":2}');
    assert.equal(check.ok, false);
    if (!check.ok) assert.match(check.message, /duplicate key "a"/);
  });

  it('handles a 5 MB document in one pass', () => {
    const big = JSON.stringify({ items: Array.from({ length: 90000 }, (_, i) => ({ id: i, name: `item ${i}`, price: 1.5, tags: ['a', 'b'] })) });
    assert.ok(big.length > 4_000_000);
    assert.deepEqual(checkDocumentText(big), { ok: true });
    // `big` came from JSON.stringify, so parsing the indented text and printing it compactly gives it back.
    assert.equal(JSON.stringify(JSON.parse(indentJson(big))), big);
  });
});

describe('skipValueIn', () => {
  it('ends a value where skipValue does, on any JSON and on a large response', () => {
    fc.assert(
      fc.property(value, ws, (text, after) => {
        const input = `${text}${after},"next":1`;
        assert.equal(skipValueIn(utf16Units(input), 0), skipValue(input, 0));
      }),
      { numRuns: 1000 },
    );
    const source = `{"a":"${'é😀\\"'.repeat(10000)}","b":[1.0,{"c":12345678901234567890}]}`;
    const response = `{"found":true,"_seq_no":1,"_source":${source},"_primary_term":1}`;
    const span = topLevelMemberSpans(response).get('_source');
    assert.ok(span && response.slice(span.start, span.end) === source);
  });
});
