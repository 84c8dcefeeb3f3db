import * as l10n from '@vscode/l10n';
import { awsRejection } from './model/awsIdentity';
import { ClusterError, failureFromNetwork, failureFromResponse, type ClusterFailure } from './model/clusterErrors';
import { readClusterIdentity, type ClusterIdentity, type EngineName } from './model/clusterEngine';
import type { ConnectionConfig, Credentials } from './model/connectionConfig';
import { hasStoredSecret } from './model/connectionConfig';
import { wellFormed } from './model/documentAddress';
import { MalformedResponseError, parseJsonObject } from './model/esResponses';
import { AnswerTooLargeError, DEFAULT_MAX_RESPONSE_BYTES, deadlineFailure, readBounded, tooLargeFailure } from './answerLimits';
import { AwsCredentialsError, createElasticClient, createOpenSearchClient, type RawClient } from './clusterClients';
import { trustOptions } from './clusterTrust';

/**
 * The one door to a cluster. Every request goes through `send`, which returns the answer's
 * exact text: parsing is left to `core`, so a document's `_source` can be kept byte for byte.
 * Nothing is retried here: a write whose answer was lost must not be sent a second time blindly.
 * Elasticsearch is spoken to through its client, OpenSearch (and anything signed for AWS) through
 * OpenSearch's; an answer that shows the cluster is not Elasticsearch is used as it is, and the
 * requests after it go through OpenSearch's client.
 */

export interface ClusterRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Already URL-encoded path segments, e.g. `/movies/_doc/a%2Fb`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** JSON text, sent exactly as given. */
  readonly body?: string;
  /** The body's media type when it is not JSON (`application/x-ndjson` for `_bulk`). */
  readonly contentType?: string;
  /** The answer's media type asked for when it is not JSON (`text/plain` for `_cat`). */
  readonly accept?: string;
}

export interface ClusterResponse {
  readonly status: number;
  /** The answer decoded as UTF-8 (on first use, for an answer read from the network). */
  readonly text: string;
  /** The answer's bytes as received, when it came from the network. */
  readonly bytes?: Buffer;
  /** The answer's `content-type`, when it said one. */
  readonly contentType?: string;
}

