import * as assert from 'node:assert/strict';
import { ClusterError, type ClusterFailure } from '../../../src/cluster/model/clusterErrors';
import type { ConnectionConfig, Credentials } from '../../../src/cluster/model/connectionConfig';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { startEsServer, type RunningEsServer } from '../../server/server';

const PASSWORD = 'n0t-in-any-log';

function connection(url: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return { id: 'secure', name: 'secure', urls: [url], auth: 'basic', username: 'elastic', tls: {}, origin: 'added', ...overrides };
}

function gateway(config: ConnectionConfig, credentials?: Credentials, rejected: ClusterFailure[] = []): ClusterGateway {
  return new ClusterGateway({ connection: config, requestTimeoutMs: 10000 }, { credentials: async () => credentials, onRejected: (_c, failure) => rejected.push(failure) });
}

async function expectFailure(promise: Promise<unknown>, kind: string, reason: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ClusterError, String(error));
    assert.equal(error.failure.kind, kind);
    assert.match(error.failure.reason, reason);
    return true;
  });
}

describe('Connecting to a secured cluster', () => {
  let server: RunningEsServer;

  before(async () => {
    server = await startEsServer({
      port: 0,
      tls: true,
      auth: { basic: [{ username: 'elastic', password: PASSWORD }], apiKeys: [{ id: 'key-1', key: 'api-secret' }], bearerTokens: ['token-secret'] },
    });
  });

  after(() => server.close());

  const trusted = (): Partial<ConnectionConfig> => ({ tls: { caFile: server.caCertPath } });

  it('authenticates with a password, an API key and a bearer token', async () => {
    const encoded = Buffer.from('key-1:api-secret').toString('base64');
    const cases: Array<[Partial<ConnectionConfig>, Credentials]> = [
      [{ auth: 'basic' }, { method: 'basic', username: 'elastic', password: PASSWORD }],
      [{ auth: 'apiKey' }, { method: 'apiKey', apiKey: encoded }],
      [{ auth: 'bearer' }, { method: 'bearer', token: 'token-secret' }],
    ];
    for (const [overrides, credentials] of cases) {
      const g = gateway(connection(server.url, { ...trusted(), ...overrides }), credentials);
      try {
        assert.ok((await g.cluster()).version, credentials.method);
      } finally {
        await g.close();
      }
    }
  });

  it('reports 401 without or with wrong credentials, and tells who can offer new ones', async () => {
    for (const credentials of [undefined, { method: 'basic', username: 'elastic', password: 'wrong' } as const]) {
      const rejected: ClusterFailure[] = [];
      const g = gateway(connection(server.url, { ...trusted(), auth: credentials ? 'basic' : 'none' }), credentials, rejected);
      try {
        await expectFailure(g.cluster(), 'unauthorized', credentials ? /unable to authenticate user \[elastic\]/ : /missing authentication credentials/);
        assert.equal(rejected.length, 1);
      } finally {
        await g.close();
      }
    }
  });

  it('trusts the cluster through its CA file or its CA fingerprint (with or without colons)', async () => {
    const credentials: Credentials = { method: 'basic', username: 'elastic', password: PASSWORD };
    for (const tls of [{ caFile: server.caCertPath }, { caFingerprint: server.caFingerprint }, { caFingerprint: server.caFingerprintHex }]) {
      const g = gateway(connection(server.url, { tls }), credentials);
      try {
        assert.ok((await g.cluster()).clusterName, JSON.stringify(tls));
      } finally {
        await g.close();
      }
    }
  });

  it('refuses an unknown CA, naming the settings that fix it', async () => {
    const g = gateway(connection(server.url), { method: 'basic', username: 'elastic', password: PASSWORD });
    try {
      await expectFailure(g.cluster(), 'tls', /CA this machine does not trust.*caFile.*caFingerprint/);
    } finally {
      await g.close();
    }
  });

  it('refuses a wrong fingerprint', async () => {
    const wrong = '00'.repeat(32);
    const g = gateway(connection(server.url, { tls: { caFingerprint: wrong } }), { method: 'basic', username: 'elastic', password: PASSWORD });
    try {
      await assert.rejects(g.cluster(), ClusterError);
    } finally {
      await g.close();
    }
  });

  it('connects without verification when told not to verify', async () => {
    const g = gateway(connection(server.url, { tls: { insecure: true } }), { method: 'basic', username: 'elastic', password: PASSWORD });
    try {
      assert.ok((await g.cluster()).version);
    } finally {
      await g.close();
    }
  });

  it('says when a CA file cannot be read', async () => {
    const g = gateway(connection(server.url, { tls: { caFile: '/nonexistent/ca.crt' } }), { method: 'basic', username: 'elastic', password: PASSWORD });
    await expectFailure(g.cluster(), 'tls', /CA file .* cannot be read/);
  });
});
