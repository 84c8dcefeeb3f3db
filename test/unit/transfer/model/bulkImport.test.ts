import * as assert from 'node:assert/strict';
import { bulkLines, readBulkOutcomes } from '../../../../src/transfer/model/bulkImport';
import type { ImportDocument } from '../../../../src/transfer/model/importReader';

const document = (id: string, token?: { seqNo: number; primaryTerm: number }): ImportDocument => ({ kind: 'document', line: 1, id, generated: false, source: '{"n":1.0}', original: '', ...(token ? { token } : {}) });

describe('bulk import', () => {
  it('writes create-only, conditional and overwrite actions, the source as given', () => {
    assert.equal(bulkLines(document('a'), 'create'), '{"create":{"_id":"a"}}\n{"n":1.0}\n');
    assert.equal(bulkLines(document('a', { seqNo: 4, primaryTerm: 2 }), 'create'), '{"create":{"_id":"a"}}\n{"n":1.0}\n', 'create-only ignores a token');
    assert.equal(bulkLines(document('a', { seqNo: 4, primaryTerm: 2 }), 'conditional'), '{"index":{"_id":"a","if_seq_no":4,"if_primary_term":2}}\n{"n":1.0}\n');
    assert.equal(bulkLines(document('a'), 'conditional'), '{"create":{"_id":"a"}}\n{"n":1.0}\n', 'without a token, conditional creates');
    assert.equal(bulkLines({ ...document('a'), routing: 'r' }, 'overwrite'), '{"index":{"_id":"a","routing":"r"}}\n{"n":1.0}\n');
  });

  it('tells created, updated, existed, conflicts, load (429) and refusals apart', () => {
    const answer = JSON.stringify({ errors: true, items: [
      { create: { status: 201, result: 'created' } },
      { index: { status: 200, result: 'updated' } },
      { create: { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'document already exists' } } },
      { index: { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'required seqNo [4]' } } },
      { index: { status: 429, error: { type: 'es_rejected_execution_exception' } } },
      { index: { status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [year]' } } },
    ] });
    const documents = [document('1'), document('2', { seqNo: 1, primaryTerm: 1 }), document('3'), document('4', { seqNo: 4, primaryTerm: 1 }), document('5'), document('6')];
    assert.deepEqual(readBulkOutcomes(answer, documents, 'conditional').map((outcome) => outcome.kind), ['created', 'updated', 'existed', 'conflict', 'retry', 'refused']);
    assert.deepEqual(readBulkOutcomes(answer, documents, 'conditional')[5], { kind: 'refused', reason: 'document_parsing_exception: failed to parse field [year]' });
    assert.throws(() => readBulkOutcomes(answer, documents.slice(1), 'create'), /6 items for 5 documents/);
  });
});
