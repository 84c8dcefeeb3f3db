import * as assert from 'node:assert/strict';
import { connectionFromSetting, connectionToSetting, secretBinding } from '../../../src/core/connectionConfig';
import { splitCredentials } from '../../../src/core/connectionUrl';
import { redact } from '../../../src/core/redaction';
import { describeTlsFailure } from '../../../src/core/tlsFailures';

describe('connectionConfig', () => {
  it('reads a setting with every option and writes it back the same', () => {
    const setting = { name: 'prod', url: ['https://a:9200', 'https://b:9200'], auth: 'basic', username: 'elastic', caFile: '/etc/ca.crt', caFingerprint: 'AB:CD', tlsInsecure: true };
    const config = connectionFromSetting(setting);
    assert.ok(config);
    assert.deepEqual(config.urls, ['https://a:9200', 'https://b:9200']);
    assert.deepEqual(config.tls, { caFile: '/etc/ca.crt', caFingerprint: 'AB:CD', insecure: true });
    assert.deepEqual(connectionToSetting(config), setting);
  });

  it('accepts a Cloud ID instead of a URL, and refuses a setting without either', () => {
    assert.equal(connectionFromSetting({ name: 'cloud', cloudId: 'my:ZXhhbXBsZQ==' })?.cloudId, 'my:ZXhhbXBsZQ==');
    assert.equal(connectionFromSetting({ name: 'nowhere' }), undefined);
    assert.equal(connectionFromSetting({ url: 'http://x' }), undefined);
  });

  it('binds a secret to the connection, its target and its user', () => {
    const base = connectionFromSetting({ name: 'c', url: 'https://a:9200', auth: 'basic', username: 'u' });
    assert.ok(base);
    assert.notEqual(secretBinding(base), secretBinding({ ...base, urls: ['https://evil:9200'] }));
    assert.notEqual(secretBinding(base), secretBinding({ ...base, username: 'other' }));
    assert.equal(secretBinding(base), secretBinding({ ...base, tls: { insecure: true } }));
  });
});

describe('splitCredentials', () => {
  it('takes user and password out of a URL', () => {
    assert.deepEqual(splitCredentials('https://elastic:p%40ss@es.example.com:9243/'), { url: 'https://es.example.com:9243', username: 'elastic', password: 'p@ss' });
    assert.deepEqual(splitCredentials('http://127.0.0.1:9200'), { url: 'http://127.0.0.1:9200' });
  });
});

describe('redact', () => {
  it('hides authorization headers, URL user info and known secrets', () => {
    assert.equal(redact('authorization: Basic ZWxhc3RpYzpwdw=='), 'authorization: Basic [redacted]');
    assert.equal(redact('{"Authorization":"ApiKey abc123"}'), '{"Authorization":"ApiKey [redacted]"}');
    assert.equal(redact('GET https://elastic:pw@host:9200/_doc'), 'GET https://[redacted]@host:9200/_doc');
    assert.equal(redact('failed: wrong s3cr3t-value here', ['s3cr3t-value']), 'failed: wrong [redacted] here');
  });
});

describe('describeTlsFailure', () => {
  it('names the cause and the setting that fixes it', () => {
    assert.match(describeTlsFailure('self-signed certificate in certificate chain') ?? '', /caFile.*caFingerprint/);
    assert.match(describeTlsFailure('', 'ERR_TLS_CERT_ALTNAME_INVALID') ?? '', /host name/);
    assert.match(describeTlsFailure('certificate has expired') ?? '', /expired/);
    assert.equal(describeTlsFailure('connect ECONNREFUSED'), undefined);
  });
});
