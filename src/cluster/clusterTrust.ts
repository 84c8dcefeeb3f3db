import * as l10n from '@vscode/l10n';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type ConnectionOptions, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { chainsToPin, findPinned, normalizeFingerprint } from './model/certificatePin';
import { ClusterError, failureFromNetwork } from './model/clusterErrors';
import type { ConnectionConfig } from './model/connectionConfig';
import { cloudIdUrl } from './model/connectionUrl';
import { pinMismatch } from './model/tlsFailures';
import { deadlineFailure } from './answerLimits';

/**
 * How the client checks a cluster's certificate: the system's CAs, a CA file, a pinned
 * fingerprint, or not at all when the user chose so. A pin is enforced like a CA file, not by
 * comparing hashes of what the server presents: the certificate that has the pin's hash becomes
 * the only trusted CA, the chain must verify to it signature by signature, and the host name is
 * checked. With a CA file as well, both must hold. Credentials only travel on a connection that
 * passed these checks.
 */

/** The client's `tls` options for a connection; undefined for the system's CAs. */
export async function trustOptions(connection: ConnectionConfig, timeoutMs: number): Promise<ConnectionOptions | undefined> {
  const { caFile, caFingerprint, insecure } = connection.tls;
  if (insecure) return { rejectUnauthorized: false };
  const fileCas = caFile === undefined ? undefined : await readCaFile(caFile);
  if (!caFingerprint) return fileCas && { ca: fileCas, rejectUnauthorized: true };
  const pin = normalizeFingerprint(caFingerprint);
  if (pin === undefined) throw new ClusterError({ kind: 'tls', reason: l10n.t('the CA fingerprint (caFingerprint) is not a SHA-256: it has 64 hexadecimal digits, with or without colons') });
  const pinned = await fetchPinnedCertificate(connection, pin, timeoutMs);
  if (pinned === undefined) return fileCas && { ca: fileCas, rejectUnauthorized: true };
  return {
    ca: fileCas ?? [pinned.toString()],
    // A pinned intermediate CA or server certificate ends the chain: nothing above it is needed.
    ...(fileCas ? {} : { allowPartialTrustChain: true }),
    rejectUnauthorized: true,
    checkServerIdentity: (host, certificate) => checkServerIdentity(host, certificate) ?? checkPin(certificate, pin),
  };
}

async function readCaFile(caFile: string): Promise<Buffer> {
  return readFile(caFile).catch((error: unknown) => {
    throw new ClusterError({ kind: 'tls', reason: l10n.t('the CA file {0} cannot be read ({1})', caFile, error instanceof Error ? error.message : String(error)) });
  });
}

/** Refuses a verified connection whose chain does not also descend from the pinned certificate. */
function checkPin(certificate: PeerCertificate, pin: string): Error | undefined {
  const [leaf, ...others] = chainOf(certificate);
  if (leaf !== undefined && chainsToPin(leaf, others, pin)) return undefined;
  return Object.assign(new Error(pinMismatch()), { code: 'ERR_ESDOCS_PIN_MISMATCH' });
}

/** The DER certificates of a peer's chain, leaf first, as Node links them (by name: not yet a proof). */
function chainOf(certificate: PeerCertificate): Buffer[] {
  const chain: Buffer[] = [];
  let current: DetailedPeerCertificate | undefined = certificate as DetailedPeerCertificate;
  while (current?.raw !== undefined && !chain.some((der) => der.equals(current!.raw))) {
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

interface TlsTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * Reads the chain of the first node that answers and picks the pinned certificate from it. Its
 * hash proves it genuine, whoever sent it; what it proves about the server is checked on the real
 * connection. Nothing is sent on this one. Undefined when no node is reached over TLS.
 */
async function fetchPinnedCertificate(connection: ConnectionConfig, pin: string, timeoutMs: number): Promise<X509Certificate | undefined> {
  let lastError: unknown;
  for (const target of tlsTargets(connection)) {
    let chain: Buffer[];
    try {
      chain = await presentedChain(target, timeoutMs);
    } catch (error) {
      lastError = error;
      continue;
    }
    const pinned = findPinned(chain, pin);
    if (pinned === undefined) throw new ClusterError({ kind: 'tls', reason: pinMismatch() });
    return pinned;
  }
  if (lastError instanceof ClusterError) throw lastError;
  if (lastError !== undefined) throw new ClusterError(failureFromNetwork(lastError));
  return undefined;
}

function tlsTargets(connection: ConnectionConfig): TlsTarget[] {
  const cloud = connection.cloudId === undefined ? undefined : cloudIdUrl(connection.cloudId);
  const urls = connection.cloudId ? (cloud ? [cloud] : []) : connection.urls;
  return urls.flatMap((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' ? [{ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) }] : [];
    } catch {
      return [];
    }
  });
}

function presentedChain(target: TlsTarget, timeoutMs: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(isIP(target.host) ? {} : { servername: target.host }),
      ALPNProtocols: ['http/1.1'],
      // Only to read the certificates: this connection carries no request and no credential.
      rejectUnauthorized: false,
    });
    const deadline = setTimeout(() => socket.destroy(new ClusterError(deadlineFailure(timeoutMs))), timeoutMs);
    socket.once('close', () => clearTimeout(deadline));
    socket.on('error', reject);
    socket.once('secureConnect', () => {
      const chain = chainOf(socket.getPeerCertificate(true));
      socket.destroy();
      resolve(chain);
    });
  });
}
