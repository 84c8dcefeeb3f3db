import * as assert from 'node:assert/strict';
import { removeValueAt, setValueAt, valueTextAt } from '../../../src/json/jsonPaths';

const TEXT = '{ "a": {"b": 1.0, "c": [1,2]}, "big": 12345678901234567890, "d.e": "x\\"y", "u": "é" }';

describe('Values by field path on the exact text', () => {
  it('reads a value\'s exact text through objects and dotted keys', () => {
    assert.equal(valueTextAt(TEXT, 'a.b'), '1.0');
    assert.equal(valueTextAt(TEXT, 'a.c'), '[1,2]');
    assert.equal(valueTextAt(TEXT, 'big'), '12345678901234567890');
    assert.equal(valueTextAt(TEXT, 'd.e'), '"x\\"y"');
    assert.equal(valueTextAt(TEXT, 'a.zz'), undefined);
    assert.equal(valueTextAt(TEXT, 'a.b.c'), undefined);
  });

  it('prefers the object form over a dotted key of the same path', () => {
    assert.equal(valueTextAt('{"a.b": 1, "a": {"b": 2}}', 'a.b'), '2');
  });

  it('replaces only the value\'s characters: layout, big integers, 1.0 and unicode stay', () => {
    assert.equal(setValueAt(TEXT, 'a.b', '2'), TEXT.replace('"b": 1.0', '"b": 2'));
    assert.equal(setValueAt(TEXT, 'u', '"ü"'), TEXT.replace('"é"', '"ü"'));
    assert.equal(setValueAt(TEXT, 'd.e', 'null'), TEXT.replace('"x\\"y"', 'null'));
  });

  it('adds a missing path as the last member of the deepest object present, making the objects below it', () => {
    assert.equal(setValueAt(TEXT, 'a.x.y', 'true'), TEXT.replace('"c": [1,2]}', '"c": [1,2],"x":{"y":true}}'));
    assert.equal(setValueAt('{}', 'a.x', '1'), '{"a":{"x":1}}');
    assert.equal(setValueAt('{\n}', 'k', '"v"'), '{"k":"v"\n}');
  });

  it('does not descend into a scalar or an array that stands where an object would be', () => {
    assert.equal(setValueAt('{"a": 1}', 'a.b', '2'), '{"a": 1,"a.b":2}');
  });

  it('removes a member and the comma joining it, wherever it sits', () => {
    assert.equal(removeValueAt(TEXT, 'a.b'), TEXT.replace('"b": 1.0, ', ''));
    assert.equal(removeValueAt(TEXT, 'u'), TEXT.replace(', "u": "é"', ''));
    assert.equal(removeValueAt('{"a":1}', 'a'), '{}');
    assert.equal(removeValueAt('{"k\\"q": 1, "z": 2}', 'k"q'), '{"z": 2}');
    assert.equal(removeValueAt(TEXT, 'nothing'), TEXT);
  });
});
