// Route table matched like Elasticsearch's PathTrie: literal segments win over `{placeholders}`, and the
// first matching path that has a handler for the method is used; a path known only for other methods
// answers 405, an unknown one 400 "no handler found".
import type { EsRequest } from './es-request';
import { decodeComponent } from './es-request';

export interface EsResponse {
  status: number;
  body?: unknown;
  /** Non-JSON body (cat text output). */
  text?: string;
  /** An array value is sent as one header line per element (e.g. WWW-Authenticate challenges). */
  headers?: Record<string, string | string[]>;
  /** Warning headers (deprecations), sent as `Warning: 299 Elasticsearch-... "text"`. */
  warnings?: string[];
}

export type Handler = (req: EsRequest) => EsResponse | Promise<EsResponse>;

export interface Route {
  readonly api: string;
  readonly methods: readonly string[];
  readonly path: string;
  /** `none`: a body is an error; `optional`/`required` are checked by the handler. */
  readonly body: 'none' | 'optional' | 'required';
  readonly handler: Handler;
  readonly segments: readonly string[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; pathParams: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT'];

export class Router {
  private readonly routes: Route[] = [];

  add(api: string, methods: readonly string[], path: string, body: Route['body'], handler: Handler): void {
    const segments = path.split('/').filter((s) => s !== '');
    this.routes.push({ api, methods, path, body, handler, segments });
  }

  match(method: string, rawPath: string): RouteMatch {
    const parts = rawPath.split('/').filter((s) => s !== '');
    const candidates: { route: Route; params: Record<string, string>; rank: string }[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let rank = '';
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        if (seg.startsWith('{')) {
          params[seg.slice(1, -1)] = parts[i]!;
          rank += '1';
        } else if (seg === parts[i]) rank += '0';
        else {
          ok = false;
          break;
        }
      }
      if (ok) candidates.push({ route, params, rank });
    }
    candidates.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const c of candidates) {
      if (c.route.methods.includes(method)) {
        const decoded: Record<string, string> = {};
        for (const [k, v] of Object.entries(c.params)) decoded[k] = decodeComponent(v, false);
        return { kind: 'found', route: c.route, pathParams: decoded };
      }
    }
    if (candidates.length === 0) return { kind: 'not_found' };
    const allowed = new Set(candidates.flatMap((c) => c.route.methods));
    return { kind: 'method_not_allowed', allowed: METHOD_ORDER.filter((m) => allowed.has(m)) };
  }
}
