import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../../src/cluster/model/connectionConfig';
import { connectionContextValue, connectionDescription, connectionTooltip, plainHttpRisk } from '../../../../src/connections/model/connectionDisplay';

const base: ConnectionConfig = { id: 'prod', name: 'prod', urls: ['https://es.example.com:9243'], auth: 'basic', username: 'elastic', tls: {}, origin: 'settings' };

describe('plainHttpRisk', () => {
  it('warns when credentials would cross the network in clear text', () => {
    const risk = plainHttpRisk({ ...base, urls: ['https://a:9200', 'http://es.example.com:9200'] });
    assert.match(risk ?? '', /password.*plain http.*es\.example\.com/);
    assert.match(plainHttpRisk({ ...base, urls: ['http://10.0.0.5:9200'], auth: 'apiKey' }) ?? '', /API key/);
  });

  it('says nothing for https, for loopback, or without credentials', () => {
    assert.equal(plainHttpRisk(base), undefined);
    for (const url of ['http://localhost:9200', 'http://127.0.0.1:9200', 'http://127.8.0.1:9200', 'http://[::1]:9200', 'http://es.localhost:9200']) {
      assert.equal(plainHttpRisk({ ...base, urls: [url] }), undefined, url);
    }
    assert.equal(plainHttpRisk({ ...base, urls: ['http://es.example.com:9200'], auth: 'none' }), undefined);
    assert.equal(plainHttpRisk({ ...base, urls: [], cloudId: 'c:ZXhhbXBsZSRlcw==' }), undefined);
  });
});

describe('connectionTooltip', () => {
  it('shows the URL, the cluster name and version, and the authentication', () => {
    const tooltip = connectionTooltip({ ...base, urls: ['https://elastic:pw-in-url@es.example.com:9243'] }, { clusterName: 'prod-cluster', engine: 'elasticsearch', version: '8.15.0' });
    assert.match(tooltip, /https:\/\/es\.example\.com:9243/);
    assert.match(tooltip, /Cluster "prod-cluster", Elasticsearch 8\.15\.0/);
    assert.match(tooltip, /Authentication: username and password \(elastic\)/);
    assert.ok(!tooltip.includes('pw-in-url'));
  });

  it('says what it does not know yet, and flags an unverified certificate and plain http', () => {
    const tooltip = connectionTooltip({ ...base, urls: ['http://es.example.com:9200'], auth: 'bearer', tls: { insecure: true } });
    assert.match(tooltip, /not connected yet/i);
    assert.match(tooltip, /Authentication: bearer token/);
    assert.match(tooltip, /certificate is not verified/);
    assert.match(tooltip, /plain http/);
  });

  it('resolves a Cloud ID to the URL it stands for', () => {
    const tooltip = connectionTooltip({ ...base, urls: [], cloudId: `my-deployment:${Buffer.from('found.io$es1$k').toString('base64')}`, auth: 'none' });
    assert.match(tooltip, /Elastic Cloud my-deployment \(https:\/\/es1\.found\.io\)/);
    assert.match(tooltip, /Authentication: none/);
  });
});

describe('connectionContextValue', () => {
  it('tells where a connection comes from and whether it authenticates', () => {
    assert.equal(connectionContextValue(base), 'connection-settings-auth');
    assert.equal(connectionContextValue({ ...base, origin: 'added', auth: 'none' }), 'connection-added-noauth');
  });
});

describe('a read-only connection', () => {
  it('says so on its row and in its tooltip', () => {
    assert.match(connectionDescription({ ...base, readOnly: true }), /· read-only$/);
    assert.doesNotMatch(connectionDescription(base), /read-only/);
    assert.match(connectionTooltip({ ...base, readOnly: true }), /Read-only: documents cannot be saved/);
  });
});
