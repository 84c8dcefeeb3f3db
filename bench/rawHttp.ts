import * as http from 'node:http';

/**
 * The baseline: Node's own `http` module, one keep-alive connection pool, the body read whole.
 * This is the least any client can do for the same request.
 */

export interface RawResponse {
  readonly status: number;
  readonly text: string;
}

export class RawHttp {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  request(method: string, path: string, body?: string | Buffer): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
      if (body !== undefined) {
        headers['content-type'] = path.includes('_bulk') ? 'application/x-ndjson' : 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A request whose answer must be 2xx, parsed with `JSON.parse`. */
  async json(method: string, path: string, body?: string | Buffer): Promise<Record<string, unknown>> {
    const response = await this.request(method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${response.text.slice(0, 300)}`);
    return JSON.parse(response.text) as Record<string, unknown>;
  }

  close(): void {
    this.agent.destroy();
  }
}
