import * as assert from 'node:assert/strict';
import { describeTlsFailure, pinMismatch } from '../../../../src/cluster/model/tlsFailures';

describe('describeTlsFailure for pinned and forged certificates', () => {
  it('names a chain whose signature is not its CA\'s as a possible interception', () => {
    assert.match(describeTlsFailure('certificate signature failure') ?? '', /names a trusted CA that did not sign it.*intercepted/);
    assert.match(describeTlsFailure('', 'CERT_SIGNATURE_FAILURE') ?? '', /did not sign it/);
  });

  it('says a pin mismatch in plain words, and no longer offers a pin as the cure for a wrong host name', () => {
    assert.equal(describeTlsFailure(pinMismatch()), pinMismatch());
    assert.match(pinMismatch(), /^the cluster's certificate does not match the pinned fingerprint \(caFingerprint\)/);
    assert.doesNotMatch(describeTlsFailure('', 'ERR_TLS_CERT_ALTNAME_INVALID') ?? '', /caFingerprint/);
  });
});
