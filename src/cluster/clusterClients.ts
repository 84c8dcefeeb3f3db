import type { Client as ElasticClient, ClientOptions as ElasticOptions } from '@elastic/elasticsearch';
import type { ConnectionOptions } from 'node:tls';
import { awsIdentityOf, type AwsIdentity } from './model/awsIdentity';
import type { EngineName } from './model/clusterEngine';
import type { AwsSigning, ConnectionConfig, Credentials } from './model/connectionConfig';

/**
 * The two official clients behind one shape: a request goes out once (no retry, no sniffing) and
 * its answer comes back as a stream of any status, for the gateway to read within its limits.
 * Each client is required from its own bundle on first use, so activation parses neither.
 */

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly querystring: Record<string, string | number | boolean>;
  readonly body?: string;
  readonly contentType?: string;
  readonly accept?: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: AsyncIterable<Buffer | string> & { destroy?: () => void };
  /** A 2xx without `X-Elastic-Product: Elasticsearch`: not Elasticsearch 7.14 or later (maybe OpenSearch). */
  readonly notElasticsearch?: boolean;
}

export interface RawClient {
  readonly engine: EngineName;
  request(request: RawRequest, signal: AbortSignal): Promise<RawAnswer>;
  close(): Promise<void>;
  /** For AWS signing: which key pair signed the last request, once the chain gave one. */
  readonly awsIdentity?: () => AwsIdentity | undefined;
}

export interface ClientSetup {
  readonly connection: ConnectionConfig;
  readonly requestTimeoutMs: number;
  readonly tls: ConnectionOptions | undefined;
  readonly credentials: Credentials | undefined;
}

/** The credential chain gave nothing usable: said with the profile, never retried. */
export class AwsCredentialsError extends Error {
  override readonly name = 'AwsCredentialsError';
}

// Plain JSON is understood by every major from 7.x to 9.x, where the clients' versioned media
// types are refused by an older major.
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

function headersOf(request: RawRequest): Record<string, string> {
  return { 'content-type': request.contentType ?? JSON_HEADERS['content-type'], accept: request.accept ?? JSON_HEADERS.accept };
}

export function createElasticClient(setup: ClientSetup): RawClient {
  const { connection, requestTimeoutMs, tls, credentials } = setup;
  const options: ElasticOptions = { maxRetries: 0, requestTimeout: requestTimeoutMs, ...(tls ? { tls } : {}) };
  if (connection.cloudId) options.cloud = { id: connection.cloudId };
  else options.node = [...connection.urls];
  if (credentials?.method === 'basic') options.auth = { username: credentials.username, password: credentials.password };
  if (credentials?.method === 'apiKey') options.auth = { apiKey: credentials.apiKey };
  if (credentials?.method === 'bearer') options.auth = { bearer: credentials.token };
  // Required here rather than imported, so activation does not pay for loading it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client, Transport } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
  // The client's product check fails a 2xx from another engine after it arrived, and throws its
  // body away: a write the cluster applied would be reported as failed. The gateway checks the
  // product itself (`notElasticsearch`) and moves to OpenSearch's client for what follows.
  class AnswerAnyProduct extends Transport {
    constructor(transportOptions: ConstructorParameters<typeof Transport>[0]) {
      super({ ...transportOptions, productCheck: undefined });
    }
  }
  const client: ElasticClient = new Client({ ...options, Transport: AnswerAnyProduct });
  return {
    engine: 'elasticsearch',
    async request(request, signal) {
      const { method, path, querystring, body } = request;
      const answer = await client.transport.request(
        { method, path, querystring, body },
        { asStream: true, meta: true, headers: headersOf(request), maxRetries: 0, signal },
      );
      const status = answer.statusCode ?? 0;
      const headers = answer.headers ?? {};
      const notElasticsearch = status >= 200 && status < 300 && headers['x-elastic-product'] !== 'Elasticsearch';
      return { status, headers, body: answer.body as RawAnswer['body'], ...(notElasticsearch ? { notElasticsearch } : {}) };
    },
    close: () => client.close(),
  };
}

type OpenSearchModules = typeof import('./opensearchModules');

export function createOpenSearchClient(setup: ClientSetup): RawClient {
  const { connection, requestTimeoutMs, tls, credentials } = setup;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const modules = require('./opensearchModules') as OpenSearchModules;
  let identity: AwsIdentity | undefined;
  const signing = connection.auth === 'aws' && connection.aws ? awsSigner(modules, connection.aws, (seen) => (identity = seen)) : {};
  const headers =
    credentials?.method === 'apiKey' ? { authorization: `ApiKey ${credentials.apiKey}` } : credentials?.method === 'bearer' ? { authorization: `Bearer ${credentials.token}` } : {};
  const client = new modules.Client({
    node: [...connection.urls],
    maxRetries: 0,
    requestTimeout: requestTimeoutMs,
    sniffOnStart: false,
    sniffOnConnectionFault: false,
    ...(tls ? { ssl: tls } : {}),
    ...(credentials?.method === 'basic' ? { auth: { username: credentials.username, password: credentials.password } } : {}),
    headers,
    ...signing,
  });
  return {
    engine: 'opensearch',
    request(request, signal) {
      const { method, path, querystring, body } = request;
      const pending = client.transport.request(
        { method, path, querystring, body: body ?? '' },
        { asStream: true, headers: headersOf(request), maxRetries: 0, requestTimeout: requestTimeoutMs },
      );
      const abort = (): void => void pending.abort();
      signal.addEventListener('abort', abort, { once: true });
      return Promise.resolve(pending)
        .then((answer) => ({ status: answer.statusCode ?? 0, headers: answer.headers ?? {}, body: answer.body as unknown as RawAnswer['body'] }))
        .finally(() => signal.removeEventListener('abort', abort));
    },
    close: () => client.close(),
    ...(connection.auth === 'aws' ? { awsIdentity: () => identity } : {}),
  };
}

/**
 * SigV4 with OpenSearch's signer: the payload's SHA-256 in `x-amz-content-sha256`, the query
 * string (`if_seq_no`, `if_primary_term`…) and headers signed. The key pair comes from the
 * standard AWS chain (environment, the shared files with the profile, SSO, process); the
 * extension neither stores nor sees anything but what it signs with.
 */
function awsSigner(modules: OpenSearchModules, aws: AwsSigning, seen: (identity: AwsIdentity) => void): Pick<ReturnType<OpenSearchModules['AwsSigv4Signer']>, 'Connection' | 'Transport'> {
  const chain = modules.fromNodeProviderChain(aws.profile ? { profile: aws.profile } : {});
  const { Connection, Transport } = modules.AwsSigv4Signer({
    region: aws.region,
    service: aws.service,
    getCredentials: async () => {
      let credentials;
      try {
        credentials = await chain();
      } catch (error) {
        throw new AwsCredentialsError(error instanceof Error ? error.message : String(error));
      }
      seen(awsIdentityOf(credentials));
      return credentials;
    },
  });
  return { Connection, Transport };
}
