import { strict as assert } from 'node:assert';
import { awsRejection, describeAwsIdentity } from '../../../../src/cluster/model/awsIdentity';
import { failureFromResponse } from '../../../../src/cluster/model/clusterErrors';
import { engineFeatures, engineLabel, pagingMethodOf, readClusterIdentity, tiebreakerOf, type ClusterIdentity } from '../../../../src/cluster/model/clusterEngine';
import { connectionDescription, connectionContextValue } from '../../../../src/connections/model/connectionDisplay';
import { connectionFromSetting, connectionToSetting } from '../../../../src/cluster/model/connectionConfig';
import { sortClause } from '../../../../src/cluster/model/listingSort';
import { redact } from '../../../../src/cluster/model/redaction';

const opensearchRoot = (number: string): Record<string, unknown> => ({
  name: 'node-1',
  cluster_name: 'search',
  version: { distribution: 'opensearch', number, build_type: 'tar', minimum_wire_compatibility_version: '7.10.0' },
  tagline: 'The OpenSearch Project: https://opensearch.org/',
});

describe('clusterEngine', () => {
  it('reads OpenSearch from version.distribution, and Elasticsearch otherwise', () => {
    assert.deepEqual(readClusterIdentity(opensearchRoot('2.19.6')), { clusterName: 'search', engine: 'opensearch', version: '2.19.6' });
    assert.equal(readClusterIdentity({ cluster_name: 'es', version: { number: '8.19.0', build_flavor: 'default' } }).engine, 'elasticsearch');
    // OpenSearch 1.x in compatibility mode answers 7.10.2, but still names itself.
    assert.equal(readClusterIdentity({ version: { number: '7.10.2' }, tagline: 'The OpenSearch Project: https://opensearch.org/' }).engine, 'opensearch');
    assert.equal(engineLabel(readClusterIdentity(opensearchRoot('2.19.6'))), 'OpenSearch 2.19.6');
  });

  it('pages with each engine\'s own point in time, and with search_after alone where there is none', () => {
    assert.equal(pagingMethodOf(readClusterIdentity(opensearchRoot('2.4.0'))), 'opensearchPit');
    assert.equal(pagingMethodOf(readClusterIdentity(opensearchRoot('3.1.0'))), 'opensearchPit');
    assert.equal(pagingMethodOf(readClusterIdentity(opensearchRoot('2.3.0'))), 'searchAfter');
    assert.equal(pagingMethodOf(readClusterIdentity(opensearchRoot('1.3.20'))), 'searchAfter');
    assert.equal(pagingMethodOf(readClusterIdentity({ version: { number: '8.19.0' } })), 'elasticsearchPit');
    assert.equal(pagingMethodOf(readClusterIdentity({ version: { number: '7.10.2', build_flavor: 'oss' } })), 'searchAfter');
    assert.equal(pagingMethodOf({ clusterName: '', engine: 'opensearch', version: 'Serverless' }), 'searchAfter');
  });

  it('breaks ties on _shard_doc where Elasticsearch has it, on _id elsewhere', () => {
    const es = readClusterIdentity({ version: { number: '8.19.0' } });
    const os = readClusterIdentity(opensearchRoot('2.19.6'));
    assert.equal(tiebreakerOf(pagingMethodOf(es), es), '_shard_doc');
    assert.equal(tiebreakerOf(pagingMethodOf(os), os), '_id');
    assert.equal(sortClause(undefined, '_id'), '[{"_id":"asc"}]');
    assert.equal(sortClause({ field: 'year', order: 'desc' }, '_id'), '[{"year":{"order":"desc"}},{"_id":"asc"}]');
    assert.equal(sortClause({ field: '_id', order: 'desc' }, '_id'), '[{"_id":{"order":"desc"}}]');
  });

  it('shows the engine in the connection row once known', () => {
    const config = connectionFromSetting({ name: 'os', url: 'https://search.example.com' })!;
    assert.equal(connectionDescription(config), 'https://search.example.com');
    assert.equal(connectionDescription(config, readClusterIdentity(opensearchRoot('2.19.6'))), 'OpenSearch 2.19.6 · https://search.example.com');
  });
});

