import * as assert from 'node:assert/strict';
import { StagedEdits, type RowSource } from '../../../../src/table/model/stagedEdits';

const source = (text: string, seqNo = 1): RowSource => ({ key: '["movies","1",null]', index: 'movies', id: '1', sourceText: text, token: { seqNo, primaryTerm: 1, version: seqNo } });
const TEXT = '{"title":"Heat","year":1995,"big":9007199254740993,"f":1.0,"tags":["a"],"é":"ü"}';

describe('Staged edits of a table', () => {
  it('sends the source with only the edited values replaced, byte for byte elsewhere', () => {
    const staged = new StagedEdits();
    assert.equal(staged.stage(source(TEXT), 'title', '"Heat (1995)"'), true);
    staged.stage(source(TEXT), 'year', '1996');
    assert.equal(staged.textToSend(source(TEXT).key), '{"title":"Heat (1995)","year":1996,"big":9007199254740993,"f":1.0,"tags":["a"],"é":"ü"}');
    assert.deepEqual(staged.summary(), { documents: 1, conflicts: 0, failed: 0, canUndo: true, canRedo: false });
  });

  it('staging a field back to its value as read unstages it, and the row with it', () => {
    const staged = new StagedEdits();
    staged.stage(source(TEXT), 'f', '2');
    assert.equal(staged.size, 1);
    staged.stage(source(TEXT), 'f', '1.0');
    assert.equal(staged.size, 0);
    assert.equal(staged.stage(source(TEXT), 'year', '1995'), false, 'the same value is no edit');
  });

  it('undoes and redoes each step, in order', () => {
    const staged = new StagedEdits();
    const key = source(TEXT).key;
    staged.stage(source(TEXT), 'year', '1996');
    staged.stage(source(TEXT), 'year', '1997');
    staged.undo();
    assert.equal(staged.row(key)?.edits.get('year'), '1996');
    staged.undo();
    assert.equal(staged.row(key), undefined);
    assert.equal(staged.undo(), undefined);
    staged.redo();
    staged.redo();
    assert.equal(staged.row(key)?.edits.get('year'), '1997');
    staged.undo();
    staged.stage(source(TEXT), 'title', '"X"');
    assert.equal(staged.summary().canRedo, false, 'a new edit drops what was undone');
  });

  it('rebases onto a newer server version: other fields merge, the same field changed to the same value is no conflict', () => {
    const staged = new StagedEdits();
    const key = source(TEXT).key;
    staged.stage(source(TEXT), 'year', '1996');
    staged.stage(source(TEXT), 'title', '"Heat!"');
    const server = source('{"title":"Heat!","year":1995,"big":9007199254740993,"f":1.0,"tags":["b"],"é":"ü"}', 5);
    assert.deepEqual(staged.rebase(key, server), { conflicts: [] });
    assert.equal(staged.row(key)?.source.token.seqNo, 5);
    assert.deepEqual([...staged.row(key)!.edits.keys()], ['year']);
    assert.equal(staged.textToSend(key), '{"title":"Heat!","year":1996,"big":9007199254740993,"f":1.0,"tags":["b"],"é":"ü"}');
  });

  it('reports a field both sides changed differently, and settles it by the choice given', () => {
    const staged = new StagedEdits();
    const key = source(TEXT).key;
    staged.mark(key, 'conflict');
    staged.stage(source(TEXT), 'year', '1996');
    staged.mark(key, 'conflict', 'changed');
    const server = source(TEXT.replace('1995', '2000'), 7);
    assert.deepEqual(staged.rebase(key, server), { conflicts: ['year'] });
    assert.equal(staged.row(key)?.state, 'conflict', 'unchanged while a conflict is open');
    staged.rebase(key, server, new Map([['year', 'yours']]));
    assert.equal(staged.row(key)?.state, 'edited');
    assert.equal(staged.textToSend(key), TEXT.replace('1995', '1996'));
    staged.mark(key, 'conflict');
    staged.rebase(key, source(TEXT.replace('1995', '2001'), 8), new Map([['year', 'server']]));
    assert.equal(staged.row(key), undefined, 'taking the server\'s value leaves nothing to send');
  });

  it('keeps its rows across a reload through a plain snapshot', () => {
    const staged = new StagedEdits();
    staged.stage(source(TEXT), 'big', '9007199254740995');
    const restored = StagedEdits.restore(JSON.parse(JSON.stringify(staged.snapshot())));
    assert.equal(restored.textToSend(source(TEXT).key), TEXT.replace('9007199254740993', '9007199254740995'));
    assert.equal(StagedEdits.restore('garbage').size, 0);
  });
});
