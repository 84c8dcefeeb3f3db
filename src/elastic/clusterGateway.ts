import type { Client, ClientOptions } from '@elastic/elasticsearch';
import { readFile } from 'node:fs/promises';
import { ClusterError, failureFromNetwork, failureFromResponse, type ClusterFailure } from '../core/clusterErrors';
import type { ConnectionConfig, Credentials } from '../core/connectionConfig';

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
  readonly requestTimeoutMs: number;
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
    const started = Date.now();
    let response: ClusterResponse;
    try {
      const answer = await client.transport.request(
        { method: request.method, path: request.path, querystring, body: request.body },
        { asStream: true, meta: true, headers: JSON_HEADERS, maxRetries: 0 },
      );
      const text = request.method === 'HEAD' ? '' : await readAll(answer.body as AsyncIterable<Buffer | string>);
      response = { status: answer.statusCode ?? 0, text };
    } catch (error) {
      const failure = failureFromNetwork(error);
      this.hooks.log?.(`${request.method} ${request.path} failed after ${Date.now() - started} ms: ${failure.reason}`);
      throw new ClusterError(failure);
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
    const credentials = connection.auth === 'none' ? undefined : await this.hooks.credentials?.(connection);
    const options: ClientOptions = { maxRetries: 0, requestTimeout: requestTimeoutMs };
    if (connection.cloudId) options.cloud = { id: connection.cloudId };
    else options.node = [...connection.urls];
    if (credentials?.method === 'basic') options.auth = { username: credentials.username, password: credentials.password };
    if (credentials?.method === 'apiKey') options.auth = { apiKey: credentials.apiKey };
    if (credentials?.method === 'bearer') options.auth = { bearer: credentials.token };
    const { caFile, caFingerprint, insecure } = connection.tls;
    if (caFile) {
      const ca = await readFile(caFile).catch((error: unknown) => {
        throw new ClusterError({ kind: 'tls', reason: `the CA file ${caFile} cannot be read (${error instanceof Error ? error.message : String(error)})` });
      });
      options.tls = { ca, rejectUnauthorized: !insecure };
    }
    // The client checks a pinned fingerprint itself, in place of the chain check.
    if (caFingerprint) {
      options.caFingerprint = caFingerprint;
      options.tls = { ...options.tls, rejectUnauthorized: false };
    }
    if (insecure) options.tls = { ...options.tls, rejectUnauthorized: false };
    // Required on the first request rather than imported, so activation does not pay for loading it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client: ClientClass } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
    return new ClientClass(options);
  }
}

async function readAll(body: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment);
}
