import * as assert from 'node:assert/strict';
import { progressText } from '../../../../src/transfer/model/progressText';

describe('progressText', () => {
  it('says documents done of the total, the rate and the time left', () => {
    assert.equal(progressText(12000, 100000, 4000), '12,000 of 100,000 · 3,000/s · 30 s left');
    assert.equal(progressText(1000, 1000000, 1000), '1,000 of 1,000,000 · 1,000/s · 16 min 39 s left');
    assert.equal(progressText(500, undefined, 2000), '500 · 250/s');
    assert.equal(progressText(10, 100, 200), '10 of 100', 'no rate before a second has passed');
  });
});
