import { strict as assert } from 'node:assert';
import { levenshteinSimilarity, unrecognizedParamsError, API_PARAMS, COMMON_PARAMS } from '../../server/http/params';

describe('unrecognized URL parameters', () => {
  it('produces the seed note text with did-you-mean suggestions', () => {
    const err = unrecognizedParamsError('/movies/_doc/109487', ['if_sql_no', 'id_primary_term'], [...API_PARAMS.index!, ...COMMON_PARAMS, 'index', 'id']);
    assert.equal(err.status, 400);
    assert.equal(err.type, 'illegal_argument_exception');
    assert.equal(
      err.reason,
      'request [/movies/_doc/109487] contains unrecognized parameters: [id_primary_term] -> did you mean [if_primary_term]?, [if_sql_no] -> did you mean [if_seq_no]?',
    );
  });

  it('uses Lucene Levenshtein similarity with the 0.5 threshold', () => {
    assert.ok(Math.abs(levenshteinSimilarity('if_seqno', 'if_seq_no') - (1 - 1 / 9)) < 1e-6);
    assert.equal(levenshteinSimilarity('', ''), 1);
    const single = unrecognizedParamsError('/x', ['zzz'], ['refresh']);
    assert.equal(single.reason, 'request [/x] contains unrecognized parameter: [zzz]');
  });
});
