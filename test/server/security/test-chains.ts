// Certificate chains for tests of certificate pinning, honest and forged, built with the generator of certificates.ts.
import { X509Certificate, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { issueCertificate } from './certificates';

/**
 * Certificate chains for the pinning tests: a genuine CA and the chains a server may present,
 * honest or not. Each chain is what a TLS server sends: key plus PEM certificates, leaf first.
 */

export interface ServedChain {
  readonly key: string;
  readonly cert: string;
}

export interface TestCa {
  readonly name: string;
  readonly pem: string;
  /** Its subject key identifier, which the leaves it signs quote as their authority key identifier. */
  readonly keyId: Buffer;
  /** SHA-256 as Node prints it, colon-separated upper-case hex. */
  readonly fingerprint: string;
  /** A leaf for 127.0.0.1 and localhost (or `altNames`) signed by this CA, followed by the CA. */
  issueChain(altNames?: readonly string[]): ServedChain;
  /** An intermediate CA signed by this one; its chains end with the intermediate, not the root. */
  issueCa(name: string): TestCa;
}

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
const newKey = (): KeyPair => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pemKey = (key: KeyPair): string => key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export function createCa(name: string, parent?: { name: string; keyId: Buffer; key: KeyPair }): TestCa {
  const key = newKey();
  const ca = parent
    ? issueCertificate({ subject: name, issuer: parent.name, publicKey: key.publicKey, signingKey: parent.key.privateKey, isCa: true, issuerKeyId: parent.keyId })
    : issueCertificate({ subject: name, issuer: name, publicKey: key.publicKey, signingKey: key.privateKey, isCa: true });
  return {
    name,
    pem: ca.pem,
    keyId: ca.keyId,
    fingerprint: new X509Certificate(ca.pem).fingerprint256,
    issueChain: (altNames) => {
      const server = newKey();
      const leaf = issueCertificate({ subject: 'node', issuer: name, publicKey: server.publicKey, signingKey: key.privateKey, isCa: false, issuerKeyId: ca.keyId, altNames });
      return { key: pemKey(server), cert: leaf.pem + ca.pem };
    },
    issueCa: (childName) => createCa(childName, { name, keyId: ca.keyId, key }),
  };
}

/**
 * What a man in the middle can build without the CA's key: a leaf signed by his own key that names
 * the genuine CA as its issuer (same name, same key identifier), sent with the genuine, public CA
 * certificate. Linked by names, the chain looks complete; checked by signatures, it is not.
 */
export function forgeChain(genuine: TestCa): ServedChain {
  const attacker = newKey();
  const leaf = issueCertificate({ subject: 'node', issuer: genuine.name, publicKey: attacker.publicKey, signingKey: attacker.privateKey, isCa: false, issuerKeyId: genuine.keyId });
  return { key: pemKey(attacker), cert: leaf.pem + genuine.pem };
}

/** A server certificate signed by its own key, as some clusters are set up: the pin is its own hash. */
export function selfSignedChain(): ServedChain & { fingerprint: string } {
  const key = newKey();
  const leaf = issueCertificate({ subject: 'lone node', issuer: 'lone node', publicKey: key.publicKey, signingKey: key.privateKey, isCa: false });
  return { key: pemKey(key), cert: leaf.pem, fingerprint: new X509Certificate(leaf.pem).fingerprint256 };
}

