// Index settings as Elasticsearch stores them: flat `index.*` keys with string values, rendered nested.
import { illegalArgument, EsError } from '../errors';

export type FlatSettings = Map<string, string | string[]>;

export function flattenSettings(input: unknown, prefix = ''): FlatSettings {
  const out: FlatSettings = new Map();
  if (input === null || input === undefined) return out;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new EsError(400, 'illegal_argument_exception', `Failed to load settings from [${JSON.stringify(input)}]`);
  }
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of flattenSettings(v, key)) out.set(k2, v2);
    } else if (Array.isArray(v)) out.set(key, v.map((x) => String(x)));
    else out.set(key, v === null ? 'null' : String(v));
  }
  return out;
}

/** Index-level keys given without the `index.` prefix get it, as Elasticsearch normalizes them. */
export function normalizeIndexSettings(input: unknown): FlatSettings {
  const flat = flattenSettings(input);
  const out: FlatSettings = new Map();
  for (const [k, v] of flat) out.set(k.startsWith('index.') ? k : `index.${k}`, v);
  return out;
}

export function nestSettings(flat: FlatSettings): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [k, v] of [...flat].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts = k.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = v;
  }
  return root;
}

export function intSetting(flat: FlatSettings, key: string, dflt: number, min = 0): number {
  const v = flat.get(key);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) {
    throw illegalArgument(`Failed to parse value [${String(v)}] for setting [${key}]`);
  }
  if (n < min) throw illegalArgument(`Failed to parse value [${v}] for setting [${key}] must be >= ${min}`);
  return n;
}

/** Parses a time value like `1s`, `500ms`, `-1` into milliseconds (-1 = disabled). */
export function parseTimeValue(v: string, key: string): number {
  if (v === '-1') return -1;
  const m = /^(\d+(?:\.\d+)?)(nanos|micros|ms|s|m|h|d)$/.exec(v.trim());
  if (!m) {
    throw illegalArgument(`failed to parse setting [${key}] with value [${v}] as a time value: unit is missing or unrecognized`);
  }
  const mult: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(m[1]) * mult[m[2]!]!;
}

/** Settings Elasticsearch refuses at index creation. */
export function validateNewIndexSettings(flat: FlatSettings): void {
  if (flat.get('index.soft_deletes.enabled') === 'false') {
    throw illegalArgument('Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].');
  }
  const mode = flat.get('index.mode');
  if (mode === 'lookup') {
    const shards = flat.get('index.number_of_shards');
    if (shards !== undefined && shards !== '1') {
      throw illegalArgument(`index with [lookup] mode must have [index.number_of_shards] set to 1 or unset; provided ${shards}`);
    }
  }
  validateAnalysis(flat);
}

const ANALYZER_TYPES = new Set(['custom', 'standard', 'simple', 'whitespace', 'stop', 'keyword', 'pattern', 'fingerprint', 'english', 'snowball']);

function validateAnalysis(flat: FlatSettings): void {
  const analyzers = new Set<string>();
  for (const k of flat.keys()) {
    const m = /^index\.analysis\.analyzer\.([^.]+)\./.exec(k);
    if (m) analyzers.add(m[1]!);
  }
  for (const name of analyzers) {
    const type = flat.get(`index.analysis.analyzer.${name}.type`);
    const tokenizer = flat.get(`index.analysis.analyzer.${name}.tokenizer`);
    if (type === undefined && tokenizer === undefined) {
      throw illegalArgument(`analyzer [${name}] must specify either an analyzer type, or a tokenizer`);
    }
    if (typeof type === 'string' && !ANALYZER_TYPES.has(type)) {
      throw illegalArgument(`Unknown analyzer type [${type}] for [${name}]`);
    }
    const filters = flat.get(`index.analysis.analyzer.${name}.filter`);
    for (const f of Array.isArray(filters) ? filters : filters ? [filters] : []) {
      if (!BUILTIN_FILTERS.has(f) && !flat.has(`index.analysis.filter.${f}.type`)) {
        throw illegalArgument(`Custom Analyzer [${name}] failed to find filter under name [${f}]`);
      }
    }
  }
}

const BUILTIN_FILTERS = new Set(['lowercase', 'uppercase', 'asciifolding', 'stop', 'trim', 'unique', 'porter_stem', 'stemmer', 'kstem', 'snowball']);
