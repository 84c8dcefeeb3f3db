import * as assert from 'node:assert/strict';
import { checkDocumentText, prettyPrintJson, topLevelMemberSpans } from '../../../src/json/jsonText';

const TRICKY = '{"n":12345678901234567890,"f":1.0,"s":"é😀","e":"\\u00e9\\n","2":"a","1":"b","neg":-0.0,"exp":1E+2}';

describe('jsonText', () => {
  describe('prettyPrintJson', () => {
    it('changes only whitespace: digits, escapes and key order stay', () => {
      const pretty = prettyPrintJson(TRICKY);
      assert.equal(pretty.replace(/\s+(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, ''), TRICKY);
      assert.ok(pretty.includes('12345678901234567890'));
      assert.ok(pretty.includes('"f": 1.0'));
      assert.ok(pretty.indexOf('"2"') < pretty.indexOf('"1"'), 'integer-like keys keep their order');
      assert.ok(pretty.includes('"\\u00e9\\n"'));
    });

    it('indents nested values by two spaces', () => {
      assert.equal(prettyPrintJson('{"a":{"b":[1,2]}}'), '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}\n');
    });
  });

  describe('checkDocumentText', () => {
    it('accepts an object', () => {
      assert.deepEqual(checkDocumentText(TRICKY), { ok: true });
      assert.deepEqual(checkDocumentText('  {}\n'), { ok: true });
    });

    const refused: Array<[string, RegExp]> = [
      ['', /empty/],
      ['[1,2]', /JSON object, not an array/],
      ['"text"', /not a string/],
      ['42', /not a number/],
      ['null', /not null/],
      ['{"a":1,}', /value was expected|property name/],
      ['{"a":1 // c\n}', /comments/],
      ['{"a":1}{"b":2}', /after the end/],
      ["{'a':1}", /unexpected character|property name/],
      ['{"a":1,"a":2}', /duplicate key "a"/],
      ['{"a":"x\ty"}', /control character/],
      ['{"a":NaN}', /unexpected character|value/],
      ['{"a":', /value was expected/],
    ];
    for (const [text, message] of refused) {
      it(`refuses ${JSON.stringify(text)}`, () => {
        const check = checkDocumentText(text);
        assert.equal(check.ok, false);
        if (!check.ok) assert.match(check.message, message);
      });
    }

    it('reports the line and column of the first problem', () => {
      const check = checkDocumentText('{\n  "a": 1\n  "b": 2\n}');
      assert.equal(check.ok, false);
      if (!check.ok) assert.deepEqual([check.line, check.column], [3, 3]);
    });

    it('allows the same key in different objects', () => {
      assert.deepEqual(checkDocumentText('{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}'), { ok: true });
    });
  });

  describe('topLevelMemberSpans', () => {
    it('slices each top-level value exactly as written', () => {
      const text = `{"_id":"1","_seq_no":6,"found":true,"_source":${TRICKY}}`;
      const spans = topLevelMemberSpans(text);
      const slice = (name: string) => {
        const span = spans.get(name);
        assert.ok(span, name);
        return text.slice(span.start, span.end);
      };
      assert.equal(slice('_source'), TRICKY);
      assert.equal(slice('_seq_no'), '6');
      assert.equal(slice('_id'), '"1"');
      assert.equal(slice('found'), 'true');
    });

    it('does not confuse nested keys with top-level ones', () => {
      const text = '{"_source":{"_seq_no":99,"found":false},"_seq_no":3}';
      const start = text.lastIndexOf('3');
      assert.deepEqual(topLevelMemberSpans(text).get('_seq_no'), { start, end: start + 1 });
    });
  });
});
