import { strict as assert } from 'node:assert';
import { startEsServer, type RunningEsServer } from '../../server/server';
import { apiKeyAuth, basicAuth, raw } from './raw-http';

const CHALLENGES = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'];

/** The body Elasticsearch 8.x/9.x sends with a 401, for a reason and optional unsuccessful credentials. */
function expected401(reason: string, unsuccessful?: string): unknown {
  const err = {
    type: 'security_exception',
    reason,
    ...(unsuccessful ? { additional_unsuccessful_credentials: unsuccessful } : {}),
    header: { 'WWW-Authenticate': CHALLENGES },
  };
  return { error: { root_cause: [err], ...err }, status: 401 };
}

describe('test server security: authentication', () => {
  let server: RunningEsServer;
  before(async () => {
    server = await startEsServer({
      seed: 'movies',
      auth: {
        basic: [{ username: 'elastic', password: 'changeme' }, { username: 'reader', password: 'p:w', roles: ['viewer'] }],
        apiKeys: [{ id: 'k1', key: 's3cret', name: 'vscode' }],
        bearerTokens: ['tok123'],
      },
    });
  });
  after(() => server.close());

  async function assert401(headers: Record<string, string>, path: string, reason: string, unsuccessful?: string): Promise<void> {
    const r = await raw(server.url, 'GET', path, headers);
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, expected401(reason, unsuccessful));
    assert.deepEqual(r.headerLines.get('www-authenticate'), CHALLENGES, 'one WWW-Authenticate line per scheme');
    assert.equal(r.headers['x-elastic-product'], undefined, 'Elasticsearch drops X-Elastic-Product on 401');
    assert.equal(r.headers['content-type'], 'application/json');
  }

  it('answers 401 without credentials, quoting the URI with its query string', async () => {
    await assert401({}, '/movies/_doc/1', 'missing authentication credentials for REST request [/movies/_doc/1]');
    await assert401({}, '/movies/_search?size=1', 'missing authentication credentials for REST request [/movies/_search?size=1]');
  });

  it('treats an unknown scheme as no credentials and refuses unknown paths with 401, not 400', async () => {
    await assert401({ authorization: 'Digest abc' }, '/', 'missing authentication credentials for REST request [/]');
    await assert401({}, '/no/such/route/here', 'missing authentication credentials for REST request [/no/such/route/here]');
  });

  it('answers 401 for a wrong password or an unknown user', async () => {
    await assert401(basicAuth('elastic', 'wrong'), '/movies/_doc/1', 'unable to authenticate user [elastic] for REST request [/movies/_doc/1]');
    await assert401(basicAuth('nobody', 'changeme'), '/', 'unable to authenticate user [nobody] for REST request [/]');
  });

  it('answers 401 for a wrong, unknown or malformed API key', async () => {
    const reason = 'unable to authenticate with provided credentials and anonymous access is not allowed for this request';
    await assert401(apiKeyAuth('k1', 'nope'), '/', reason, 'API key: invalid credentials for API key [k1]');
    await assert401(apiKeyAuth('zz', 's3cret'), '/', reason, 'API key: unable to find apikey with id zz');
    await assert401({ authorization: `ApiKey ${Buffer.from('no-colon').toString('base64')}` }, '/', reason, 'API key: invalid ApiKey value');
  });

  it('answers 401 for an unknown bearer token', async () => {
    const reason = 'unable to authenticate with provided credentials and anonymous access is not allowed for this request';
    await assert401({ authorization: 'Bearer nope' }, '/', reason, 'oauth2 token: invalid token');
  });

  it('sends no body on a refused HEAD and pretty-prints with ?pretty', async () => {
    const head = await raw(server.url, 'HEAD', '/movies/_doc/1');
    assert.equal(head.status, 401);
    assert.equal(head.text, '');
    const pretty = await raw(server.url, 'GET', '/?pretty');
    assert.match(pretty.text, /^\{\n {2}"error" : \{/);
  });

  it('serves requests with Basic, API key and Bearer credentials (schemes are case-insensitive)', async () => {
    for (const headers of [basicAuth('elastic', 'changeme'), basicAuth('reader', 'p:w'), apiKeyAuth('k1', 's3cret'), { authorization: 'Bearer tok123' }, { authorization: basicAuth('elastic', 'changeme').authorization!.replace('Basic', 'basic') }]) {
      const r = await raw(server.url, 'GET', '/movies/_doc/109487', headers);
      assert.equal(r.status, 200, JSON.stringify(headers));
      assert.equal(r.json._id, '109487');
      assert.equal(r.headers['x-elastic-product'], 'Elasticsearch');
    }
  });

  it('keeps the /_esdocs_test/ control API open', async () => {
    const r = await raw(server.url, 'GET', '/_esdocs_test/requests');
    assert.equal(r.status, 200);
  });

  it('tells who is authenticated via GET /_security/_authenticate', async () => {
    const elastic = await raw(server.url, 'GET', '/_security/_authenticate', basicAuth('elastic', 'changeme'));
    assert.deepEqual(elastic.json, {
      username: 'elastic',
      roles: ['superuser'],
      full_name: null,
      email: null,
      metadata: { _reserved: true },
      enabled: true,
      authentication_realm: { name: 'reserved', type: 'reserved' },
      lookup_realm: { name: 'reserved', type: 'reserved' },
      authentication_type: 'realm',
    });
    const reader = await raw(server.url, 'GET', '/_security/_authenticate', basicAuth('reader', 'p:w'));
    assert.deepEqual([reader.json.username, reader.json.roles, reader.json.authentication_realm.type], ['reader', ['viewer'], 'file']);
    const key = await raw(server.url, 'GET', '/_security/_authenticate', apiKeyAuth('k1', 's3cret'));
    assert.equal(key.json.authentication_type, 'api_key');
    assert.deepEqual(key.json.api_key, { id: 'k1', name: 'vscode' });
    const token = await raw(server.url, 'GET', '/_security/_authenticate', { authorization: 'Bearer tok123' });
    assert.equal(token.json.authentication_type, 'token');
  });
});

describe('test server security: off by default and per version', () => {
  it('serves without credentials and answers _security/_authenticate like a node with security disabled', async () => {
    const server = await startEsServer();
    try {
      assert.equal((await raw(server.url, 'GET', '/')).status, 200);
      const r = await raw(server.url, 'GET', '/_security/_authenticate');
      assert.equal(r.status, 500);
      assert.equal(r.json.error.type, 'exception');
      assert.match(r.json.error.reason, /^Security must be explicitly enabled when using a \[basic\] license/);
    } finally {
      await server.close();
    }
  });

  it('sends the 7.x form of the Basic challenge when impersonating 7.17', async () => {
    const server = await startEsServer({ version: '7.17', auth: { basic: [{ username: 'elastic', password: 'x' }] } });
    try {
      const r = await raw(server.url, 'GET', '/');
      assert.equal(r.headerLines.get('www-authenticate')?.[0], 'Basic realm="security" charset="UTF-8"');
    } finally {
      await server.close();
    }
  });
});
