// `_source` filtering (includes/excludes with `*` wildcards over dotted paths), on the order-preserving
// tree so untouched values keep their exact text. Unfiltered sources are never re-serialized.
import { type JObject, type JValue, isJObject, parseJNode, stringifyJNode } from '../http/jnode';
import { RawJson } from '../http/json-text';

export interface SourceSpec {
  fetch: boolean;
  includes: string[];
  excludes: string[];
}

export const FETCH_ALL: SourceSpec = { fetch: true, includes: [], excludes: [] };

function compile(p: string): RegExp {
  return new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/** Can the glob match some path strictly below `prefix`? */
function mayMatchBelow(pattern: string, prefix: string): boolean {
  const target = prefix + '.';
  const memo = new Map<string, boolean>();
  const m = (i: number, j: number): boolean => {
    if (j === target.length) return true;
    if (i === pattern.length) return false;
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    const r = pattern[i] === '*' ? m(i + 1, j) || m(i, j + 1) : pattern[i] === target[j] && m(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return m(0, 0);
}

export function filterSourceNode(root: JObject, spec: SourceSpec): JObject {
  const inc = spec.includes.map((p) => ({ p, re: compile(p) }));
  const exc = spec.excludes.map(compile);
  const excluded = (path: string): boolean => exc.some((re) => re.test(path));
  const filterValue = (v: JValue, path: string, included: boolean): JValue | undefined => {
    if (isJObject(v)) {
      const o = filterObject(v, path, included);
      return o.size || included ? o : undefined;
    }
    if (Array.isArray(v)) {
      const arr = v.map((x) => (isJObject(x) || Array.isArray(x) ? filterValue(x, path, included) : included ? x : undefined)).filter((x): x is JValue => x !== undefined);
      return arr.length || included ? arr : undefined;
    }
    return included ? v : undefined;
  };
  const filterObject = (obj: JObject, prefix: string, included: boolean): JObject => {
    const out: JObject = new Map();
    for (const [k, v] of obj) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (excluded(path)) continue;
      const inc2 = included || inc.length === 0 || inc.some((x) => x.re.test(path));
      if (!inc2 && !inc.some((x) => mayMatchBelow(x.p, path))) continue;
      if (!inc2 && !isJObject(v) && !Array.isArray(v)) continue;
      const fv = filterValue(v, path, inc2);
      if (fv !== undefined) out.set(k, fv);
    }
    return out;
  };
  return filterObject(root, '', false);
}

/** The `_source` to put in a response: the raw text when unfiltered, else the filtered tree. */
export function renderSource(source: string, spec: SourceSpec): RawJson | undefined {
  if (!spec.fetch) return undefined;
  if (spec.includes.length === 0 && spec.excludes.length === 0) return new RawJson(source);
  const root = parseJNode(source);
  if (!isJObject(root)) return new RawJson(source);
  return new RawJson(stringifyJNode(filterSourceNode(root, spec)));
}

function asList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map(String);
  return String(v).split(',').map((s) => s.trim()).filter(Boolean);
}

/** `_source` as given in a body (bool, string, list, or {includes, excludes}) or URL parameters. */
export function parseSourceSpec(body: unknown, urlSource?: string, urlIncludes?: string, urlExcludes?: string): SourceSpec {
  let spec: SourceSpec = FETCH_ALL;
  if (body !== undefined) {
    if (typeof body === 'boolean') spec = { fetch: body, includes: [], excludes: [] };
    else if (typeof body === 'string' || Array.isArray(body)) spec = { fetch: true, includes: asList(body), excludes: [] };
    else if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      spec = { fetch: true, includes: asList(b.includes ?? b.include), excludes: asList(b.excludes ?? b.exclude) };
    }
  }
  if (urlSource !== undefined) {
    if (urlSource === 'true' || urlSource === '') spec = FETCH_ALL;
    else if (urlSource === 'false') spec = { fetch: false, includes: [], excludes: [] };
    else spec = { fetch: true, includes: asList(urlSource), excludes: [] };
  }
  if (urlIncludes !== undefined || urlExcludes !== undefined) {
    spec = { fetch: true, includes: urlIncludes !== undefined ? asList(urlIncludes) : spec.includes, excludes: urlExcludes !== undefined ? asList(urlExcludes) : spec.excludes };
  }
  return spec;
}