/** An answer whose text is decoded only when read: a document's bytes can go to the editor as they are. */
function answerOf(status: number, bytes: Buffer, contentType: unknown): ClusterResponse {
  let text: string | undefined;
  return {
    status,
    bytes,
    ...(typeof contentType === 'string' ? { contentType } : {}),
    get text(): string {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

export interface GatewaySettings {
  readonly connection: ConnectionConfig;
  /** The longest a request may take, answer included. */
  readonly requestTimeoutMs: number;
  /** Answers larger than this are not read (default 100 MB). */
  readonly maxResponseBytes?: number;
}

/** What the gateway needs from the editor around it; all optional for plain-Node use. */
export interface GatewayHooks {
  /** The connection's secret, asked for when missing; undefined for a connection without auth. */
  readonly credentials?: (connection: ConnectionConfig) => Promise<Credentials | undefined>;
  /** One line per request; the hook redacts before writing anywhere. */
  readonly log?: (line: string) => void;
  /** The cluster refused the credentials (401) or the privilege (403). */
  readonly onRejected?: (connection: ConnectionConfig, failure: ClusterFailure) => void;
}

/** OpenSearch Serverless has no `GET /`: what it is, is known from the service signed for. */
const SERVERLESS: ClusterIdentity = { clusterName: '', engine: 'opensearch', version: 'Serverless' };

export class ClusterGateway {
  private client: Promise<RawClient> | undefined;
  /** The engine the next client is made for, once an answer told it. */
  private engine: EngineName | undefined;
  private identity: Promise<ClusterIdentity> | undefined;
  /** `GET /` answered: the engine is known, no longer guessed from headers. */
  private identified = false;
  /** Clients replaced after the engine was learned; closed with the gateway, not under a request. */
  private readonly retired: Array<Promise<RawClient>> = [];
  private signedWith: RawClient['awsIdentity'];

  constructor(
    private readonly settings: GatewaySettings,
    private readonly hooks: GatewayHooks = {},
  ) {}

  /** The connection allows only reads: the document store refuses its writes before sending them. */
  get readOnly(): boolean {
    return this.settings.connection.readOnly === true;
  }

  /** Sends a request; answers of any status come back, network failures throw `ClusterError`. */
  async send(request: ClusterRequest): Promise<ClusterResponse> {
    const client = await this.getClient();
    const querystring = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
    const { requestTimeoutMs, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = this.settings;
    const started = Date.now();
    // The deadline covers the answer's body too; aborting drops the connection.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), requestTimeoutMs);
    let response: ClusterResponse;
    try {
      const { method, path, body, contentType, accept } = request;
      const answer = await client.request({ method, path, querystring, ...(body === undefined ? {} : { body }), ...(contentType ? { contentType } : {}), ...(accept ? { accept } : {}) }, deadline.signal);
      // Until `GET /` has said which engine this is, an answer without Elasticsearch's product
      // header moves the next requests to OpenSearch's client (which also serves Elasticsearch 7).
      if (answer.notElasticsearch && !this.identified) this.learnEngine('opensearch');
      const bytes = request.method === 'HEAD' ? Buffer.alloc(0) : await readBounded(answer.body, maxResponseBytes, answer.headers['content-length']);
      response = answerOf(answer.status, bytes, answer.headers['content-type']);
    } catch (error) {
      const failure =
        deadline.signal.aborted || isTimeout(error)
          ? deadlineFailure(requestTimeoutMs)
          : error instanceof AnswerTooLargeError
            ? tooLargeFailure(maxResponseBytes)
            : error instanceof AwsCredentialsError
              ? this.awsFailure({ kind: 'unauthorized', reason: l10n.t('the AWS credentials could not be read ({0})', error.message) })
              : failureFromNetwork(error);
      // The connection log stays in English: it is what support reads.
      this.hooks.log?.(`${request.method} ${request.path} failed after ${Date.now() - started} ms: ${failure.reason}`);
      if (error instanceof AwsCredentialsError) this.hooks.onRejected?.(this.settings.connection, failure);
      throw new ClusterError(failure);
    } finally {
      clearTimeout(timer);
    }
    this.hooks.log?.(`${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
    if (response.status === 401 || response.status === 403) this.hooks.onRejected?.(this.settings.connection, this.failureOf(response));
    return response;
  }

  /** Like `send`, but an answer of 400 or more becomes a `ClusterError` with the cluster's reason. */
  async sendOk(request: ClusterRequest): Promise<ClusterResponse> {
    const response = await this.send(request);
    if (response.status >= 400) throw new ClusterError(this.failureOf(response));
    return response;
  }

  /** Like `sendOk`, then reads the answer with `read` (see `readResponse`). */
  async sendOkAndRead<T>(request: ClusterRequest, read: (text: string) => T): Promise<T> {
    return readResponse(await this.sendOk(request), read);
  }

  /**
   * The engine and version behind the connection, from `GET /`, read once for the gateway's life
   * (a failure is read again next time). Learning OpenSearch moves later requests to its client.
   */
  cluster(): Promise<ClusterIdentity> {
    if (this.settings.connection.aws?.service === 'aoss') return Promise.resolve(SERVERLESS);
    const identity = (this.identity ??= this.sendOkAndRead({ method: 'GET', path: '/' }, (text) => readClusterIdentity(parseJsonObject(text))));
    identity.then(
      (known) => {
        this.identified = true;
        this.learnEngine(known.engine);
      },
      () => {
        if (this.identity === identity) this.identity = undefined;
      },
    );
    return identity;
  }

  async close(): Promise<void> {
    const clients = [this.client, ...this.retired.splice(0)];
    this.client = undefined;
    await Promise.all(clients.map(async (client) => (await client?.catch(() => undefined))?.close()));
  }

  private learnEngine(engine: EngineName): void {
    if (this.engine === engine || this.settings.connection.cloudId) return;
    this.engine = engine;
    if (this.client) this.retired.push(this.client);
    this.client = undefined;
  }

  /** The failure an answer of 400 or more stands for; a 403 on an AWS connection names the identity that signed. */
  failureOf(response: ClusterResponse): ClusterFailure {
    const failure = failureFromResponse(response.status, response.text);
    return response.status === 403 ? this.awsFailure(failure) : failure;
  }

  /** For an AWS connection, a refusal names the identity that signed and how to refresh it. */
  private awsFailure(failure: ClusterFailure): ClusterFailure {
    const aws = this.settings.connection.auth === 'aws' ? this.settings.connection.aws : undefined;
    return aws ? awsRejection(failure, aws, this.signedWith?.()) : failure;
  }

  private getClient(): Promise<RawClient> {
    this.client ??= this.createClient();
    const client = this.client;
    // A client that could not be made (no credentials given, unreadable CA file) is retried next time.
    client.catch(() => {
      if (this.client === client) this.client = undefined;
    });
    return client;
  }

  private async createClient(): Promise<RawClient> {
    const { connection, requestTimeoutMs } = this.settings;
    // Before the credentials are asked for: a cluster that fails the checks never gets them.
    const tls = await trustOptions(connection, requestTimeoutMs);
    const credentials = hasStoredSecret(connection.auth) ? await this.hooks.credentials?.(connection) : undefined;
    // Elastic Cloud is Elasticsearch; AWS signing is OpenSearch's client's.
    const engine = connection.cloudId ? 'elasticsearch' : (this.engine ?? (connection.auth === 'aws' ? 'opensearch' : 'elasticsearch'));
    const setup = { connection, requestTimeoutMs, tls, credentials };
    const client = engine === 'opensearch' ? createOpenSearchClient(setup) : createElasticClient(setup);
    this.signedWith = client.awsIdentity;
    return client;
  }
}

/** Reads a successful answer; one that cannot be read is a `malformed` failure like any other, with its status. */
export function readResponse<T>(response: ClusterResponse, read: (text: string) => T): T {
  return asClusterError(response, () => read(response.text));
}

/** `readResponse` of the answer's bytes as received (encoded again only if it has none). */
export function readResponseBytes<T>(response: ClusterResponse, read: (bytes: Buffer) => T): T {
  return asClusterError(response, () => read(response.bytes ?? Buffer.from(response.text, 'utf8')));
}

function asClusterError<T>(response: ClusterResponse, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedResponseError) throw new ClusterError({ kind: 'malformed', status: response.status, reason: error.message });
    throw error;
  }
}

/** The client's own timeouts (headers, or a gap in the body) come at the deadline too: one message for all. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error as { code?: unknown }).code === 'UND_ERR_BODY_TIMEOUT');
}

/**
 * One path segment, percent-encoded. `.` and `..` are encoded too: as they are, a proxy that
 * normalises paths would turn `DELETE /movies/_doc/..` into `DELETE /movies`. A lone surrogate,
 * which `encodeURIComponent` throws on, becomes U+FFFD, as Node writes it in a body (document ids
 * with one are refused before this: see `checkDocumentId`).
 */
export function encodePathSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return encodeURIComponent(wellFormed(segment));
}
