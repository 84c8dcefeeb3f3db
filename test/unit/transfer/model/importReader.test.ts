import * as assert from 'node:assert/strict';
import { detectForm, generatedId, ImportReader, type ImportForm, type ImportItem } from '../../../../src/transfer/model/importReader';

function read(form: ImportForm, lines: string[]): ImportItem[] {
  const reader = new ImportReader(form, 'movies.ndjson');
  return [...lines.flatMap((line, i) => reader.line(i + 1, line)), ...reader.end()];
}

describe('ImportReader', () => {
  it('detects the three forms an export writes from the first line', () => {
    assert.equal(detectForm('{"title":"Dune"}'), 'ndjson');
    assert.equal(detectForm('{"index":{"_index":"m","_id":"1"}}'), 'bulk');
    assert.equal(detectForm('{"create":{}}'), 'bulk');
    assert.equal(detectForm('{"_index":"m","_id":"1","_seq_no":3,"_primary_term":1,"_source":{}}'), 'tokens');
    assert.equal(detectForm('{"index":"a field, not an action"}'), 'ndjson');
  });

  it('keeps each source as its exact text, compact, and reports malformed lines with their numbers', () => {
    const items = read('ndjson', ['{ "big": 12345678901234567890, "f": 1.0 }', '', '{"a":1,"a":2}', '[1]', '{"ok":true']);
    assert.equal(items.length, 4);
    assert.deepEqual(items[0], { kind: 'document', line: 1, id: generatedId('movies.ndjson', 1, '{ "big": 12345678901234567890, "f": 1.0 }'), generated: true, source: '{"big":12345678901234567890,"f":1.0}', original: '{ "big": 12345678901234567890, "f": 1.0 }' });
    assert.deepEqual(items.slice(1).map((item) => [item.kind, item.line]), [['malformed', 3], ['malformed', 4], ['malformed', 5]]);
  });

  it('makes the same id for the same line of the same file, and another for any other', () => {
    const id = generatedId('a.ndjson', 3, '{"n":1}');
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(generatedId('a.ndjson', 3, '{"n":1}'), id);
    assert.notEqual(generatedId('a.ndjson', 4, '{"n":1}'), id);
    assert.notEqual(generatedId('b.ndjson', 3, '{"n":1}'), id);
    assert.notEqual(generatedId('a.ndjson', 3, '{"n":2}'), id);
  });

  it('reads tokens lines: id, routing and the version they were exported at', () => {
    const [item] = read('tokens', ['{"_index":"m","_id":"a\\"b","_routing":"r","_seq_no":12,"_primary_term":3,"_source":{"x": 1.0}}']);
    assert.ok(item.kind === 'document');
    assert.equal(item.id, 'a"b');
    assert.equal(item.routing, 'r');
    assert.deepEqual(item.token, { seqNo: 12, primaryTerm: 3 });
    assert.equal(item.source, '{"x":1.0}');
    assert.equal(read('tokens', ['{"_id":"1","_source":[1]}'])[0].kind, 'malformed', 'a _source that is not an object');
  });

  it('reads bulk pairs, refuses delete and update actions whole, and an action left without its source', () => {
    const items = read('bulk', [
      '{"index":{"_index":"m","_id":"1","routing":"r"}}', '{"t":1}',
      '{"create":{}}', '{"t":2}',
      '{"delete":{"_id":"3"}}',
      '{"update":{"_id":"4"}}', '{"doc":{"t":4}}',
      '{"index":{"_id":"5"}}',
    ]);
    assert.deepEqual(items.map((item) => [item.kind, item.line]), [['document', 2], ['document', 4], ['malformed', 5], ['malformed', 6], ['malformed', 8]]);
    const [first, second] = items;
    assert.ok(first.kind === 'document' && second.kind === 'document');
    assert.deepEqual([first.id, first.routing, first.generated, first.original], ['1', 'r', false, '{"index":{"_index":"m","_id":"1","routing":"r"}}\n{"t":1}']);
    assert.equal(second.generated, true);
  });
});
