import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../../src/cluster/model/connectionConfig';
import {
  acceptTarget,
  awsHintsFromUrl,
  checkAwsProfile,
  checkFingerprint,
  checkName,
  checkTarget,
  configOf,
  draftOf,
  secretOf,
  tlsChoiceOf,
} from '../../../../src/connections/model/connectionDraft';

const EXISTING: ConnectionConfig = { id: 'prod', name: 'prod', urls: ['https://es.example:9200'], auth: 'basic', username: 'elastic', tls: { caFingerprint: 'AB'.repeat(32) }, origin: 'settings' };

describe('connectionDraft', () => {
  it('starts from a local cluster, or from the connection being edited', () => {
    assert.deepEqual(draftOf(), {
      target: 'http://127.0.0.1:9200',
      name: '',
      auth: 'none',
      username: '',
      secret: '',
      aws: { region: '', service: 'es', profile: '' },
      tls: {},
      readOnly: false,
    });
    const edited = draftOf(EXISTING);
    assert.equal(draftOf({ ...EXISTING, readOnly: true }).readOnly, true);
    assert.equal(configOf({ ...edited, readOnly: true }, EXISTING).readOnly, true, 'a read-only draft makes a read-only connection');
    assert.equal(configOf(edited, EXISTING).readOnly, undefined);
    assert.equal(edited.target, 'https://es.example:9200');
    assert.equal(edited.username, 'elastic');
    assert.equal(draftOf({ ...EXISTING, urls: [], cloudId: 'my:ZXhhbXBsZQ==' }).target, 'my:ZXhhbXBsZQ==');
  });

  it('checks the target: URLs one by one, or a Cloud ID', () => {
    assert.equal(checkTarget(' http://127.0.0.1:9200 '), undefined);
    assert.equal(checkTarget('http://a:9200, https://b:9200'), undefined);
    assert.equal(checkTarget('deployment:ZXhhbXBsZS5jb20k'), undefined);
    assert.match(checkTarget('localhost') ?? '', /Elastic Cloud ID/);
    assert.ok(checkTarget('http://a:9200, ftp://b'));
  });

  it('moves credentials out of a URL into basic authentication', () => {
    const draft = draftOf();
    acceptTarget(draft, ' https://elastic:s3cret@es.example:9200 ');
    assert.equal(draft.target, 'https://es.example:9200');
    assert.equal(draft.auth, 'basic');
    assert.equal(draft.username, 'elastic');
    assert.equal(draft.secret, 's3cret');
    assert.equal(draft.name, 'es.example:9200');
  });

  it('suggests AWS signing for an AWS endpoint, without overriding a method chosen', () => {
    const draft = draftOf();
    acceptTarget(draft, 'https://search-movies-abc.eu-west-1.es.amazonaws.com');
    assert.equal(draft.auth, 'aws');
    assert.deepEqual(draft.aws, { region: 'eu-west-1', service: 'es', profile: '' });
    const chosen = { ...draftOf(), auth: 'apiKey' as const };
    acceptTarget(chosen, 'https://abc.us-east-2.aoss.amazonaws.com');
    assert.equal(chosen.auth, 'apiKey');
    assert.equal(chosen.aws.service, 'aoss');
    assert.deepEqual(awsHintsFromUrl('https://example.com'), {});
  });

  it('names a Cloud ID connection after its deployment, and keeps a name given', () => {
    const cloud = draftOf();
    acceptTarget(cloud, 'deployment:ZXhhbXBsZS5jb20k');
    assert.equal(cloud.name, 'deployment');
    const named = { ...draftOf(), name: 'mine' };
    acceptTarget(named, 'http://127.0.0.1:9200');
    assert.equal(named.name, 'mine');
  });

  it('checks names, fingerprints and AWS profiles', () => {
    assert.equal(checkName(' dev ', new Set(['prod'])), undefined);
    assert.equal(checkName(' ', new Set()), 'Enter a name');
    assert.equal(checkName('prod ', new Set(['prod'])), 'A connection of that name exists');
    assert.equal(checkFingerprint('ab:'.repeat(31) + 'ab'), undefined);
    assert.ok(checkFingerprint('abcd'));
    assert.equal(checkAwsProfile('team.admin@corp'), undefined);
    assert.ok(checkAwsProfile('has space'));
  });

  it('builds the connection: URLs or a Cloud ID, method-specific fields only, origin kept', () => {
    const draft = { ...draftOf(EXISTING), target: 'https://a:9200, https://b:9200', auth: 'aws' as const, aws: { region: 'eu-west-1', service: 'aoss' as const, profile: '' } };
    assert.deepEqual(configOf(draft, EXISTING), {
      id: 'prod',
      name: 'prod',
      urls: ['https://a:9200', 'https://b:9200'],
      auth: 'aws',
      aws: { region: 'eu-west-1', service: 'aoss' },
      tls: EXISTING.tls,
      origin: 'settings',
    });
    const cloud = configOf({ ...draftOf(), name: 'c', target: 'c:ZXhhbXBsZS5jb20k' });
    assert.deepEqual([cloud.urls, cloud.cloudId, cloud.origin], [[], 'c:ZXhhbXBsZS5jb20k', 'added']);
  });

  it('tells the trust choice of TLS settings', () => {
    assert.equal(tlsChoiceOf({}), 'system');
    assert.equal(tlsChoiceOf({ caFile: '/ca.crt' }), 'caFile');
    assert.equal(tlsChoiceOf({ caFingerprint: 'AB' }), 'fingerprint');
    assert.equal(tlsChoiceOf({ insecure: true, caFile: '/ca.crt' }), 'insecure');
  });

  it('stores an API key typed as id:key encoded', () => {
    const draft = { ...draftOf(), name: 'k', auth: 'apiKey' as const, secret: 'id:key' };
    assert.equal(secretOf(draft, configOf(draft)), Buffer.from('id:key').toString('base64'));
  });

  it('keeps the stored secret only for the same URL, user, method and certificate trust', () => {
    const existing = { config: EXISTING, secret: 'stored' };
    const same = draftOf(EXISTING);
    assert.equal(secretOf(same, configOf(same, EXISTING), existing), 'stored');
    // A rename alone keeps it: the secret is stored again under the new name.
    const renamed = { ...draftOf(EXISTING), name: 'production' };
    assert.equal(secretOf(renamed, configOf(renamed, EXISTING), existing), 'stored');
    for (const changed of [
      { target: 'https://elsewhere:9200' },
      { username: 'other' },
      { auth: 'bearer' as const },
      { tls: { insecure: true } },
    ]) {
      const draft = { ...draftOf(EXISTING), ...changed };
      assert.equal(secretOf(draft, configOf(draft, EXISTING), existing), undefined, JSON.stringify(changed));
    }
    const typed = { ...draftOf(EXISTING), target: 'https://elsewhere:9200', secret: 'new' };
    assert.equal(secretOf(typed, configOf(typed, EXISTING), existing), 'new');
  });
});
