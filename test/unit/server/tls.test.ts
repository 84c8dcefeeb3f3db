import { strict as assert } from 'node:assert';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { basicAuth, raw } from './raw-http';

const CERT_ERRORS = ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'];

describe('test server security: TLS', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({ tls: true });
  });
  after(() => server.close());

  it('serves HTTPS and exposes the CA file and its SHA-256 fingerprint in both forms', () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = new X509Certificate(readFileSync(server.caCertPath!));
    assert.equal(ca.ca, true);
    assert.match(server.caFingerprint!, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(server.caFingerprint, ca.fingerprint256);
    assert.equal(server.caFingerprintHex, server.caFingerprint!.replace(/:/g, '').toLowerCase());
  });

  it('issues a server certificate for IP 127.0.0.1 and DNS localhost, signed by the CA', () => {
    const dir = dirname(server.caCertPath!);
    const ca = new X509Certificate(readFileSync(server.caCertPath!));
    const leaf = new X509Certificate(readFileSync(join(dir, 'http.crt')));
    assert.ok(leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
    assert.equal(leaf.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost');
    assert.equal(leaf.ca, false);
  });

  it('is trusted by a client given the CA file, by IP and by host name', async () => {
    const ca = readFileSync(server.caCertPath!);
    assert.equal((await raw(server.url, 'GET', '/', {}, { ca })).status, 200);
    assert.equal((await raw(server.url.replace('127.0.0.1', 'localhost'), 'GET', '/', {}, { ca })).status, 200);
  });

  it('fails with a certificate error for a client that trusts neither CA nor fingerprint', async () => {
    await assert.rejects(raw(server.url, 'GET', '/'), (e: NodeJS.ErrnoException) => {
      assert.ok(CERT_ERRORS.includes(e.code ?? ''), `unexpected ${e.code}: ${e.message}`);
      return true;
    });
  });

  it('accepts a client that skips verification (rejectUnauthorized: false)', async () => {
    assert.equal((await raw(server.url, 'GET', '/', {}, { rejectUnauthorized: false })).status, 200);
  });

  it('combines with authentication: 401 over HTTPS without credentials', async () => {
    const secured = await startEsServer({ tls: true, auth: { basic: [{ username: 'elastic', password: 'changeme' }] } });
    try {
      const ca = readFileSync(secured.caCertPath!);
      assert.equal((await raw(secured.url, 'GET', '/', {}, { ca })).status, 401);
      assert.equal((await raw(secured.url, 'GET', '/', basicAuth('elastic', 'changeme'), { ca })).status, 200);
    } finally {
      await secured.close();
    }
  });
});

describe('test server security: TLS certificate directory', () => {
  it('removes a temporary certificate directory on close', async () => {
    const s = await startEsServer({ tls: true });
    const dir = dirname(s.caCertPath!);
    assert.ok(existsSync(dir));
    await s.close();
    assert.ok(!existsSync(dir));
  });

  it('writes to certDir, keeps the files and reuses the same CA on the next start', async () => {
    const certDir = join(mkdtempSync(join(tmpdir(), 'esdocs-tls-test-')), 'certs');
    try {
      const first = await startEsServer({ tls: { certDir } });
      const fingerprint = first.caFingerprint;
      assert.equal(first.caCertPath, join(certDir, 'http_ca.crt'));
      await first.close();
      assert.ok(existsSync(join(certDir, 'http_ca.crt')));
      const second = await startEsServer({ tls: { certDir } });
      try {
        assert.equal(second.caFingerprint, fingerprint);
        assert.equal((await raw(second.url, 'GET', '/', {}, { ca: readFileSync(second.caCertPath!) })).status, 200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dirname(certDir), { recursive: true, force: true });
    }
  });
});
