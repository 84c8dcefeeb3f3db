// Requests over node:http/https for the security tests: fetch folds repeated headers into one
// comma-joined value (ambiguous for WWW-Authenticate, whose Basic challenge contains a comma) and
// cannot be given a CA, so these tests read raw header lines and pass TLS options directly.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';

export interface RawReply {
  status: number;
  /** Header name (lower-case) to every value sent, in order. */
  headerLines: Map<string, string[]>;
  headers: IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function raw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, tls: RequestOptions = {}): Promise<RawReply> {
  const url = new URL(path, baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, agent: false, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headerLines = new Map<string, string[]>();
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i]!.toLowerCase();
          headerLines.set(k, [...(headerLines.get(k) ?? []), res.rawHeaders[i + 1]!]);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headerLines, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const basicAuth = (user: string, password: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
export const apiKeyAuth = (id: string, key: string): Record<string, string> => ({ authorization: `ApiKey ${Buffer.from(`${id}:${key}`).toString('base64')}` });
