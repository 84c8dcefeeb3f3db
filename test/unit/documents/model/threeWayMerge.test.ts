import * as assert from 'node:assert/strict';
import { compactJson } from '../../../../src/json/jsonTree';
import { describePath, mergeDocuments } from '../../../../src/documents/model/threeWayMerge';

interface Case {
  name: string;
  base: string;
  server: string;
  yours: string;
  /** The merged document, compact; or the conflicting paths. */
  merged?: string;
  conflicts?: string[];
}

const CASES: Case[] = [
  // One side changed, the other did not.
  { name: 'server changed a field', base: '{"a":1,"b":2}', server: '{"a":1,"b":3}', yours: '{"a":1,"b":2}', merged: '{"a":1,"b":3}' },
  { name: 'editor changed a field', base: '{"a":1,"b":2}', server: '{"a":1,"b":2}', yours: '{"a":5,"b":2}', merged: '{"a":5,"b":2}' },
  { name: 'different fields on each side', base: '{"title":"A","year":1}', server: '{"title":"B","year":1}', yours: '{"title":"A","year":2}', merged: '{"title":"B","year":2}' },
  { name: 'the same change on both sides', base: '{"a":1}', server: '{"a":2}', yours: '{"a":2}', merged: '{"a":2}' },
  { name: 'different changes of one field', base: '{"a":1}', server: '{"a":2}', yours: '{"a":3}', conflicts: ['a'] },
  { name: 'nothing changed anywhere', base: '{"a":1}', server: '{"a":1}', yours: '{"a":1}', merged: '{"a":1}' },
  // Additions.
  { name: 'server added a field', base: '{"a":1}', server: '{"a":1,"b":2}', yours: '{"a":1}', merged: '{"a":1,"b":2}' },
  { name: 'editor added a field', base: '{"a":1}', server: '{"a":1}', yours: '{"a":1,"c":3}', merged: '{"a":1,"c":3}' },
  { name: 'both added different fields', base: '{"a":1}', server: '{"a":1,"b":2}', yours: '{"a":1,"c":3}', merged: '{"a":1,"c":3,"b":2}' },
  { name: 'both added the same field alike', base: '{}', server: '{"b":2}', yours: '{"b":2}', merged: '{"b":2}' },
  { name: 'both added the same field differently', base: '{}', server: '{"b":2}', yours: '{"b":3}', conflicts: ['b'] },
  { name: 'both added one object with different keys', base: '{}', server: '{"o":{"x":1}}', yours: '{"o":{"y":2}}', merged: '{"o":{"y":2,"x":1}}' },
  { name: 'both added one object with a clashing key', base: '{}', server: '{"o":{"x":1}}', yours: '{"o":{"x":2}}', conflicts: ['o.x'] },
  // Removals.
  { name: 'server removed an untouched field', base: '{"a":1,"b":2}', server: '{"a":1}', yours: '{"a":1,"b":2}', merged: '{"a":1}' },
  { name: 'editor removed an untouched field', base: '{"a":1,"b":2}', server: '{"a":1,"b":2}', yours: '{"b":2}', merged: '{"b":2}' },
  { name: 'both removed a field', base: '{"a":1,"b":2}', server: '{"a":1}', yours: '{"a":1}', merged: '{"a":1}' },
  { name: 'server removed what the editor changed', base: '{"a":1,"b":2}', server: '{"a":1}', yours: '{"a":1,"b":9}', conflicts: ['b'] },
  { name: 'editor removed what the server changed', base: '{"a":1,"b":2}', server: '{"a":1,"b":9}', yours: '{"a":1}', conflicts: ['b'] },
  { name: 'removal on one side, another field changed on the other', base: '{"a":1,"b":2}', server: '{"b":2}', yours: '{"a":1,"b":3}', merged: '{"b":3}' },
  // Nested objects.
  { name: 'nested: different keys of one object', base: '{"o":{"x":1,"y":1}}', server: '{"o":{"x":2,"y":1}}', yours: '{"o":{"x":1,"y":2}}', merged: '{"o":{"x":2,"y":2}}' },
  { name: 'nested: the same key differently', base: '{"o":{"x":1}}', server: '{"o":{"x":2}}', yours: '{"o":{"x":3}}', conflicts: ['o.x'] },
  { name: 'deeply nested, different leaves', base: '{"a":{"b":{"c":{"d":1,"e":1}}}}', server: '{"a":{"b":{"c":{"d":2,"e":1}}}}', yours: '{"a":{"b":{"c":{"d":1,"e":2}}}}', merged: '{"a":{"b":{"c":{"d":2,"e":2}}}}' },
  { name: 'server removed a parent the editor changed inside', base: '{"o":{"x":1},"k":0}', server: '{"k":0}', yours: '{"o":{"x":2},"k":0}', conflicts: ['o'] },
  { name: 'editor removed a parent the server changed inside', base: '{"o":{"x":1}}', server: '{"o":{"x":2}}', yours: '{}', conflicts: ['o'] },
  { name: 'server removed a parent nobody else touched', base: '{"o":{"x":1},"k":0}', server: '{"k":0}', yours: '{"o":{"x":1},"k":1}', merged: '{"k":1}' },
  { name: 'an object became a scalar on one side', base: '{"o":{"x":1}}', server: '{"o":5}', yours: '{"o":{"x":1}}', merged: '{"o":5}' },
  { name: 'an object became a scalar against a change inside', base: '{"o":{"x":1}}', server: '{"o":5}', yours: '{"o":{"x":2}}', conflicts: ['o'] },
  { name: 'a scalar became different objects', base: '{"o":1}', server: '{"o":{"x":1}}', yours: '{"o":{"y":1}}', conflicts: ['o'] },
  { name: 'several conflicts are all listed', base: '{"a":1,"b":1,"c":1}', server: '{"a":2,"b":2,"c":1}', yours: '{"a":3,"b":3,"c":2}', conflicts: ['a', 'b'] },
  // Arrays are whole values.
  { name: 'an array changed on one side', base: '{"g":[1,2]}', server: '{"g":[1,2,3]}', yours: '{"g":[1,2],"t":1}', merged: '{"g":[1,2,3],"t":1}' },
  { name: 'an array changed on both sides differently', base: '{"g":[1,2]}', server: '{"g":[1,2,3]}', yours: '{"g":[0,1,2]}', conflicts: ['g'] },
  { name: 'an array changed on both sides alike', base: '{"g":[1]}', server: '{"g":[1,2]}', yours: '{"g":[1,2]}', merged: '{"g":[1,2]}' },
  { name: 'objects inside arrays are not merged', base: '{"g":[{"a":1}]}', server: '{"g":[{"a":2}]}', yours: '{"g":[{"a":1,"b":1}]}', conflicts: ['g'] },
  // Key order.
  { name: 'the server\'s key order is kept', base: '{"a":1,"b":2}', server: '{"b":2,"a":1}', yours: '{"a":1,"b":3}', merged: '{"b":3,"a":1}' },
  { name: 'a key added in the editor follows its neighbour', base: '{"a":1,"b":2,"c":3}', server: '{"a":1,"b":2,"c":4}', yours: '{"a":1,"new":0,"b":2,"c":3}', merged: '{"a":1,"new":0,"b":2,"c":4}' },
  { name: 'a key added first in the editor stays first', base: '{"a":1}', server: '{"a":2}', yours: '{"z":0,"a":1}', merged: '{"z":0,"a":2}' },
  { name: 'keys added in a row keep their order', base: '{"a":1,"b":1}', server: '{"a":1,"b":2}', yours: '{"a":1,"x":1,"y":2,"b":1}', merged: '{"a":1,"x":1,"y":2,"b":2}' },
  { name: 'an added key whose neighbour the server removed follows the one before', base: '{"a":1,"b":1,"c":1}', server: '{"a":1,"c":1}', yours: '{"a":1,"b":1,"n":1,"c":1}', merged: '{"a":1,"n":1,"c":1}' },
  { name: 'integer-like keys keep their written order', base: '{"10":1,"2":1}', server: '{"10":2,"2":1}', yours: '{"10":1,"2":2}', merged: '{"10":2,"2":2}' },
  // Exact values.
  { name: 'big integers keep their digits', base: '{"n":1,"m":0}', server: '{"n":12345678901234567890123,"m":0}', yours: '{"n":1,"m":9007199254740993}', merged: '{"n":12345678901234567890123,"m":9007199254740993}' },
  { name: '1.0 stays 1.0', base: '{"p":1,"q":0}', server: '{"p":1.0,"q":0}', yours: '{"p":1,"q":2.50}', merged: '{"p":1.0,"q":2.50}' },
  { name: '1.0 and 1 are different values', base: '{"p":1}', server: '{"p":1.0}', yours: '{"p":1.00}', conflicts: ['p'] },
  { name: 'unicode escapes stay escaped', base: '{"s":"a","t":"b"}', server: '{"s":"\\u00e9\\ud83d\\ude00","t":"b"}', yours: '{"s":"a","t":"é"}', merged: '{"s":"\\u00e9\\ud83d\\ude00","t":"é"}' },
  { name: 'strings with whitespace and braces inside stay whole', base: '{"s":"x"}', server: '{"s":"x","u":" { a , b } "}', yours: '{"s":"y"}', merged: '{"s":"y","u":" { a , b } "}' },
  { name: 'keys written with escapes are matched by name', base: '{"a":1,"b":1}', server: '{"a":2,"b":1}', yours: '{"\\u0061":1,"b":2}', merged: '{"a":2,"b":2}' },
  // Empty objects and layout.
  { name: 'empty objects merge', base: '{"o":{}}', server: '{"o":{},"a":1}', yours: '{"o":{"x":1}}', merged: '{"o":{"x":1},"a":1}' },
  { name: 'an object emptied on one side', base: '{"o":{"x":1}}', server: '{"o":{}}', yours: '{"o":{"x":1},"k":1}', merged: '{"o":{},"k":1}' },
  { name: 'whitespace is not a change', base: '{"a":1,"b":[1, 2]}', server: '{ "a" : 1 , "b" : [ 1 ,2 ] }', yours: '{"a":2,"b":[1,2]}', merged: '{"a":2,"b":[1,2]}' },
  { name: 'a whole-document scalar edit is not an object merge', base: '{"a":1}', server: '{"a":1}', yours: '{"a":1,"b":{"c":[]}}', merged: '{"a":1,"b":{"c":[]}}' },
];

