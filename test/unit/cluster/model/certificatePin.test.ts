import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { chainsToPin, findPinned, fingerprintOf, normalizeFingerprint } from '../../../../src/cluster/model/certificatePin';
import { createCa, forgeChain, selfSignedChain, type ServedChain } from '../../../server/security/test-chains';

/** The DER certificates of a served chain, leaf first. */
function ders(chain: ServedChain): Buffer[] {
  return (chain.cert.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem).raw);
}

const pinOf = (pem: string): string => fingerprintOf(new X509Certificate(pem).raw);

describe('certificatePin', () => {
  const ca = createCa('Pin CA');

  it('reads a SHA-256 fingerprint in the usual spellings, and nothing else', () => {
    const hex = 'ab'.repeat(32);
    assert.equal(normalizeFingerprint(hex.toUpperCase().match(/../g)!.join(':')), hex);
    assert.equal(normalizeFingerprint(` ${hex} `), hex);
    assert.equal(normalizeFingerprint('ab'.repeat(20)), undefined);
    assert.equal(normalizeFingerprint('zz'.repeat(32)), undefined);
  });

  it('finds the pinned certificate among those presented, by its hash only', () => {
    const chain = ders(ca.issueChain());
    assert.equal(findPinned(chain, pinOf(ca.pem))?.fingerprint256, ca.fingerprint);
    assert.equal(findPinned(chain, 'ab'.repeat(32)), undefined);
  });

  it('follows signatures, not names: a forged leaf carrying the genuine CA does not chain to it', () => {
    const [leaf, ...others] = ders(ca.issueChain());
    assert.ok(chainsToPin(leaf!, others, pinOf(ca.pem)));
    const [forged, ...alongside] = ders(forgeChain(ca));
    assert.equal(new X509Certificate(forged!).checkIssued(new X509Certificate(alongside[0]!)), true, 'the forgery should look right by name');
    assert.equal(chainsToPin(forged!, alongside, pinOf(ca.pem)), false);
  });

  it('tries every issuer of the right name, and accepts a pinned intermediate or leaf', () => {
    const [leaf, ...others] = ders(ca.issueChain());
    // Another CA certificate of the same name, listed first, does not hide the genuine one.
    const impostor = ders({ key: '', cert: createCa('Pin CA').pem })[0]!;
    assert.ok(chainsToPin(leaf!, [impostor, ...others], pinOf(ca.pem)));
    const intermediate = ca.issueCa('Pin intermediate');
    const [deepLeaf, ...rest] = ders(intermediate.issueChain());
    assert.ok(chainsToPin(deepLeaf!, [...rest, new X509Certificate(ca.pem).raw], pinOf(intermediate.pem)));
    assert.ok(chainsToPin(deepLeaf!, [...rest, new X509Certificate(ca.pem).raw], pinOf(ca.pem)));
    const lone = selfSignedChain();
    assert.ok(chainsToPin(ders(lone)[0]!, [], pinOf(lone.cert)));
    assert.equal(chainsToPin(leaf!, others, pinOf(lone.cert)), false);
  });
});
