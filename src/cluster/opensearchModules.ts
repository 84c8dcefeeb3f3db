/**
 * What the OpenSearch bundle (dist/opensearch-client.js) holds: OpenSearch's client, its SigV4
 * signer and the AWS credential chain. Required on the first request to an OpenSearch or AWS
 * connection, never at activation (see scripts/build.ts).
 */
export { Client } from '@opensearch-project/opensearch';
export { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
