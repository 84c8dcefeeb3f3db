// Query DSL subset compiled to a predicate per index: match_all/none, ids, term(s), match, match_phrase,
// multi_match, range, exists, prefix, wildcard, regexp, query_string/simple_query_string, bool, constant_score.
import type { IndexState } from './index-state';
import type { DocRecord } from './shard';
import { fieldMapping, NUMERIC_TYPES } from './mapping';
import { analyze, leafValues, valuesAt } from './field-values';
import { EsError, illegalArgument } from '../errors';
import { parsedSource } from './documents';
import { compileQueryString, type LeafQueries } from './query-string';
import { dateMathMillis } from './date-math';
import { dateMillis } from './dates';

export type Predicate = (rec: DocRecord) => boolean;

const always: Predicate = () => true;
const never: Predicate = () => false;

function parsing(reason: string): EsError {
  return new EsError(400, 'parsing_exception', reason, { line: 1, col: 1 });
}

function single(q: unknown, name: string): [string, unknown] {
  if (!q || typeof q !== 'object' || Array.isArray(q)) throw parsing(`[${name}] query malformed, no start_object after query name`);
  const entries = Object.entries(q as Record<string, unknown>).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) throw parsing(`[${name}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  return entries[0]!;
}

export class QueryCompiler implements LeafQueries {
  constructor(readonly index: IndexState) {}

  typeOf(field: string): string | undefined {
    if (field === '_id' || field === '_routing' || field === '_index') return 'keyword';
    return fieldMapping(this.index.mappings, field)?.type;
  }

  values(rec: DocRecord, field: string): unknown[] {
    if (field === '_id') return [rec.id];
    if (field === '_routing') return rec.routing === undefined ? [] : [rec.routing];
    if (field === '_index') return [this.index.name];
    const kw = /^(.*)\.keyword$/.exec(field);
    const src = parsedSource(rec);
    const direct = valuesAt(src, field);
    if (direct.length === 0 && kw && fieldMapping(this.index.mappings, field)) return valuesAt(src, kw[1]!);
    return direct;
  }

  /** Equality of one stored value with a query value, by the field's type. */
  private equals(type: string | undefined, stored: unknown, wanted: unknown, analyzed: boolean): boolean {
    if (type && NUMERIC_TYPES.has(type)) return Number(stored) === Number(wanted);
    if (type === 'boolean') return String(stored) === String(wanted);
    if (type === 'text' || type === 'match_only_text') {
      const tokens = analyze(String(stored));
      return analyzed ? analyze(String(wanted)).some((t) => tokens.includes(t)) : tokens.includes(String(wanted));
    }
    return String(stored) === String(wanted);
  }

  private termQuery(field: string, wanted: unknown, analyzed: boolean): Predicate {
    const type = this.typeOf(field);
    if (field === '_id') return (r) => r.id === String(wanted);
    // A date term is the range of what its text names (`2014-01-01`: the whole day), as the engine builds it.
    if (type === 'date') return this.rangeQuery(field, { gte: wanted, lte: wanted });
    return (r) => this.values(r, field).some((v) => this.equals(type, v, wanted, analyzed));
  }

  compile(q: unknown): Predicate {
    if (q === undefined || q === null) return always;
    if (typeof q !== 'object' || Array.isArray(q)) throw parsing('query malformed, must start with start_object');
    const entries = Object.entries(q as Record<string, unknown>);
    if (entries.length !== 1) throw parsing(entries.length ? `[${entries[1]![0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]` : 'query malformed, empty clause found');
    const [name, body] = entries[0]!;
    return this.compileNamed(name, body);
  }

  private compileNamed(name: string, body: unknown): Predicate {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (name) {
      case 'match_all':
        return always;
      case 'match_none':
        return never;
      case 'ids': {
        const ids = new Set(((b.values as unknown[]) ?? []).map(String));
        return (r) => ids.has(r.id);
      }
      case 'term': {
        const [field, spec] = single(body, name);
        const value = spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>).value : spec;
        return this.termQuery(field, value, false);
      }
      case 'terms': {
        const [field, list] = single(body, name);
        if (!Array.isArray(list)) throw parsing(`[terms] query does not support [${field}]`);
        const preds = list.map((v) => this.termQuery(field, v, false));
        return (r) => preds.some((p) => p(r));
      }
      case 'match':
      case 'match_phrase':
      case 'match_bool_prefix':
      case 'match_phrase_prefix': {
        const [field, spec] = single(body, name);
        const s = spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : { query: spec };
        return this.matchQuery(field, s.query, name === 'match' ? String(s.operator ?? 'or').toLowerCase() : 'and');
      }
      case 'multi_match': {
        const fields = ((b.fields as string[]) ?? ['*']).map((f) => f.replace(/\^.*$/, ''));
        const preds = fields.map((f) => this.matchQuery(f, b.query, String(b.operator ?? 'or').toLowerCase()));
        return (r) => preds.some((p) => p(r));
      }
      case 'exists': {
        const field = String(b.field);
        return (r) => this.values(r, field).length > 0;
      }
      case 'range':
        return this.rangeQuery(...single(body, name));
      case 'prefix': {
        const [field, spec] = single(body, name);
        const p = String(spec && typeof spec === 'object' ? (spec as Record<string, unknown>).value : spec);
        return (r) => this.values(r, field).some((v) => String(v).startsWith(p));
      }
      case 'wildcard': {
        const [field, spec] = single(body, name);
        const p = String(spec && typeof spec === 'object' ? ((spec as Record<string, unknown>).value ?? (spec as Record<string, unknown>).wildcard) : spec);
        const re = new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
        return (r) => this.values(r, field).some((v) => re.test(String(v)));
      }
      case 'regexp': {
        const [field, spec] = single(body, name);
        const p = String(spec && typeof spec === 'object' ? (spec as Record<string, unknown>).value : spec);
        return this.regexpQuery(field, p);
      }
      case 'query_string':
      case 'simple_query_string': {
        const opts = {
          query: String(b.query ?? ''),
          defaultField: (b.default_field as string) ?? (b.fields as string[] | undefined)?.[0]?.replace(/\^.*$/, ''),
          andByDefault: String(b.default_operator ?? 'or').toLowerCase() === 'and',
        };
        if (name === 'query_string') return compileQueryString(this, opts);
        // simple_query_string never fails on its syntax: what the classic syntax cannot read is matched as text.
        try {
          return compileQueryString(this, opts);
        } catch (e) {
          if (!(e instanceof EsError) || e.type !== 'query_shard_exception') throw e;
          return this.matchQuery(opts.defaultField ?? '*', opts.query, opts.andByDefault ? 'and' : 'or');
        }
      }
      case 'constant_score':
        return this.compile(b.filter);
      case 'bool':
        return this.boolQuery(b);
      default:
        throw new EsError(400, 'parsing_exception', `unknown query [${name}]`, { line: 1, col: 1 });
    }
  }

  matchQuery(field: string, query: unknown, operator: string): Predicate {
    const type = this.typeOf(field);
    if (field === '*' || field === '_all') {
      const tokens = analyze(String(query));
      return (r) => {
        const all = leafValues(parsedSource(r)).flatMap((v) => analyze(String(v)));
        return operator === 'and' ? tokens.every((t) => all.includes(t)) : tokens.some((t) => all.includes(t));
      };
    }
    if (type === 'text' || type === 'match_only_text' || type === undefined) {
      const tokens = analyze(String(query));
      return (r) => {
        const stored = this.values(r, field).flatMap((v) => analyze(String(v)));
        return operator === 'and' ? tokens.every((t) => stored.includes(t)) : tokens.some((t) => stored.includes(t));
      };
    }
    return this.termQuery(field, query, true);
  }

  rangeQuery(field: string, spec: unknown): Predicate {
    const s = (spec ?? {}) as Record<string, unknown>;
    const type = this.typeOf(field);
    const numeric = (type && NUMERIC_TYPES.has(type)) || type === 'date';
    const mapped = fieldMapping(this.index.mappings, field)?.format;
    const fieldFormat = typeof mapped === 'string' ? mapped : undefined;
    const now = Date.now();
    // A date bound is date math in the query's format and time zone; `gt` and `lte` round up.
    const bound = (v: unknown, roundUp: boolean): number | string | undefined => {
      if (v === undefined || v === null) return undefined;
      if (type !== 'date') return numeric ? Number(v) : String(v);
      return dateMathMillis(v, { format: typeof s.format === 'string' ? s.format : fieldFormat, ...(typeof s.time_zone === 'string' ? { timeZone: s.time_zone } : {}), roundUp, now });
    };
    const conv = (v: unknown): number | string | undefined => (v === undefined || v === null ? undefined : type === 'date' ? dateMillis(v, fieldFormat) : numeric ? Number(v) : String(v));
    const gt = bound(s.gt ?? (s.from !== undefined && s.include_lower === false ? s.from : undefined), true);
    const gte = bound(s.gte ?? (s.include_lower !== false ? s.from : undefined), false);
    const lt = bound(s.lt ?? (s.to !== undefined && s.include_upper === false ? s.to : undefined), false);
    const lte = bound(s.lte ?? (s.include_upper !== false ? s.to : undefined), true);
    return (r) =>
      this.values(r, field).some((raw) => {
        const v = conv(raw);
        if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return false;
        return (gt === undefined || v > gt) && (gte === undefined || v >= gte) && (lt === undefined || v < lt) && (lte === undefined || v <= lte);
      });
  }

  regexpQuery(field: string, pattern: string): Predicate {
    const max = this.index.intSetting('index.max_regex_length', 1000);
    if (pattern.length > max) {
      throw illegalArgument(
        `The length of regex [${pattern.length}] used in the Regexp Query request has exceeded the allowed maximum of [${max}]. This maximum can be set by changing the [index.max_regex_length] index level setting.`,
      );
    }
    let re: RegExp;
    try {
      re = new RegExp('^(?:' + pattern + ')$');
    } catch {
      return never;
    }
    return (r) => (field === '*' ? leafValues(parsedSource(r)) : this.values(r, field)).some((v) => re.test(String(v)));
  }

  private boolQuery(b: Record<string, unknown>): Predicate {
    const list = (k: string): Predicate[] => {
      const v = b[k];
      if (v === undefined) return [];
      return (Array.isArray(v) ? v : [v]).map((x) => this.compile(x));
    };
    const must = [...list('must'), ...list('filter')];
    const should = list('should');
    const mustNot = list('must_not');
    const msm = b.minimum_should_match !== undefined ? Number(b.minimum_should_match) : must.length === 0 && should.length > 0 ? 1 : 0;
    return (r) => must.every((p) => p(r)) && !mustNot.some((p) => p(r)) && (msm === 0 || should.filter((p) => p(r)).length >= msm);
  }
}
