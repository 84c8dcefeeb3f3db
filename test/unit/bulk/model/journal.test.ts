import * as assert from 'node:assert/strict';
import { afterLine, beforeLine, endLine, headerLine, JournalLines, type Acknowledged } from '../../../../src/bulk/model/journal';

describe('A change set\'s journal', () => {
  it('gives each acknowledged write with its prior source as exact text, and the writes never answered', () => {
    const header = { type: 'changeSet' as const, id: 'c1', description: 'set a', time: '2026-12-06T00:00:00.000Z', connection: 'local', index: 'm', query: '{"match_all":{}}' };
    const token = { seqNo: 3, primaryTerm: 1, version: 2 };
    const text = headerLine(header)
      + beforeLine({ index: 'm', id: 'x"1', routing: 'r', token, sourceText: '{ "big": 9007199254740993, "f": 1.0, "é": "\\u00e9" }' })
      + afterLine({ index: 'm', id: 'x"1', routing: 'r', status: 409, reason: 'conflict' })
      + beforeLine({ index: 'm', id: 'noop', token, sourceText: '{"n":1}' })
      + afterLine({ index: 'm', id: 'noop', status: 200, token, noop: true })
      + beforeLine({ index: 'm', id: 'x"1', routing: 'r', token: { seqNo: 5, primaryTerm: 1, version: 3 }, sourceText: '{ "later" : true }' })
      + afterLine({ index: 'm', id: 'x"1', routing: 'r', status: 200, token: { seqNo: 6, primaryTerm: 1, version: 4 } })
      + beforeLine({ index: 'm', id: 'crashed', token, sourceText: '{}' })
      + '{"type":"after","index":"m","id":"cut sh';
    const journal = new JournalLines();
    const acknowledged: Acknowledged[] = [];
    for (const line of text.split('\n')) {
      const write = journal.read(line);
      if (write) acknowledged.push(write);
    }
    assert.equal(journal.header?.id, 'c1');
    assert.equal(acknowledged.length, 1, 'the conflict and the no-op wrote nothing');
    assert.equal(acknowledged[0].before.sourceText, '{"later":true}', 'the prior source of the write that was acknowledged, not of the one in conflict');
    assert.equal(acknowledged[0].before.routing, 'r');
    assert.equal(acknowledged[0].after.token?.seqNo, 6);
    assert.deepEqual(journal.unanswered().map((doc) => [doc.id, doc.sourceText]), [['crashed', '{}']], 'its answer never came');
    assert.equal(journal.end, undefined, 'interrupted: no end line');
  });

  it('keeps the exact big integers, 1.0 and escapes of a prior source', () => {
    const journal = new JournalLines();
    journal.read(beforeLine({ index: 'm', id: 'a', token: { seqNo: 1, primaryTerm: 1, version: 1 }, sourceText: '{ "big": 9007199254740993, "f": 1.0, "e": "\\u00e9" }' }));
    const write = journal.read(afterLine({ index: 'm', id: 'a', status: 200, token: { seqNo: 2, primaryTerm: 1, version: 2 } }));
    assert.equal(write?.before.sourceText, '{"big":9007199254740993,"f":1.0,"e":"\\u00e9"}');
    journal.read(endLine({ changed: 1, unchanged: 0, conflicts: 0, refused: 0 }));
    assert.equal(journal.end?.changed, 1);
  });
});
