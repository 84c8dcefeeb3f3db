import * as assert from 'node:assert/strict';
import { describeFailure, failureFromResponse } from '../../src/cluster/model/clusterErrors';
import { readGetResponse, readWriteResponse } from '../../src/cluster/model/documentResponses';
import { readSearchResponse } from '../../src/cluster/model/listingResponses';
import { responseCases, type ResponseCase } from './hostileCorpus';

/**
 * Answers a broken or hostile cluster (or a proxy in front of it) could give. Each reader must
 * either refuse with a message naming what is wrong, or classify the failure with a reason:
 * never crash with a TypeError, never make up a version token or a "not found".
 */

const READERS: Record<Exclude<ResponseCase['reader'], 'failure'>, (text: string) => unknown> = {
  get: readGetResponse,
  write: readWriteResponse,
  search: readSearchResponse,
};

describe('hostile cluster answers', () => {
  let tried = 0;
  let crashes = 0;

  after(() => console.log(`\n  hostile responses: bad inputs tried ${tried}, crashes ${crashes}`));

  for (const c of responseCases()) {
    it(c.name, () => {
      tried++;
      if (c.reader === 'failure') {
        let text: string;
        try {
          const failure = failureFromResponse(c.status ?? 500, c.text);
          assert.equal(failure.kind, c.kind);
          assert.equal(typeof failure.reason, 'string', 'the reason is not a string');
          text = describeFailure('Saving', failure);
        } catch (error) {
          if (error instanceof TypeError) crashes++;
          throw error;
        }
        assert.match(text, new RegExp(c.message));
        return;
      }
      let outcome: unknown;
      let thrown: unknown;
      try {
        outcome = READERS[c.reader](c.text);
      } catch (error) {
        thrown = error;
      }
      if (thrown instanceof TypeError || thrown instanceof RangeError) crashes++;
      assert.ok(thrown !== undefined, `read as ${JSON.stringify(outcome)}`);
      assert.ok(thrown instanceof Error && thrown.name === 'MalformedResponseError', `threw ${String(thrown)}, not a MalformedResponseError`);
      assert.match(thrown.message, new RegExp(c.message, 'i'));
    });
  }
});
