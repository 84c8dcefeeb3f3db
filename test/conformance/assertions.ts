// Assertions of the YAML test language: match (values, /regex/ in Java COMMENTS mode), is_true/is_false,
// length, gt/gte/lt/lte, exists/not_exists, contains.
import { isDeepStrictEqual } from 'node:util';

/** Java Pattern.COMMENTS: unescaped whitespace and `#...` comments outside character classes are ignored. */
export function javaCommentsRegex(src: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (/\s/.test(c)) continue;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return new RegExp(out);
}

export function isRegexLiteral(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 1 && v.trim().startsWith('/') && v.trim().endsWith('/');
}

function normalizeNumbers(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(normalizeNumbers);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeNumbers(x)]));
  return v;
}

export function matches(actual: unknown, expected: unknown): string | undefined {
  if (isRegexLiteral(expected)) {
    const re = javaCommentsRegex(expected.trim().slice(1, -1));
    const s = typeof actual === 'string' ? actual : JSON.stringify(actual);
    if (s === undefined) return `expected a value matching ${expected} but was undefined`;
    return re.test(s) || re.test(s.replace(/\n$/, '')) ? undefined : `[${s}] does not match ${expected}`;
  }
  const a = normalizeNumbers(actual);
  const e = normalizeNumbers(expected);
  if (typeof a === 'number' && typeof e === 'number') return a === e ? undefined : `expected [${e}] but was [${a}]`;
  if (typeof e === 'number' && typeof a === 'string' && a === String(e)) return undefined;
  if (isDeepStrictEqual(a, e)) return undefined;
  if (e && typeof e === 'object' && a && typeof a === 'object' && !Array.isArray(e) && !Array.isArray(a)) {
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      const sub = matches((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]);
      if (sub) return `field [${k}]: ${sub}`;
    }
    return undefined;
  }
  if (Array.isArray(e) && Array.isArray(a) && a.length === e.length) {
    for (let i = 0; i < e.length; i++) {
      const sub = matches(a[i], e[i]);
      if (sub) return `[${i}]: ${sub}`;
    }
    return undefined;
  }
  return `expected ${JSON.stringify(e)} but was ${JSON.stringify(a)}`;
}

export function isTruthy(v: unknown): boolean {
  return !(v === undefined || v === null || v === false || v === '' || v === 'false' || v === 0);
}

export function lengthOf(v: unknown): number | undefined {
  if (Array.isArray(v) || typeof v === 'string') return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

export function compareNumbers(kind: string, actual: unknown, expected: unknown): string | undefined {
  const a = Number(actual);
  const e = Number(expected);
  if (actual === undefined || Number.isNaN(a)) return `expected a number but was ${JSON.stringify(actual)}`;
  const ok = kind === 'gt' ? a > e : kind === 'gte' ? a >= e : kind === 'lt' ? a < e : a <= e;
  return ok ? undefined : `expected ${kind} ${e} but was ${a}`;
}
