// `filter_path` response filtering: dotted paths, `*` within a name, `**` for any depth, `-` to exclude.
import { type JObject, type JValue, isJObject } from './jnode';

type Pattern = string[];

function segMatch(pat: string, name: string): boolean {
  if (pat === '*') return true;
  if (!pat.includes('*')) return pat === name;
  const re = new RegExp('^' + pat.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

/** Patterns left to match below `name` for each pattern, or 'all' when one is fully matched. */
function advance(patterns: Pattern[], name: string): { full: boolean; rest: Pattern[] } {
  let full = false;
  const rest: Pattern[] = [];
  for (const p of patterns) {
    if (p.length === 0) continue;
    if (p[0] === '**') {
      rest.push(p);
      const after = p.slice(1);
      if (after.length === 0) full = true;
      else {
        const sub = advance([after], name);
        full ||= sub.full;
        rest.push(...sub.rest);
      }
      continue;
    }
    if (segMatch(p[0]!, name)) {
      if (p.length === 1) full = true;
      else rest.push(p.slice(1));
    }
  }
  return { full, rest };
}

function include(v: JValue, patterns: Pattern[]): JValue | undefined {
  if (Array.isArray(v)) {
    const out = v.map((x) => include(x, patterns)).filter((x): x is JValue => x !== undefined);
    return out.length ? out : undefined;
  }
  if (!isJObject(v)) return undefined;
  const out: JObject = new Map();
  for (const [k, val] of v) {
    const { full, rest } = advance(patterns, k);
    if (full) out.set(k, val);
    else if (rest.length) {
      const sub = include(val, rest);
      if (sub !== undefined) out.set(k, sub);
    }
  }
  return out.size ? out : undefined;
}

function exclude(v: JValue, patterns: Pattern[]): JValue | undefined {
  if (Array.isArray(v)) return v.map((x) => exclude(x, patterns) ?? null);
  if (!isJObject(v)) return v;
  const out: JObject = new Map();
  for (const [k, val] of v) {
    const { full, rest } = advance(patterns, k);
    if (full) continue;
    out.set(k, rest.length ? (exclude(val, rest) ?? null) : val);
  }
  return out;
}

export function applyFilterPath(root: JValue, filter: string): JValue {
  const all = filter.split(',').map((s) => s.trim()).filter(Boolean);
  const inc = all.filter((s) => !s.startsWith('-')).map((s) => s.split('.'));
  const exc = all.filter((s) => s.startsWith('-')).map((s) => s.slice(1).split('.'));
  let v: JValue = root;
  if (inc.length) v = include(v, inc) ?? new Map();
  if (exc.length) v = exclude(v, exc) ?? new Map();
  return v;
}
