import * as assert from 'node:assert/strict';
import { describeFailure, failureFromNetwork, failureFromResponse } from '../../../../src/cluster/model/clusterErrors';
import { describeConflict, readConflictReason } from '../../../../src/documents/model/conflicts';

const CONFLICT = '{"error":{"root_cause":[{"type":"version_conflict_engine_exception","reason":"[109487]: version conflict, required seqNo [6], primary term [1]. current document has seqNo [12] and primary term [1]","index_uuid":"x","shard":"0","index":"movies"}],"type":"version_conflict_engine_exception","reason":"[109487]: version conflict, required seqNo [6], primary term [1]. current document has seqNo [12] and primary term [1]","index_uuid":"x","shard":"0","index":"movies"},"status":409}';

describe('clusterErrors', () => {
  it('classifies a version conflict and keeps the cluster reason', () => {
    const failure = failureFromResponse(409, CONFLICT);
    assert.equal(failure.kind, 'conflict');
    assert.equal(failure.type, 'version_conflict_engine_exception');
    assert.match(failure.reason, /current document has seqNo \[12\]/);
  });

  it('tells a missing index from a missing document', () => {
    const indexMissing = '{"error":{"root_cause":[],"type":"index_not_found_exception","reason":"no such index [nope]"},"status":404}';
    assert.equal(failureFromResponse(404, indexMissing).kind, 'indexMissing');
    assert.equal(failureFromResponse(404, '{"_index":"a","_id":"1","found":false}').kind, 'documentMissing');
  });

  it('describes HTML and empty answers instead of failing to parse them', () => {
    assert.match(failureFromResponse(502, '<html><body><h1>502 Bad Gateway</h1></body></html>').reason, /502 Bad Gateway/);
    assert.match(failureFromResponse(503, '').reason, /answer was empty/);
    assert.equal(failureFromResponse(503, '').kind, 'serverError');
  });

  it('reads plain-string errors', () => {
    assert.equal(failureFromResponse(400, '{"error":"no handler found for uri [/x] and method [GET]","status":400}').reason, 'no handler found for uri [/x] and method [GET]');
  });

  it('writes one actionable sentence', () => {
    const text = describeFailure('Saving', failureFromResponse(401, '{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}'));
    assert.equal(text, "Saving failed (HTTP 401 security_exception): missing authentication credentials. Check the connection's credentials.");
    assert.equal(
      describeFailure('Opening', failureFromNetwork(new Error('connect ECONNREFUSED 127.0.0.1:9'))),
      'Opening failed: nothing answers at that address (127.0.0.1:9). Check that the cluster is reachable.',
    );
  });

  it('says that a write without an answer may have been applied', () => {
    const text = describeFailure('Saving', failureFromNetwork(new Error('other side closed')), true);
    assert.equal(text, 'Saving failed: the connection was closed before an answer arrived. The cluster may have applied it; saving again will tell. Check that the cluster is reachable.');
  });

  it('survives error answers of the wrong shape', () => {
    assert.equal(failureFromResponse(500, '{"error":{"reason":5,"caused_by":{"reason":"x"}},"status":500}').reason, 'the answer gave no reason (x)');
    assert.equal(failureFromResponse(500, '{"error":{"root_cause":"nope"},"status":500}').reason, 'the answer gave no reason');
    assert.equal(failureFromResponse(500, '[1,2]').kind, 'serverError');
  });
});

describe('conflicts', () => {
  it('reads the sequence numbers of a conflict', () => {
    const reason = failureFromResponse(409, CONFLICT).reason;
    assert.deepEqual(readConflictReason(reason), { requiredSeqNo: 6, currentSeqNo: 12, documentMissing: false });
    assert.equal(describeConflict(readConflictReason(reason), 6), 'This document changed on the server since you opened it (seq 6 → 12).');
  });

  it('recognises a document deleted meanwhile', () => {
    const details = readConflictReason('[1]: version conflict, required seqNo [6], primary term [1]. but no document was found');
    assert.equal(details.documentMissing, true);
    assert.match(describeConflict(details, 6), /deleted/);
  });
});
