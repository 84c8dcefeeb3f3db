// TLS material for `--tls`: a self-signed CA and a server certificate for 127.0.0.1/localhost signed by
// it, laid out like Elasticsearch's auto-configuration (`certs/http_ca.crt`) so the same client set-up
// (trust the CA file, or pin its SHA-256 fingerprint) works against both.
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bitStringBytes, boolean, explicit, implicitPrimitive, namedBits, octetString, oid, sequence, set, smallInteger, unsignedInteger, utcTime, utf8String } from './der';

export interface TlsMaterial {
  /** The CA certificate (PEM) a client must trust. */
  readonly caCertPath: string;
  /** SHA-256 of the CA certificate, colon-separated upper-case hex (openssl / Node `fingerprint256` style). */
  readonly caFingerprint: string;
  /** The same fingerprint as plain lower-case hex, the form Elasticsearch prints at first start-up. */
  readonly caFingerprintHex: string;
  /** Server key and certificate chain (server certificate followed by the CA, as Elasticsearch sends it). */
  readonly key: string;
  readonly cert: string;
  /** Deletes the directory if it was a temporary one. */
  dispose(): void;
}

const CA_FILE = 'http_ca.crt';
const CA_KEY_FILE = 'http_ca.key';
const CERT_FILE = 'http.crt';
const KEY_FILE = 'http.key';
const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const DAY_MS = 24 * 3600 * 1000;

const name = (cn: string): Buffer => sequence(set(sequence(oid('2.5.4.3'), utf8String(cn))));
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));

function toPem(der: Buffer, label: string): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

export interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  isCa: boolean;
  issuerKeyId?: Buffer;
  /** Of a server certificate: IPv4 addresses and DNS names it is valid for (default 127.0.0.1 and localhost). */
  altNames?: readonly string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function altName(value: string): Buffer {
  return IPV4.test(value) ? implicitPrimitive(7, Buffer.from(value.split('.').map(Number))) : implicitPrimitive(2, Buffer.from(value, 'ascii'));
}

/**
 * Issues a certificate. Tests use it directly to build chains a real server would never send, such
 * as a leaf signed by a stranger's key that names a genuine CA as its issuer.
 */
export function issueCertificate(spec: CertSpec): { pem: string; keyId: Buffer } {
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 5280 allows any unique value as the key identifier; a SHA-1 of the whole SPKI is simplest.
  const keyId = createHash('sha1').update(spki).digest();
  const exts = [
    extension('2.5.29.19', true, spec.isCa ? sequence(boolean(true)) : sequence()),
    // KeyUsage bits: 0 digitalSignature, 5 keyCertSign, 6 cRLSign.
    extension('2.5.29.15', true, spec.isCa ? namedBits([5, 6]) : namedBits([0])),
    extension('2.5.29.14', false, octetString(keyId)),
  ];
  if (spec.issuerKeyId) exts.push(extension('2.5.29.35', false, sequence(implicitPrimitive(0, spec.issuerKeyId))));
  if (!spec.isCa) {
    exts.push(extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))));
    // SAN: iPAddress [7] 127.0.0.1 and dNSName [2] localhost; clients check the SAN, not the CN.
    exts.push(extension('2.5.29.17', false, sequence(...(spec.altNames ?? ['127.0.0.1', 'localhost']).map(altName))));
  }
  const now = Date.now();
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(randomBytes(16)),
    ECDSA_SHA256,
    name(spec.issuer),
    sequence(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + 3 * 365 * DAY_MS))),
    name(spec.subject),
    spki,
    explicit(3, sequence(...exts)),
  );
  const signature = sign('sha256', tbs, spec.signingKey);
  return { pem: toPem(sequence(tbs, ECDSA_SHA256, bitStringBytes(signature)), 'CERTIFICATE'), keyId };
}

function generate(dir: string): void {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = 'esdocs test server HTTP CA';
  const caCert = issueCertificate({ subject: caName, issuer: caName, publicKey: ca.publicKey, signingKey: ca.privateKey, isCa: true });
  const leaf = issueCertificate({ subject: 'localhost', issuer: caName, publicKey: server.publicKey, signingKey: ca.privateKey, isCa: false, issuerKeyId: caCert.keyId });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, CA_FILE), caCert.pem);
  writeFileSync(join(dir, CA_KEY_FILE), ca.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(dir, CERT_FILE), leaf.pem);
  writeFileSync(join(dir, KEY_FILE), server.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}

/**
 * Loads the CA and server certificate from `certDir` when it already holds them (so a CA trusted once
 * stays valid across restarts), otherwise generates them there, or in a temporary directory that
 * `dispose()` removes.
 */
export function prepareTlsMaterial(certDir?: string): TlsMaterial {
  const temporary = certDir === undefined;
  const dir = certDir === undefined ? mkdtempSync(join(tmpdir(), 'esdocs-tls-')) : resolve(certDir);
  if (![CA_FILE, CERT_FILE, KEY_FILE].every((f) => existsSync(join(dir, f)))) generate(dir);
  const caPem = readFileSync(join(dir, CA_FILE), 'utf8');
  const fingerprint = new X509Certificate(caPem).fingerprint256;
  return {
    caCertPath: join(dir, CA_FILE),
    caFingerprint: fingerprint,
    caFingerprintHex: fingerprint.replace(/:/g, '').toLowerCase(),
    key: readFileSync(join(dir, KEY_FILE), 'utf8'),
    cert: readFileSync(join(dir, CERT_FILE), 'utf8') + caPem,
    dispose: () => {
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}
