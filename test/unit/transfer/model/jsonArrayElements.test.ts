import * as assert from 'node:assert/strict';
import { jsonArrayElements } from '../../../../src/transfer/model/jsonArrayElements';

describe('jsonArrayElements', () => {
  it('gives each element as its exact text with the line it starts on', () => {
    const text = '[\n  {"a": 1.0},\n  {"b": "x,]\\"y"},\n\n  {"c": [1, {"d": 2}]}\n]\n';
    assert.deepEqual([...jsonArrayElements(text)], [
      { kind: 'element', line: 2, text: '{"a": 1.0}' },
      { kind: 'element', line: 3, text: '{"b": "x,]\\"y"}' },
      { kind: 'element', line: 5, text: '{"c": [1, {"d": 2}]}' },
    ]);
    assert.deepEqual([...jsonArrayElements('[]')], []);
  });

  it('stops with one malformed item where the array breaks', () => {
    const items = [...jsonArrayElements('[{"a":1} {"b":2}]')];
    assert.equal(items.length, 2);
    assert.equal(items[1].kind, 'malformed');
    assert.equal([...jsonArrayElements('{"a":1}')][0].kind, 'malformed');
  });
});
