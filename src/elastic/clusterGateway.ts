import type { Client } from '@elastic/elasticsearch';
import { ClusterError, failureFromNetwork, failureFromResponse } from '../core/clusterErrors';

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

export interface ConnectionSettings {
  readonly url: string;
  readonly requestTimeoutMs: number;
}

// Plain JSON is understood by every major from 7.x to 9.x, where the client's versioned media
// types are refused by an older major.
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export class ClusterGateway {
  private client: Client | undefined;

  constructor(private readonly settings: ConnectionSettings) {}

  /** Sends a request; answers of any status come back, network failures throw `ClusterError`. */
  async send(request: ClusterRequest): Promise<ClusterResponse> {
    const client = this.getClient();
    const querystring = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, v]) => v !== undefined));
    try {
      const response = await client.transport.request(
        { method: request.method, path: request.path, querystring, body: request.body },
        { asStream: true, meta: true, headers: JSON_HEADERS, maxRetries: 0 },
      );
      const text = request.method === 'HEAD' ? '' : await readAll(response.body as AsyncIterable<Buffer | string>);
      return { status: response.statusCode ?? 0, text };
    } catch (error) {
      throw new ClusterError(failureFromNetwork(error));
    }
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
    await client?.close();
  }

  private getClient(): Client {
    if (this.client === undefined) {
      // Required on the first request rather than imported, so activation does not pay for loading it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Client: ClientClass } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
      this.client = new ClientClass({ node: this.settings.url, maxRetries: 0, requestTimeout: this.settings.requestTimeoutMs });
    }
    return this.client;
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
