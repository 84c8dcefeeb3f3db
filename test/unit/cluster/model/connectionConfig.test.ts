import * as assert from 'node:assert/strict';
import { baseUrlOf, connectionFromSetting, connectionToSetting, describeTarget, readConnectionSetting, secretBinding } from '../../../../src/cluster/model/connectionConfig';
import { cloudIdUrl, splitCredentials, stripUserInfo } from '../../../../src/cluster/model/connectionUrl';
import { describeTlsFailure } from '../../../../src/cluster/model/tlsFailures';

describe('connectionConfig', () => {
  it('reads a setting with every option and writes it back the same', () => {
    const setting = { name: 'prod', url: ['https://a:9200', 'https://b:9200'], auth: 'basic', username: 'elastic', caFile: '/etc/ca.crt', caFingerprint: 'AB:CD', tlsInsecure: true, readOnly: true };
    const config = connectionFromSetting(setting);
    assert.ok(config);
    assert.deepEqual(config.urls, ['https://a:9200', 'https://b:9200']);
    assert.deepEqual(config.tls, { caFile: '/etc/ca.crt', caFingerprint: 'AB:CD', insecure: true });
    assert.equal(config.readOnly, true);
    assert.deepEqual(connectionToSetting(config), setting);
  });

  it('accepts a Cloud ID instead of a URL, and refuses a setting without either', () => {
    assert.equal(connectionFromSetting({ name: 'cloud', cloudId: 'my:ZXhhbXBsZQ==' })?.cloudId, 'my:ZXhhbXBsZQ==');
    assert.equal(connectionFromSetting({ name: 'nowhere' }), undefined);
    assert.equal(connectionFromSetting({ url: 'http://x' }), undefined);
  });

  it('binds a secret to the connection, its target, its user and how its certificate is trusted', () => {
    const base = connectionFromSetting({ name: 'c', url: 'https://a:9200', auth: 'basic', username: 'u' });
    assert.ok(base);
    assert.notEqual(secretBinding(base), secretBinding({ ...base, urls: ['https://evil:9200'] }));
    assert.notEqual(secretBinding(base), secretBinding({ ...base, username: 'other' }));
    assert.notEqual(secretBinding(base), secretBinding({ ...base, tls: { insecure: true } }));
    assert.notEqual(secretBinding(base), secretBinding({ ...base, tls: { caFile: '/tmp/other.crt' } }));
    assert.notEqual(secretBinding(base), secretBinding({ ...base, tls: { caFingerprint: 'AB:CD' } }));
    assert.equal(secretBinding(base), secretBinding({ ...base, origin: 'added' }));
  });

  it('neither shows nor uses the credentials of a URL written in settings', () => {
    const read = readConnectionSetting({ name: 'x', url: ['https://elastic:p@ss@es.example.com:9243', 'https://b:9200'], auth: 'none' });
    assert.ok(read);
    assert.equal(read.ignoredCredentials, true);
    assert.deepEqual(read.config.urls, ['https://es.example.com:9243', 'https://b:9200']);
    assert.equal(read.config.auth, 'none');
    assert.equal(read.config.username, undefined);
    assert.ok(!describeTarget(read.config).includes('p@ss'));
    assert.equal(readConnectionSetting({ name: 'y', url: 'https://es.example.com' })?.ignoredCredentials, false);
    assert.deepEqual(connectionFromSetting({ name: 'x', url: 'http://u:pw@h:9200' })?.urls, ['http://h:9200']);
  });

  it('describes a target without user info even when given one', () => {
    const config = { id: 'x', name: 'x', urls: ['https://u:secret-pw@h:9200'], auth: 'none' as const, tls: {}, origin: 'added' as const };
    assert.equal(describeTarget(config), 'https://h:9200');
  });
});

describe('connection URLs', () => {
  it('strips user info, and leaves a URL that cannot be read as it is', () => {
    assert.equal(stripUserInfo('https://elastic:p%40ss@es.example.com:9243/'), 'https://es.example.com:9243');
    assert.equal(stripUserInfo('http://127.0.0.1:9200/prefix'), 'http://127.0.0.1:9200/prefix');
    assert.equal(stripUserInfo('not a url'), 'not a url');
    assert.equal(stripUserInfo('https://user:pw@bad host'), 'https://[redacted]@bad host');
  });

  it('resolves a Cloud ID as the Elasticsearch client does, with or without a port', () => {
    const id = (domain: string): string => `my-deployment:${Buffer.from(domain).toString('base64')}`;
    assert.equal(cloudIdUrl(id('us-east-1.aws.found.io$abc123$kib456')), 'https://abc123.us-east-1.aws.found.io');
    assert.equal(cloudIdUrl(id('eu-west-1.aws.found.io:9243$abc123$kib456')), 'https://abc123.eu-west-1.aws.found.io:9243');
    assert.equal(cloudIdUrl(id('example.com$es')), 'https://es.example.com');
    assert.equal(cloudIdUrl(id('no-dollar')), undefined);
    assert.equal(cloudIdUrl('no-colon'), undefined);
  });

  it('gives the base URL of a connection, a Cloud ID one included', () => {
    const base = { id: 'x', name: 'x', auth: 'none' as const, tls: {}, origin: 'added' as const };
    assert.equal(baseUrlOf({ ...base, urls: ['http://u:p@a:9200', 'http://b:9200'] }), 'http://a:9200');
    assert.equal(baseUrlOf({ ...base, urls: [], cloudId: `c:${Buffer.from('found.io$es1$k').toString('base64')}` }), 'https://es1.found.io');
    assert.equal(baseUrlOf({ ...base, urls: [] }), undefined);
  });
});

describe('splitCredentials', () => {
  it('takes user and password out of a URL', () => {
    assert.deepEqual(splitCredentials('https://elastic:p%40ss@es.example.com:9243/'), { url: 'https://es.example.com:9243', username: 'elastic', password: 'p@ss' });
    assert.deepEqual(splitCredentials('http://127.0.0.1:9200'), { url: 'http://127.0.0.1:9200' });
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
