import * as assert from 'node:assert/strict';
import { maxResponseBytesOf, pageSizeOf, refreshPolicyOf, requestTimeoutMsOf, retryOnConflictOf, saveFormatOf } from '../../../../src/platform/model/settingValues';

describe('setting values', () => {
  it('clamps and rounds the request timeout: no "never", no sub-second', () => {
    assert.equal(requestTimeoutMsOf(30), 30_000);
    assert.equal(requestTimeoutMsOf(1e10), 600_000);
    assert.equal(requestTimeoutMsOf(0.0005), 1_000);
    assert.equal(requestTimeoutMsOf(2.6), 3_000);
    for (const bad of [undefined, 'x', Number.NaN, Infinity]) assert.equal(requestTimeoutMsOf(bad), 30_000, String(bad));
    assert.equal(requestTimeoutMsOf(-5), 1_000);
  });

  it('clamps and rounds the page size', () => {
    assert.equal(pageSizeOf(50), 50);
    assert.equal(pageSizeOf(12.4), 12);
    assert.equal(pageSizeOf(0.2), 1);
    assert.equal(pageSizeOf(1e9), 10_000);
    assert.equal(pageSizeOf(-3), 1);
    assert.equal(pageSizeOf('20'), 50);
  });

  it('clamps and rounds retry_on_conflict', () => {
    assert.equal(retryOnConflictOf(2.5), 3);
    assert.equal(retryOnConflictOf(1e6), 100);
    assert.equal(retryOnConflictOf(-1), 0);
    assert.equal(retryOnConflictOf(null), 3);
  });

  it('reads refreshOnSave as one of the three policies', () => {
    assert.equal(refreshPolicyOf(true), 'true');
    assert.equal(refreshPolicyOf('true'), 'true');
    assert.equal(refreshPolicyOf('wait_for'), 'wait_for');
    assert.equal(refreshPolicyOf('now please'), 'false');
    assert.equal(refreshPolicyOf(undefined), 'false');
  });
});

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

describe('saveFormatOf', () => {
  it('reads esdocs.saveFormat: asTyped when asked for, compact otherwise', () => {
    assert.equal(saveFormatOf('asTyped'), 'asTyped');
    assert.equal(saveFormatOf('compact'), 'compact');
    for (const other of [undefined, null, 'AsTyped', 1, true]) assert.equal(saveFormatOf(other), 'compact', String(other));
  });
});
