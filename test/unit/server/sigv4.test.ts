import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import { sigV4FromEnvironment, verifySigV4, type SigV4Options, type SigV4Request } from '../../server/security/sigv4';

// The AWS Signature Version 4 test suite's key pair, region, service and date.
const SUITE: SigV4Options = {
  region: 'us-east-1',
  service: 'service',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  now: () => new Date('2015-08-30T12:36:00Z'),
};

function suiteRequest(uri: string, signature: string, signedHeaders = 'host;x-amz-date'): SigV4Request {
  return {
    method: 'GET',
    uri,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  };
}

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SERVER: SigV4Options = { region: 'eu-west-1', service: 'es', ...KEYS };

/** Signs the way the extension's client does: OpenSearch's signer, payload hash included. */
function clientSigned(method: string, path: string, body: string, options: { region?: string; service?: 'es' | 'aoss'; secret?: string } = {}): SigV4Request {
  const region = options.region ?? 'eu-west-1';
  const service = options.service ?? 'es';
  const signer = AwsSigv4Signer({ region, service, getCredentials: () => Promise.resolve({ accessKeyId: KEYS.accessKeyId, secretAccessKey: options.secret ?? KEYS.secretAccessKey }) });
  const credentials = { accessKeyId: KEYS.accessKeyId, secretAccessKey: options.secret ?? KEYS.secretAccessKey };
  const signed = signer.buildSignedRequestObject({
    method,
    hostname: 'search-movies.eu-west-1.es.amazonaws.com',
    path,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    body,
    auth: { credentials, region, service },
  }) as { headers: IncomingHttpHeaders };
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { method, uri: path, headers, body: Buffer.from(body) };
}

describe('test server security: AWS Signature Version 4', () => {
  it('accepts the AWS test suite\'s get-vanilla and get-vanilla-query-order-key-case', () => {
    assert.equal(verifySigV4(suiteRequest('/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'), SUITE), undefined);
    assert.equal(verifySigV4(suiteRequest('/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'), SUITE), undefined);
  });

  it('refuses the test vector with one character of the signature changed', () => {
    const refusal = verifySigV4(suiteRequest('/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32'), SUITE);
    assert.equal(refusal?.errorType, 'InvalidSignatureException');
    assert.match(refusal?.message ?? '', /^The request signature we calculated does not match/);
  });

  it('accepts what OpenSearch\'s client signs: a conditional PUT with its body, an encoded id', () => {
    const now = (): Date => new Date();
    const request = clientSigned('PUT', '/movies/_doc/a%2Fb?if_seq_no=5&if_primary_term=1&refresh=false', '{"title":"Dune","year":2021}');
    assert.equal(request.headers['x-amz-content-sha256'], createHash('sha256').update('{"title":"Dune","year":2021}').digest('hex'));
    assert.equal(verifySigV4(request, { ...SERVER, now }), undefined);
  });

  it('covers the if_seq_no/if_primary_term query parameters: changing one breaks the signature', () => {
    const request = clientSigned('PUT', '/movies/_doc/1?if_seq_no=5&if_primary_term=1', '{}');
    const replayed = { ...request, uri: '/movies/_doc/1?if_seq_no=6&if_primary_term=1' };
    assert.equal(verifySigV4(replayed, SERVER)?.errorType, 'InvalidSignatureException');
  });

  it('refuses a tampered body (the payload hash no longer matches)', () => {
    const request = clientSigned('PUT', '/movies/_doc/1', '{"title":"Dune"}');
    const refusal = verifySigV4({ ...request, body: Buffer.from('{"title":"Dunf"}') }, SERVER);
    assert.match(refusal?.message ?? '', /x-amz-content-sha256/);
    const withoutHash = { ...request, headers: { ...request.headers, 'x-amz-content-sha256': undefined }, body: Buffer.from('{"title":"Dunf"}') };
    assert.match(verifySigV4(withoutHash, SERVER)?.message ?? '', /signature we calculated does not match/);
  });

  it('refuses a wrong secret, a wrong region, a wrong service, an unknown key and no signature, in AWS\'s words', () => {
    assert.match(verifySigV4(clientSigned('GET', '/', '', { secret: 'not-the-secret' }), SERVER)?.message ?? '', /signature we calculated does not match/);
    assert.equal(verifySigV4(clientSigned('GET', '/', '', { region: 'us-east-1' }), SERVER)?.message, 'Credential should be scoped to a valid region. ');
    assert.equal(verifySigV4(clientSigned('GET', '/', '', { service: 'aoss' }), SERVER)?.message, "Credential should be scoped to correct service: 'es'. ");
    assert.equal(verifySigV4(clientSigned('GET', '/', ''), { ...SERVER, accessKeyId: 'AKIAOTHERKEY' })?.errorType, 'UnrecognizedClientException');
    assert.equal(verifySigV4({ method: 'GET', uri: '/', headers: { host: 'x' }, body: Buffer.alloc(0) }, SERVER)?.message, 'Missing Authentication Token');
  });

  it('refuses a signature dated more than 15 minutes away from the server\'s clock', () => {
    const request = clientSigned('GET', '/_cat/indices?format=json', '');
    const signedAt = new Date(Date.now());
    const later = verifySigV4(request, { ...SERVER, now: () => new Date(signedAt.getTime() + 16 * 60 * 1000) });
    assert.match(later?.message ?? '', /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    assert.equal(verifySigV4(request, { ...SERVER, now: () => new Date(signedAt.getTime() + 14 * 60 * 1000) }), undefined);
  });

  it('reads REGION:SERVICE and the key pair from the environment', () => {
    assert.deepEqual(sigV4FromEnvironment('eu-west-1:es', { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }), { region: 'eu-west-1', service: 'es', accessKeyId: 'A', secretAccessKey: 'S' });
    assert.throws(() => sigV4FromEnvironment('eu-west-1', { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }), /REGION:SERVICE/);
    assert.throws(() => sigV4FromEnvironment('eu-west-1:aoss', {}), /AWS_ACCESS_KEY_ID/);
  });
});
