import * as assert from 'node:assert/strict';
import { afterLine, beforeLine, endLine, headerLine, readJournal } from '../../../../src/bulk/model/journal';

describe('A change set\'s journal', () => {
  it('keeps the prior source of each acknowledged write as its exact text, and the writes never answered', () => {
    const header = { type: 'changeSet' as const, id: 'c1', description: 'set a', time: '2026-12-06T00:00:00.000Z', connection: 'local', index: 'm', query: '{"match_all":{}}' };
    const token = { seqNo: 3, primaryTerm: 1, version: 2 };
    const text = headerLine(header)
      + beforeLine({ index: 'm', id: 'x"1', routing: 'r', token, sourceText: '{ "big": 9007199254740993, "f": 1.0, "é": "\\u00e9" }' })
      + afterLine({ index: 'm', id: 'x"1', routing: 'r', status: 409, reason: 'conflict' })
      + beforeLine({ index: 'm', id: 'x"1', routing: 'r', token: { seqNo: 5, primaryTerm: 1, version: 3 }, sourceText: '{ "later" : true }' })
      + afterLine({ index: 'm', id: 'x"1', routing: 'r', status: 200, token: { seqNo: 6, primaryTerm: 1, version: 4 } })
      + beforeLine({ index: 'm', id: 'crashed', token, sourceText: '{}' })
      + '{"type":"after","index":"m","id":"cut sh';
    const state = readJournal(text)!;
    assert.equal(state.header.id, 'c1');
    const key = JSON.stringify(['m', 'x"1', 'r']);
    assert.equal(state.restore.get(key)?.sourceText, '{"later":true}', 'the prior source of the write that was acknowledged, not of the one in conflict');
    assert.equal(state.written.get(key)?.token?.seqNo, 6);
    assert.equal(state.unanswered.get(JSON.stringify(['m', 'crashed', null]))?.sourceText, '{}', 'its answer never came');
    assert.equal(state.unanswered.has(key), false);
    assert.equal(state.end, undefined);
    assert.equal(readJournal(text + '\n' + endLine({ changed: 1, unchanged: 0, conflicts: 0, refused: 0 }))?.end?.changed, 1);
  });
});
