// The parsed HTTP request as handlers see it: decoded path parameters, query parameters with
// Elasticsearch's typed accessors (and their error texts), and the raw body.
import type { IncomingHttpHeaders } from 'node:http';
import { EsError, illegalArgument } from '../errors';
import type { AuthenticatedUser } from '../security/authenticate';

export interface EsRequest {
  readonly method: string;
  /** Path as sent (still percent-encoded), without the query string. */
  readonly rawPath: string;
  readonly path: string;
  /** Path and query string as sent. */
  readonly uri: string;
  readonly query: Map<string, string>;
  pathParams: Record<string, string>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The route template that matched, e.g. `/{index}/_doc/{id}`. */
  route?: string;
  /** Who the credentials belong to; set only when the server runs with security on. */
  user?: AuthenticatedUser;
}

/** RestUtils.decodeComponent; `+` is a space only in query strings. */
export function decodeComponent(s: string, plusIsSpace: boolean): string {
  const t = plusIsSpace ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(t);
  } catch {
    throw illegalArgument(`unterminated escape sequence at end of string: ${s}`);
  }
}

export function parseQueryString(qs: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!qs) return out;
  for (const part of qs.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.set(decodeComponent(k, true), decodeComponent(v, true));
  }
  return out;
}

export function bodyText(req: EsRequest): string {
  return req.body.toString('utf8');
}

export function hasBody(req: EsRequest): boolean {
  return req.body.length > 0;
}

export function param(req: EsRequest, name: string): string | undefined {
  return req.pathParams[name] ?? req.query.get(name);
}

/** Booleans.parseBoolean as used by RestRequest.paramAsBoolean: an empty value means true. */
export function paramBool(req: EsRequest, name: string, dflt: boolean): boolean {
  const v = req.query.get(name);
  if (v === undefined) return dflt;
  return parseBooleanValue(v, name);
}

export function parseBooleanValue(v: string, name?: string): boolean {
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  const where = name ? ` for [${name}]` : '';
  void where;
  throw illegalArgument(`Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

function parseIntegral(req: EsRequest, name: string, kind: 'int' | 'long'): number | undefined {
  const v = req.query.get(name);
  if (v === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(v) || (kind === 'int' && Math.abs(Number(v)) > 2147483647)) {
    throw new EsError(400, 'illegal_argument_exception', `Failed to parse ${kind} parameter [${name}] with value [${v}]`, {}, new EsError(400, 'number_format_exception', `For input string: "${v}"`));
  }
  return Number(v);
}

export const paramInt = (req: EsRequest, name: string): number | undefined => parseIntegral(req, name, 'int');
export const paramLong = (req: EsRequest, name: string): number | undefined => parseIntegral(req, name, 'long');

export function paramList(req: EsRequest, name: string): string[] | undefined {
  const v = req.query.get(name);
  if (v === undefined) return undefined;
  return v === '' ? [] : v.split(',').map((s) => s.trim());
}
