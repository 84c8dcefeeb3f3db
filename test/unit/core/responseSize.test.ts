import * as assert from 'node:assert/strict';
import { maxResponseBytesOf } from '../../../src/core/responseSize';

describe('maxResponseBytesOf', () => {
  it('reads esdocs.maxResponseMegabytes as bytes, within 1 to 500 MB, 100 MB when unusable', () => {
    const MB = 1024 * 1024;
    assert.equal(maxResponseBytesOf(100), 100 * MB);
    assert.equal(maxResponseBytesOf(2.4), 2 * MB);
    assert.equal(maxResponseBytesOf(0), MB);
    assert.equal(maxResponseBytesOf(-5), MB);
    assert.equal(maxResponseBytesOf(1e9), 500 * MB);
    for (const unusable of [undefined, null, '50', Number.NaN, Infinity]) assert.equal(maxResponseBytesOf(unusable), 100 * MB, String(unusable));
  });
});
