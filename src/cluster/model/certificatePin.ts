import { X509Certificate, createHash } from 'node:crypto';

/**
 * A pinned certificate (`caFingerprint`): the SHA-256 of the cluster's CA, as Elasticsearch prints
 * it at first start-up, or of a self-signed server certificate. A pin is only worth something if
 * the server's certificate is proven, signature by signature, to descend from the pinned one:
 * certificates name their issuer, and anyone can send a real (public) CA certificate along with a
 * leaf they signed themselves under that CA's name.
 */

/** 64 lower-case hex digits from any usual spelling (colons, spaces, upper case); undefined when it is not a SHA-256. */
export function normalizeFingerprint(value: string): string | undefined {
  const hex = value.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * The certificate among `certificates` (DER) whose SHA-256 is the pin. Whoever sent it, its hash
 * proves it is the certificate the user pinned, so it can serve as the one trusted CA.
 */
export function findPinned(certificates: readonly Buffer[], pin: string): X509Certificate | undefined {
  const der = certificates.find((c) => fingerprintOf(c) === pin);
  return der === undefined ? undefined : new X509Certificate(der);
}

/**
 * Whether `leaf` is the pinned certificate or descends from it through `others`: each step must be
 * a CA certificate whose name matches the issuer (`checkIssued`) and whose key verifies the
 * signature. Names alone prove nothing, so every candidate issuer of the right name is tried.
 */
export function chainsToPin(leaf: Buffer, others: readonly Buffer[], pin: string): boolean {
  const candidates = others.map((der) => ({ der, certificate: new X509Certificate(der) })).filter((c) => c.certificate.ca);
  const walk = (der: Buffer, certificate: X509Certificate, visited: ReadonlySet<Buffer>): boolean => {
    if (fingerprintOf(der) === pin) return true;
    return candidates.some(
      (issuer) => !visited.has(issuer.der) && certificate.checkIssued(issuer.certificate) && certificate.verify(issuer.certificate.publicKey) && walk(issuer.der, issuer.certificate, new Set([...visited, issuer.der])),
    );
  };
  return walk(leaf, new X509Certificate(leaf), new Set([leaf]));
}