describe('OpenSearch and AWS error bodies', () => {
  it('reads OpenSearch\'s errors like Elasticsearch\'s, and its security plugin\'s plain "Unauthorized"', () => {
    const body = '{"error":{"root_cause":[{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [6] and primary term [1]","index":"movies","shard":"0","index_uuid":"x"}],"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [6] and primary term [1]","index":"movies","shard":"0","index_uuid":"x"},"status":409}';
    assert.equal(failureFromResponse(409, body).kind, 'conflict');
    assert.deepEqual(failureFromResponse(401, 'Unauthorized'), { kind: 'unauthorized', status: 401, reason: 'Unauthorized' });
  });

  it('reads AWS\'s {"message": …} and names the identity that signed, with how to refresh it', () => {
    const failure = failureFromResponse(403, '{"message":"The security token included in the request is expired"}');
    assert.equal(failure.reason, 'The security token included in the request is expired');
    const signing = { region: 'eu-west-1', service: 'es' as const, profile: 'dev' };
    const described = awsRejection(failure, signing, { accessKeyTail: 'WXYZ', temporary: true });
    assert.match(described.reason, /expired; signed for es in eu-west-1 with access key …WXYZ \(temporary\) from profile "dev"\. Refresh it \(e\.g\. `aws sso login --profile dev`/);
    assert.match(describeAwsIdentity({ region: 'us-east-1', service: 'aoss' }, undefined), /no credentials could be read from the default AWS credential chain/);
  });

  it('keeps an AWS connection\'s region, service and profile, and no secret', () => {
    const config = connectionFromSetting({ name: 'aws', url: 'https://x.eu-west-1.es.amazonaws.com', auth: 'aws', awsRegion: 'eu-west-1', awsService: 'aoss', awsProfile: 'dev' })!;
    assert.deepEqual(config.aws, { region: 'eu-west-1', service: 'aoss', profile: 'dev' });
    assert.equal(connectionContextValue(config), 'connection-settings-aws');
    assert.deepEqual(connectionToSetting(config), { name: 'aws', url: 'https://x.eu-west-1.es.amazonaws.com', auth: 'aws', awsRegion: 'eu-west-1', awsService: 'aoss', awsProfile: 'dev' });
    // Without a usable region nothing could be signed.
    assert.equal(connectionFromSetting({ name: 'aws', url: 'https://x', auth: 'aws', awsRegion: 'Ireland' })!.auth, 'none');
  });

  it('hides a SigV4 signature and a session token from logs', () => {
    const line = `authorization: AWS4-HMAC-SHA256 Credential=AKIA/20250101/eu-west-1/es/aws4_request, SignedHeaders=host, Signature=${'ab'.repeat(32)} x-amz-security-token: IQoJb3JpZ2luX2VjE`;
    const redacted = redact(line);
    assert.ok(!redacted.includes('ab'.repeat(32)));
    assert.ok(!redacted.includes('IQoJb3JpZ2luX2VjE'));
  });
});

const es = (version: string, flavor = 'default'): ClusterIdentity => ({ clusterName: 'c', engine: 'elasticsearch', version, flavor });
const os = (version: string): ClusterIdentity => ({ clusterName: 'c', engine: 'opensearch', version });

describe('What each version of an engine has', () => {
  it('ES|QL from Elasticsearch 8.11, never on OpenSearch', () => {
    assert.deepEqual([es('7.17.29'), es('8.10.4'), es('8.11.0'), es('8.19.21'), es('9.5.3'), os('3.9.0')].map((identity) => engineFeatures(identity).esql), [false, false, true, true, true, false]);
  });

  it('a sort on _id before Elasticsearch 8 and on every OpenSearch', () => {
    assert.deepEqual([es('7.17.29'), es('8.0.0'), es('9.5.3'), os('1.3.20'), os('3.9.0')].map((identity) => engineFeatures(identity).idSort), [true, false, false, true, true]);
  });

  it('a point in time from Elasticsearch 7.10 (not its oss builds) and OpenSearch 2.4', () => {
    assert.deepEqual([es('7.9.3'), es('7.10.0'), es('7.17.29', 'oss'), es('8.19.21'), os('1.3.20'), os('2.3.0'), os('2.4.0'), os('3.9.0')].map((identity) => engineFeatures(identity).pointInTime), [false, true, false, true, false, false, true, true]);
  });
});
