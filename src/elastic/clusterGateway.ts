import type { Client, ClientOptions } from '@elastic/elasticsearch';
import { ClusterError, failureFromNetwork, failureFromResponse, type ClusterFailure } from '../core/clusterErrors';
import type { ConnectionConfig, Credentials } from '../core/connectionConfig';
import { wellFormed } from '../core/documentAddress';
import { MalformedResponseError } from '../core/esResponses';
import { AnswerTooLargeError, DEFAULT_MAX_RESPONSE_BYTES, deadlineFailure, readBounded, tooLargeFailure } from './answerLimits';
import { trustOptions } from './clusterTrust';

/**
 * The one door to a cluster. Every request goes through `send`, which returns the answer's
 * exact text: parsing is left to `core`, so a document's `_source` can be kept byte for byte.
 * Nothing is retried here: a write whose answer was lost must not be sent a second time blindly.
 */

export interface ClusterRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Already URL-encoded path segments, e.g. `/movies/_doc/a%2Fb`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** JSON text, sent exactly as given. */
  readonly body?: string;
}

export interface ClusterResponse {
  readonly status: number;
  readonly text: string;
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

/** Settings of a connection to a plain URL without authentication. */
export function settingsForUrl(url: string, requestTimeoutMs = 30000): GatewaySettings {
  return { connection: { id: url, name: url, urls: [url], auth: 'none', tls: {}, origin: 'added' }, requestTimeoutMs };
}

// Plain JSON is understood by every major from 7.x to 9.x, where the client's versioned media
// types are refused by an older major.
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export class ClusterGateway {
  private client: Promise<Client> | undefined;

  constructor(
    private readonly settings: GatewaySettings,
    private readonly hooks: GatewayHooks = {},
  ) {}

  /** A gateway to a plain URL, without authentication: for tests and tools. */
  static forUrl(url: string, requestTimeoutMs = 30000): ClusterGateway {
    return new ClusterGateway(settingsForUrl(url, requestTimeoutMs));
  }

  /** Sends a request; answers of any status come back, network failures throw `ClusterError`. */
  async send(request: ClusterRequest): Promise<ClusterResponse> {
    const client = await this.getClient();
    const querystring = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, v]) => v !== undefined));
    const { requestTimeoutMs, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = this.settings;
    const started = Date.now();
    // The deadline covers the answer's body too; aborting drops the connection.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), requestTimeoutMs);
    let response: ClusterResponse;
    try {
      const answer = await client.transport.request(
        { method: request.method, path: request.path, querystring, body: request.body },
        { asStream: true, meta: true, headers: JSON_HEADERS, maxRetries: 0, signal: deadline.signal },
      );
      const body = answer.body as AsyncIterable<Buffer | string> & { destroy?: () => void };
      const text = request.method === 'HEAD' ? '' : await readBounded(body, maxResponseBytes, answer.headers?.['content-length']);
      response = { status: answer.statusCode ?? 0, text };
    } catch (error) {
      const failure =
        deadline.signal.aborted || isTimeout(error)
          ? deadlineFailure(requestTimeoutMs)
          : error instanceof AnswerTooLargeError
            ? tooLargeFailure(maxResponseBytes)
            : failureFromNetwork(error);
      this.hooks.log?.(`${request.method} ${request.path} failed after ${Date.now() - started} ms: ${failure.reason}`);
      throw new ClusterError(failure);
    } finally {
      clearTimeout(timer);
    }
    this.hooks.log?.(`${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
    if (response.status === 401 || response.status === 403) this.hooks.onRejected?.(this.settings.connection, failureFromResponse(response.status, response.text));
    return response;
  }

  /** Like `send`, but an answer of 400 or more becomes a `ClusterError` with the cluster's reason. */
  async sendOk(request: ClusterRequest): Promise<ClusterResponse> {
    const response = await this.send(request);
    if (response.status >= 400) throw new ClusterError(failureFromResponse(response.status, response.text));
    return response;
  }

  /** Like `sendOk`, then reads the answer with `read` (see `readResponse`). */
  async sendOkAndRead<T>(request: ClusterRequest, read: (text: string) => T): Promise<T> {
    return readResponse(await this.sendOk(request), read);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await (await client?.catch(() => undefined))?.close();
  }

  private getClient(): Promise<Client> {
    this.client ??= this.createClient();
    const client = this.client;
    // A client that could not be made (no credentials given, unreadable CA file) is retried next time.
    client.catch(() => {
      if (this.client === client) this.client = undefined;
    });
    return client;
  }

  private async createClient(): Promise<Client> {
    const { connection, requestTimeoutMs } = this.settings;
    // Before the credentials are asked for: a cluster that fails the checks never gets them.
    const tls = await trustOptions(connection, requestTimeoutMs);
    const credentials = connection.auth === 'none' ? undefined : await this.hooks.credentials?.(connection);
    const options: ClientOptions = { maxRetries: 0, requestTimeout: requestTimeoutMs, ...(tls ? { tls } : {}) };
    if (connection.cloudId) options.cloud = { id: connection.cloudId };
    else options.node = [...connection.urls];
    if (credentials?.method === 'basic') options.auth = { username: credentials.username, password: credentials.password };
    if (credentials?.method === 'apiKey') options.auth = { apiKey: credentials.apiKey };
    if (credentials?.method === 'bearer') options.auth = { bearer: credentials.token };
    // Required on the first request rather than imported, so activation does not pay for loading it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client: ClientClass } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
    return new ClientClass(options);
  }
}

/** Reads a successful answer; one that cannot be read is a `malformed` failure like any other, with its status. */
export function readResponse<T>(response: ClusterResponse, read: (text: string) => T): T {
  try {
    return read(response.text);
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
