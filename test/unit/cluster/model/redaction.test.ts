import * as assert from 'node:assert/strict';
import { describeFailure, failureFromResponse } from '../../../../src/cluster/model/clusterErrors';
import { redact, secretForms } from '../../../../src/cluster/model/redaction';

const PASSWORD = 'p@ss:w/rd 42';
const API_ID = 'VuaCfGcBCdbkQm-e5aOx';
const API_KEY = 'ui2lp2axTNmsyakw9tvNnw';
const ENCODED_KEY = Buffer.from(`${API_ID}:${API_KEY}`).toString('base64');

function assertHidden(text: string, secrets: readonly string[], forms: readonly string[]): void {
  const safe = redact(text, secrets);
  for (const form of forms) assert.ok(!safe.includes(form), `${JSON.stringify(form)} is left in ${JSON.stringify(safe)}`);
}

describe('redact', () => {
  it('hides authorization headers, URL user info and known secrets', () => {
    assert.equal(redact('authorization: Basic ZWxhc3RpYzpwdw=='), 'authorization: Basic [redacted]');
    assert.equal(redact('{"Authorization":"ApiKey abc123"}'), '{"Authorization":"ApiKey [redacted]"}');
    assert.equal(redact('GET https://elastic:pw@host:9200/_doc'), 'GET https://[redacted]@host:9200/_doc');
    assert.equal(redact('failed: wrong s3cr3t-value here', ['s3cr3t-value']), 'failed: wrong [redacted] here');
  });

  it('hides a password that contains @ in a URL', () => {
    assert.equal(redact('connect to https://elastic:p@ss@es.example.com:9243 failed'), 'connect to https://[redacted]@es.example.com:9243 failed');
  });

  it('hides headers given as arrays, as Node prints them', () => {
    assert.ok(!redact(`headers: { authorization: [ 'ApiKey ${ENCODED_KEY}' ] }`).includes(ENCODED_KEY));
    assert.ok(!redact(`{"authorization":["Bearer tok-123456"]}`).includes('tok-123456'));
    assert.ok(!redact(`rawHeaders: [ 'Authorization', 'Basic ZWxhc3RpYzpwdw==' ]`).includes('ZWxhc3RpYzpwdw=='));
  });

  it('hides every form of a basic password: plain, URL-encoded, JSON-escaped, and base64 of user:password', () => {
    const secrets = secretForms({ method: 'basic', username: 'elastic', password: PASSWORD });
    const base64 = Buffer.from(`elastic:${PASSWORD}`).toString('base64');
    assertHidden(`reason: credentials ${base64} refused`, secrets, [base64]);
    assertHidden(`echo: ${encodeURIComponent(PASSWORD)} and ${PASSWORD}`, secrets, [encodeURIComponent(PASSWORD), PASSWORD]);
    assertHidden(`{"password":${JSON.stringify(`${PASSWORD}"\\`)}}`, secretForms({ method: 'basic', username: 'u', password: `${PASSWORD}"\\` }), [JSON.stringify(`${PASSWORD}"\\`).slice(1, -1)]);
  });

  it('hides an API key given in either form, encoded or as id:key', () => {
    for (const given of [ENCODED_KEY, `${API_ID}:${API_KEY}`]) {
      const secrets = secretForms({ method: 'apiKey', apiKey: given });
      assertHidden(`401: header was ApiKey=${ENCODED_KEY} (${API_ID}:${API_KEY}) key ${API_KEY}`, secrets, [ENCODED_KEY, API_KEY]);
    }
  });

  it('hides a bearer token and its URL-encoded form', () => {
    const token = 'abc/def+ghi==';
    assertHidden(`got ${token} and ${encodeURIComponent(token)}`, secretForms({ method: 'bearer', token }), [token, encodeURIComponent(token)]);
  });

  it('leaves short values and ordinary text alone', () => {
    assert.equal(redact('the id is abc', ['abc']), 'the id is abc');
    assert.equal(redact('index [movies] has 3 shards'), 'index [movies] has 3 shards');
  });
});

describe('describeFailure and secrets', () => {
  it('never shows an Authorization header the cluster (or a proxy) echoed', () => {
    const body = JSON.stringify({ error: { type: 'security_exception', reason: `unable to authenticate with provided credentials [Authorization: ApiKey ${ENCODED_KEY}]` }, status: 401 });
    const text = describeFailure('Listing', failureFromResponse(401, body));
    assert.ok(!text.includes(ENCODED_KEY), text);
    assert.match(text, /HTTP 401/);
  });

  it('hides the known secrets it is given', () => {
    const body = JSON.stringify({ error: { type: 'security_exception', reason: `bad password ${PASSWORD}` }, status: 401 });
    const text = describeFailure('Listing', failureFromResponse(401, body), false, secretForms({ method: 'basic', username: 'elastic', password: PASSWORD }));
    assert.ok(!text.includes(PASSWORD), text);
  });
});

describe('redact and prose', () => {
  it('does not take a word after "authorization," for a header', () => {
    assert.equal(redact('Check the authorization, then retry.'), 'Check the authorization, then retry.');
  });
});
