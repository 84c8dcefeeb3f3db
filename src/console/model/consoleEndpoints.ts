import type { ApiTable, EndpointSpec, EndpointUrl, ParamSpec } from './apiTable';

/**
 * Which API of the specification a request calls: its path is matched segment by segment against
 * the URL templates (`/{index}/_doc/{id}`), the one with the most literal segments winning, then
 * the method decides between the APIs that share a path (`GET`, `PUT`, `DELETE` of a document).
 */

export interface PathParts {
  /** Decoded segments, without the leading `/` (`['movies', '_search']`). */
  readonly segments: readonly string[];
  /** The query string's parameters in order, each with its offset in the path text. */
  readonly query: readonly QueryParam[];
}

export interface QueryParam {
  readonly name: string;
  readonly value: string | undefined;
  /** Where the name starts in the path text, and its length as written. */
  readonly offset: number;
  readonly nameLength: number;
}

export function splitPath(path: string): PathParts {
  const question = path.indexOf('?');
  const route = question === -1 ? path : path.slice(0, question);
  const segments = route.split('/').filter((segment) => segment !== '').map(decodeSafely);
  const query: QueryParam[] = [];
  if (question !== -1) {
    let offset = question + 1;
    for (const pair of path.slice(question + 1).split('&')) {
      if (pair !== '') {
        const equals = pair.indexOf('=');
        const rawName = equals === -1 ? pair : pair.slice(0, equals);
        query.push({ name: decodeSafely(rawName), value: equals === -1 ? undefined : decodeSafely(pair.slice(equals + 1)), offset, nameLength: rawName.length });
      }
      offset += pair.length + 1;
    }
  }
  return { segments, query };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface EndpointMatch {
  readonly endpoint: EndpointSpec;
  readonly url: EndpointUrl;
  /** The values of the template's `{parts}`, e.g. `{ index: 'movies' }`. */
  readonly parts: Readonly<Record<string, string>>;
}

export type Resolution =
  | { readonly kind: 'found'; readonly match: EndpointMatch }
  /** The path is known, not with this method. */
  | { readonly kind: 'method'; readonly allowed: readonly string[]; readonly candidates: readonly EndpointMatch[] }
  | { readonly kind: 'unknown' };

/** A `_`-segment is an API's name (`_search`), never an index: it fills a `{part}` only as `_all` or in an id. */
function fillsPart(segment: string, part: string): boolean {
  return !segment.startsWith('_') || segment === '_all' || /id$/.test(part);
}

function matchTemplate(template: string, segments: readonly string[]): { score: number; parts: Record<string, string> } | undefined {
  const pieces = template.split('/').filter((piece) => piece !== '');
  if (pieces.length !== segments.length) return undefined;
  const parts: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const part = /^\{(.+)\}$/.exec(piece)?.[1];
    if (part !== undefined) {
      if (!fillsPart(segments[i], part)) return undefined;
      parts[part] = segments[i];
    } else if (piece === segments[i]) {
      score++;
    } else {
      return undefined;
    }
  }
  return { score, parts };
}

/** The endpoints an engine answers: OpenSearch's own first (its point in time), then Elasticsearch's. */
export function endpointsFor(table: ApiTable, engine: 'elasticsearch' | 'opensearch' | undefined): readonly EndpointSpec[] {
  return engine === 'opensearch' ? [...table.opensearch, ...table.endpoints] : table.endpoints;
}

export function resolveEndpoint(endpoints: readonly EndpointSpec[], method: string, segments: readonly string[]): Resolution {
  let best = -1;
  let matches: EndpointMatch[] = [];
  for (const endpoint of endpoints) {
    for (const url of endpoint.urls) {
      const found = matchTemplate(url.path, segments);
      if (!found || found.score < best) continue;
      if (found.score > best) {
        best = found.score;
        matches = [];
      }
      matches.push({ endpoint, url, parts: found.parts });
    }
  }
  if (matches.length === 0) return { kind: 'unknown' };
  // HEAD is answered wherever GET is (the specification lists HEAD only for the exists APIs).
  const accepts = (match: EndpointMatch): boolean => match.url.methods.includes(method) || (method === 'HEAD' && match.url.methods.includes('GET'));
  const exact = matches.find((match) => match.url.methods.includes(method)) ?? matches.find(accepts);
  if (exact) return { kind: 'found', match: exact };
  return { kind: 'method', allowed: [...new Set(matches.flatMap((match) => match.url.methods))], candidates: matches };
}

/** The query parameters an endpoint takes, its own first, then those of every API (and every `_cat` API). */
export function paramsOf(table: ApiTable, endpoint: EndpointSpec): ReadonlyMap<string, ParamSpec> {
  const all = new Map<string, ParamSpec>(Object.entries(endpoint.params));
  const shared = endpoint.name.startsWith('cat.') ? { ...table.common, ...table.catCommon } : table.common;
  for (const [name, spec] of Object.entries(shared)) if (!all.has(name)) all.set(name, spec);
  return all;
}

/** Whether a value suits a parameter's type; the reason when it does not. */
export function checkParamValue(spec: ParamSpec, value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value.includes('${')) return undefined;
  if (spec.type === 'boolean' && value !== 'true' && value !== 'false') return 'boolean';
  if (spec.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return 'number';
  if (spec.type === 'enum' && spec.values && !value.split(',').every((item) => spec.values!.includes(item))) return 'enum';
  return undefined;
}
