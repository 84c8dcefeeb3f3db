import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import type { Credentials, TlsOptions } from '../../../src/cluster/model/connectionConfig';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { startEsServer } from '../../server/server';
import { createCa, forgeChain, selfSignedChain, type ServedChain } from '../../server/security/test-chains';

const PASSWORD = 'pinned-secret';
const CREDENTIALS: Credentials = { method: 'basic', username: 'elastic', password: PASSWORD };

/** Connects with the given trust settings; counts how often the password was asked for. */
async function connect(url: string, tls: TlsOptions): Promise<{ clusterName?: string; failure?: ClusterError; asked: number }> {
  let asked = 0;
  const credentials = async (): Promise<Credentials> => {
    asked++;
    return CREDENTIALS;
  };
  const gateway = new ClusterGateway({ connection: { id: 'pinned', name: 'pinned', urls: [url], auth: 'basic', username: 'elastic', tls, origin: 'added' }, requestTimeoutMs: 10000 }, { credentials });
  try {
    return { clusterName: (await gateway.cluster()).clusterName, asked };
  } catch (error) {
    assert.ok(error instanceof ClusterError, String(error));
    return { failure: error, asked };
  } finally {
    await gateway.close();
  }
}

/** Runs `body` against the test cluster serving `chain`, with security on. */
async function withCluster<T>(chain: ServedChain, body: (url: string) => Promise<T>): Promise<T> {
  const server = await startEsServer({ tls: { chain }, auth: { basic: [{ username: 'elastic', password: PASSWORD }] } });
  try {
    return await body(server.url);
  } finally {
    await server.close();
  }
}

describe('A pinned CA fingerprint (caFingerprint)', () => {
  const ca = createCa('Genuine HTTP CA');
  const otherCa = createCa('Another HTTP CA');
  let dir: string;
  let caFile: string;
  let otherCaFile: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'esdocs-pin-'));
    caFile = join(dir, 'http_ca.crt');
    otherCaFile = join(dir, 'other_ca.crt');
    writeFileSync(caFile, ca.pem);
    writeFileSync(otherCaFile, otherCa.pem);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the genuine chain, by IP and by host name, with the pin in either form', async () => {
    await withCluster(ca.issueChain(), async (url) => {
      for (const [target, pin] of [[url, ca.fingerprint], [url.replace('127.0.0.1', 'localhost'), ca.fingerprint.replace(/:/g, '').toLowerCase()]] as const) {
        const result = await connect(target, { caFingerprint: pin });
        assert.equal(result.failure, undefined, result.failure?.message);
        assert.equal(result.clusterName, 'esdocs-test-cluster');
      }
    });
  });

  it('refuses a forged chain that carries the genuine CA, and sends it nothing', async () => {
    const received: Buffer[] = [];
    // The man in the middle: whatever reaches him is recorded, then answered like a cluster would.
    const attacker = createTlsServer(forgeChain(ca), (socket) => {
      socket.on('data', (data: Buffer) => {
        received.push(data);
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-elastic-product: Elasticsearch\r\ncontent-length: 2\r\n\r\n{}');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const result = await connect(`https://127.0.0.1:${(attacker.address() as AddressInfo).port}`, { caFingerprint: ca.fingerprint });
      assert.equal(result.failure?.failure.kind, 'tls', 'the forged chain was accepted');
      assert.match(result.failure.failure.reason, /names a trusted CA that did not sign it/);
      assert.equal(Buffer.concat(received).toString('latin1'), '', 'the client sent a request');
    } finally {
      await new Promise((resolve) => attacker.close(resolve));
    }
  });

  it('checks the host name', async () => {
    await withCluster(ca.issueChain(['elsewhere.example']), async (url) => {
      const result = await connect(url, { caFingerprint: ca.fingerprint });
      assert.equal(result.failure?.failure.kind, 'tls', 'a certificate for another host was accepted');
      assert.match(result.failure.failure.reason, /another host name/);
    });
  });

  it('enforces a CA file and a pin together: each alone refuses what it does not trust', async () => {
    await withCluster(ca.issueChain(), async (url) => {
      const fileRefuses = await connect(url, { caFingerprint: ca.fingerprint, caFile: otherCaFile });
      assert.equal(fileRefuses.failure?.failure.kind, 'tls', 'the CA file was not enforced');
      const pinRefuses = await connect(url, { caFingerprint: otherCa.fingerprint, caFile });
      assert.equal(pinRefuses.failure?.failure.kind, 'tls', 'the pin was not enforced');
      assert.match(pinRefuses.failure.failure.reason, /does not match the pinned fingerprint/);
      const both = await connect(url, { caFingerprint: ca.fingerprint, caFile });
      assert.equal(both.failure, undefined, both.failure?.message);
    });
    // Trusted through the CA file, with the pinned CA merely sent along: the chain does not descend from it.
    const alongside = otherCa.issueChain();
    await withCluster({ key: alongside.key, cert: alongside.cert + ca.pem }, async (url) => {
      const result = await connect(url, { caFingerprint: ca.fingerprint, caFile: otherCaFile });
      assert.equal(result.failure?.failure.kind, 'tls', 'a chain not descending from the pin was accepted');
      assert.match(result.failure.failure.reason, /does not match the pinned fingerprint/);
    });
  });

  it('refuses a pin that no certificate of the cluster has, before asking for the password', async () => {
    await withCluster(ca.issueChain(), async (url) => {
      const result = await connect(url, { caFingerprint: otherCa.fingerprint });
      assert.equal(result.failure?.failure.kind, 'tls');
      assert.match(result.failure.failure.reason, /does not match the pinned fingerprint \(caFingerprint\)/);
      assert.equal(result.asked, 0);
    });
  });

  it('trusts a pinned intermediate CA and a pinned self-signed server certificate', async () => {
    const intermediate = ca.issueCa('Genuine intermediate CA');
    await withCluster(intermediate.issueChain(), async (url) => {
      const result = await connect(url, { caFingerprint: intermediate.fingerprint });
      assert.equal(result.failure, undefined, result.failure?.message);
    });
    const lone = selfSignedChain();
    await withCluster(lone, async (url) => {
      const result = await connect(url, { caFingerprint: lone.fingerprint });
      assert.equal(result.failure, undefined, result.failure?.message);
    });
  });

  it('says when a fingerprint is not a SHA-256', async () => {
    await withCluster(ca.issueChain(), async (url) => {
      const result = await connect(url, { caFingerprint: 'AB:CD' });
      assert.match(result.failure?.failure.reason ?? '', /not a SHA-256/);
    });
  });
});
