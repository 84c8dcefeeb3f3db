import * as assert from 'node:assert/strict';
import { CHECKPOINT_LIFETIME_MS, continues, type ExportCheckpoint } from '../../../../src/transfer/model/exportCheckpoint';

describe('An export\'s checkpoint', () => {
  const checkpoint: ExportCheckpoint = { file: '/f.ndjson', connection: 'c', index: 'movies', format: 'ndjson', query: '{"match_all":{}}', pitId: 'p', bytes: 10, documents: 1, slices: [{ after: '[1]', done: false }], time: 1_000 };
  const wanted = { file: '/f.ndjson', connection: 'c', index: 'movies', format: 'ndjson' as const, query: '{"match_all":{}}' };

  it('continues the same export while its point in time may live, and no other', () => {
    assert.equal(continues(checkpoint, wanted, 1_000 + CHECKPOINT_LIFETIME_MS - 1), true);
    assert.equal(continues(checkpoint, wanted, 1_000 + CHECKPOINT_LIFETIME_MS), false, 'the point in time has expired');
    assert.equal(continues(checkpoint, { ...wanted, format: 'tokens' }, 2_000), false);
    assert.equal(continues(checkpoint, { ...wanted, query: '{"term":{"a":1}}' }, 2_000), false);
    assert.equal(continues(checkpoint, { ...wanted, index: 'films' }, 2_000), false);
  });
});
