import * as assert from 'node:assert/strict';
import { conditionalAction, readBulkItems } from '../../../../src/cluster/model/bulkResponses';

describe('Conditional _bulk actions and their items', () => {
  it('makes each write conditional on the version it was read at, routing kept', () => {
    assert.equal(conditionalAction('index', { index: 'm', id: 'a"b', routing: 'r' }, { seqNo: 4, primaryTerm: 2, version: 3 }, '{"x":1.0}').action,
      '{"index":{"_index":"m","_id":"a\\"b","routing":"r","if_seq_no":4,"if_primary_term":2}}');
    assert.equal(conditionalAction('delete', { index: 'm', id: '1' }, { seqNo: 0, primaryTerm: 1, version: 1 }).source, undefined);
  });

  it('reads each item\'s status, new version and reason, in order', () => {
    const items = readBulkItems(JSON.stringify({ errors: true, items: [
      { index: { _id: '1', status: 200, result: 'updated', _seq_no: 9, _primary_term: 1, _version: 4 } },
      { index: { _id: '2', status: 409, error: { type: 'version_conflict_engine_exception', reason: 'current document has seqNo [3]' } } },
    ] }), 2);
    assert.deepEqual(items[0], { status: 200, result: 'updated', token: { seqNo: 9, primaryTerm: 1, version: 4 } });
    assert.equal(items[1].status, 409);
    assert.equal(items[1].errorType, 'version_conflict_engine_exception');
    assert.throws(() => readBulkItems('{"items":[]}', 1), /0 items for 1/);
  });
});