describe('mergeDocuments: a table of three-way merges', () => {
  it('has at least 40 cases', () => assert.ok(CASES.length >= 40, String(CASES.length)));

  for (const testCase of CASES) {
    it(testCase.name, () => {
      const result = mergeDocuments(testCase.base, testCase.server, testCase.yours);
      if (testCase.merged !== undefined) {
        assert.ok(result.clean, `expected a clean merge, got conflicts ${JSON.stringify(!result.clean && result.conflicts)}`);
        assert.equal(compactJson(result.text), testCase.merged);
      } else {
        assert.ok(!result.clean, 'expected a conflict');
        assert.deepEqual(result.conflicts.map(describePath), testCase.conflicts);
      }
    });
  }
});

describe('mergeDocuments: what the user reads', () => {
  it('counts the fields changed on each side', () => {
    const result = mergeDocuments('{"a":1,"b":1,"c":{"d":1}}', '{"a":2,"b":1,"c":{"d":1}}', '{"a":1,"b":2,"c":{"d":2},"e":1}');
    assert.ok(result.clean);
    assert.equal(result.serverChanges, 1);
    assert.equal(result.localChanges, 3);
  });

  it('returns the editor\'s text exactly, layout included, when the server changed nothing new', () => {
    const yours = '{\n    "a" : 2,\n\n    "b": 1\n}';
    const result = mergeDocuments('{"a":1,"b":1}', '{"a":1,"b":1}', yours);
    assert.ok(result.clean);
    assert.equal(result.text, yours);
  });

  it('writes a merged text indented, ending with a newline', () => {
    const result = mergeDocuments('{"a":1,"b":1}', '{"a":2,"b":1}', '{"a":1,"b":2}');
    assert.ok(result.clean);
    assert.equal(result.text, '{\n  "a": 2,\n  "b": 2\n}\n');
  });

  it('names the whole document when a top-level value cannot be merged', () => {
    assert.equal(describePath([]), 'the whole document');
    assert.equal(describePath(['cast', 'lead']), 'cast.lead');
  });
});
