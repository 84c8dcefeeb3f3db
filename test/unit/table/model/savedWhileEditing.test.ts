import * as assert from 'node:assert/strict';
import { StagedEdits, type RowSource } from '../../../../src/table/model/stagedEdits';
import { arrayElements, readValues, underArray } from '../../../../src/table/model/tableCells';
import { editsInPlace } from '../../../../src/table/model/tableProtocol';
import { addressOfKey, newerSource } from '../../../../src/table/model/tableRows';

const KEY = '["movies","1",null]';
const source = (text: string, seqNo = 1): RowSource => ({ key: KEY, index: 'movies', id: '1', sourceText: text, token: { seqNo, primaryTerm: 1, version: seqNo } });
const TEXT = '{"title":"Heat","year":1995}';

describe('A table row saved while it was edited', () => {
  it('leaves the stage when nothing was edited while the save was out', () => {
    const staged = new StagedEdits();
    staged.stage(source(TEXT), 'title', '"Heat 2"');
    const sent = staged.textToSend(KEY) ?? '';
    staged.saved(KEY, source(sent, 2), sent);
    assert.equal(staged.size, 0);
  });

  it('keeps an edit made while the save was out, staged on the saved version', () => {
    const staged = new StagedEdits();
    staged.stage(source(TEXT), 'title', '"Heat 2"');
    const sent = staged.textToSend(KEY) ?? '';
    staged.stage(source(TEXT), 'year', '1996');
    staged.saved(KEY, source(sent, 2), sent);
    assert.equal(staged.size, 1);
    assert.equal(staged.row(KEY)?.source.token.seqNo, 2, 'on the version the save left');
    assert.deepEqual([...(staged.row(KEY)?.edits.keys() ?? [])], ['year'], 'the saved title is no edit any more');
    assert.equal(staged.textToSend(KEY), '{"title":"Heat 2","year":1996}');
  });
});

describe('Cells of arrays, line breaks and keys', () => {
  it('shows a mapped field inside an array of objects as its values, exact, and no column of the array', () => {
    const { values, others } = readValues('{"cast":[{"name":"A","n":1.0},{"name":"B"}],"t":1}', new Set(['cast.name', 'cast.n', 't']));
    assert.equal(values.get('cast.name'), '["A","B"]');
    assert.equal(values.get('cast.n'), '[1.0]');
    assert.deepEqual(others, []);
    assert.deepEqual(arrayElements('[ {"a":1} , 2,"x" ]'), ['{"a":1}', '2', '"x"']);
    assert.deepEqual(arrayElements('[]'), []);
  });

  it('says when a path lies inside an array (one place to write it is not there)', () => {
    assert.equal(underArray('{"cast":[{"name":"A"}]}', 'cast.name'), true);
    assert.equal(underArray('{"cast":{"name":"A"}}', 'cast.name'), false);
    assert.equal(underArray('{"cast":{"name":"A"}}', 'title'), false);
  });

  it('edits a string with a line break in the document, not in its one-line cell', () => {
    assert.equal(editsInPlace({ kind: 'string', text: 'one line' }), true);
    assert.equal(editsInPlace({ kind: 'string', text: 'two\nlines' }), false);
    assert.equal(editsInPlace({ kind: 'string', text: 'cr\r' }), false);
  });

  it('takes the later of two reads, and reads a key back to its document', () => {
    const older = source(TEXT, 3);
    const later = { ...source('{"title":"x"}', 4) };
    assert.equal(newerSource(older, later), later);
    assert.equal(newerSource(later, older), later);
    assert.equal(newerSource(undefined, older), older);
    assert.deepEqual(addressOfKey('["m","7","r1"]'), { key: '["m","7","r1"]', index: 'm', id: '7', routing: 'r1' });
    assert.deepEqual(addressOfKey('["m","7",null]'), { key: '["m","7",null]', index: 'm', id: '7' });
    assert.equal(addressOfKey('["esql",3]'), undefined);
  });
});
