import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Client, errors, type ClientOptions } from '@elastic/elasticsearch';
import { startEsServer, type RunningEsServer } from '../../server/server';

// The installed client is v9, so the server impersonates 9.x; retries are off so failures are quick.
describe('official @elastic/elasticsearch client against a secured (auth + TLS) test server', () => {
  let server: RunningEsServer;
  let ca: Buffer;
  const clients: Client[] = [];
  const client = (opts: Partial<ClientOptions>): Client => {
    const c = new Client({ node: server.url, maxRetries: 0, ...opts });
    clients.push(c);
    return c;
  };
  const elastic = { username: 'elastic', password: 'changeme' };

  before(async () => {
    server = await startEsServer({
      version: '9.x',
      seed: 'movies',
      tls: true,
      auth: { basic: [elastic], apiKeys: [{ id: 'VuaCfGcBCdbkQm-e5aOx', key: 'ui2lp2axTNmsyakw9tvNnw' }], bearerTokens: ['dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu'] },
    });
    ca = readFileSync(server.caCertPath!);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('connects trusting the CA file, with Basic credentials', async () => {
    const info = await client({ tls: { ca }, auth: elastic }).info();
    assert.equal(info.version.number, '9.1.0');
  });

  it('connects with an API key given as {id, api_key} and as the encoded string', async () => {
    const apiKey = { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' };
    const encoded = Buffer.from(`${apiKey.id}:${apiKey.api_key}`).toString('base64');
    for (const auth of [{ apiKey }, { apiKey: encoded }]) {
      const me = await client({ tls: { ca }, auth }).security.authenticate();
      assert.equal(me.authentication_type, 'api_key');
      assert.equal(me.api_key?.id, apiKey.id);
    }
  });

  it('connects with a bearer token', async () => {
    const me = await client({ tls: { ca }, auth: { bearer: 'dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu' } }).security.authenticate();
    assert.equal(me.authentication_type, 'token');
  });

  it('reports wrong or missing credentials as a 401 ResponseError (no product-check failure)', async () => {
    for (const auth of [{ username: 'elastic', password: 'wrong' }, undefined]) {
      await assert.rejects(client({ tls: { ca }, ...(auth ? { auth } : {}) }).get({ index: 'movies', id: '109487' }), (e: unknown) => {
        assert.ok(e instanceof errors.ResponseError, String(e));
        assert.equal(e.meta.statusCode, 401);
        assert.equal((e.body as { error: { type: string } }).error.type, 'security_exception');
        assert.equal(e.meta.headers?.['x-elastic-product'], undefined);
        return true;
      });
    }
  });

  it('connects pinning the CA fingerprint (either form), which the client pairs with rejectUnauthorized: false', async () => {
    for (const caFingerprint of [server.caFingerprint!, server.caFingerprintHex!]) {
      const info = await client({ caFingerprint, tls: { rejectUnauthorized: false }, auth: elastic }).info();
      assert.equal(info.cluster_name, 'esdocs-test-cluster');
    }
  });

  it('refuses a wrong CA fingerprint', async () => {
    const wrong = (server.caFingerprint!.startsWith('AA') ? 'BB' : 'AA') + server.caFingerprint!.slice(2);
    await assert.rejects(client({ caFingerprint: wrong, tls: { rejectUnauthorized: false }, auth: elastic }).info(), (e: unknown) => {
      assert.ok(e instanceof errors.ConnectionError);
      assert.match(e.message, /fingerprint does not match/);
      return true;
    });
  });

  it('fails with a certificate error when trusting neither the CA nor a fingerprint (caFingerprint alone is not enough)', async () => {
    for (const opts of [{}, { caFingerprint: server.caFingerprint! }]) {
      await assert.rejects(client({ auth: elastic, ...opts }).info(), (e: unknown) => {
        assert.ok(e instanceof errors.ConnectionError, String(e));
        assert.match(e.message, /self-signed certificate in certificate chain|unable to verify/i);
        return true;
      });
    }
  });

  it('connects when verification is off (rejectUnauthorized: false)', async () => {
    const info = await client({ tls: { rejectUnauthorized: false }, auth: elastic }).info();
    assert.equal(info.tagline, 'You Know, for Search');
  });
});
