// Minimal HTTP client for the runner: sends a request and returns status, headers, raw text and parsed body.
import { request, Agent } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** JSON text for a value from YAML: bigints keep their exact digits. */
export function toJson(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return '[' + v.map(toJson).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + toJson(x)).join(',') + '}';
  return JSON.stringify(v) ?? 'null';
}

export function send(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const ct = String(res.headers['content-type'] ?? '');
        let parsed: unknown = text;
        if (method === 'HEAD') parsed = (res.statusCode ?? 500) < 300;
        else if (ct.includes('json') && text.length > 0) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
