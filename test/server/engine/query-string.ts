// query_string compiled to a predicate: the classic syntax tree (query-string-parser.ts) with each leaf
// turned into the query Elasticsearch builds for it (match, phrase, range, wildcard, regexp, exists).
// A syntax error fails the shard with a query_shard_exception, as on Elasticsearch.
import type { DocRecord } from './shard';
import type { IndexState } from './index-state';
import { analyze, leafValues } from './field-values';
import { parsedSource } from './documents';
import { parseQueryString, QueryStringSyntaxError, type QsNode } from './query-string-parser';
import { EsError } from '../errors';

type Predicate = (rec: DocRecord) => boolean;

/** What the leaves need from the query compiler of the index searched. */
export interface LeafQueries {
  readonly index: IndexState;
  typeOf(field: string): string | undefined;
  values(rec: DocRecord, field: string): unknown[];
  matchQuery(field: string, query: unknown, operator: string): Predicate;
  rangeQuery(field: string, spec: unknown): Predicate;
  regexpQuery(field: string, pattern: string): Predicate;
}

export interface QueryStringOptions {
  readonly query: string;
  readonly defaultField: string | undefined;
  readonly andByDefault: boolean;
}

function queryShardError(index: IndexState, query: string, syntax: QueryStringSyntaxError): EsError {
  const inner = new EsError(400, 'parse_exception', syntax.message);
  const parse = new EsError(400, 'parse_exception', `Cannot parse '${query}': ${syntax.message}`, {}, inner);
  return new EsError(400, 'query_shard_exception', `Failed to parse query [${query}]`, { index_uuid: index.uuid, index: index.name }, parse);
}

export function compileQueryString(q: LeafQueries, opts: QueryStringOptions): Predicate {
  let tree: QsNode;
  try {
    tree = parseQueryString(opts.query, opts.andByDefault);
  } catch (e) {
    if (e instanceof QueryStringSyntaxError) throw queryShardError(q.index, opts.query, e);
    throw e;
  }
  return compileNode(q, tree, opts);
}

function compileNode(q: LeafQueries, node: QsNode, opts: QueryStringOptions): Predicate {
  if (node.kind === 'bool') {
    // Elasticsearch adds a match_all to a group of prohibited clauses only (fixNegativeQueryIfNeeded).
    const compiled = node.clauses.map((c) => ({ occur: c.occur, pred: compileNode(q, c.node, opts) }));
    const must = compiled.filter((c) => c.occur === 'must').map((c) => c.pred);
    const should = compiled.filter((c) => c.occur === 'should').map((c) => c.pred);
    const not = compiled.filter((c) => c.occur === 'must_not').map((c) => c.pred);
    return (r) => must.every((p) => p(r)) && !not.some((p) => p(r)) && (must.length > 0 || should.length === 0 || should.some((p) => p(r)));
  }
  const field = node.field ?? opts.defaultField ?? '*';
  if (node.kind === 'regexp') return q.regexpQuery(field, node.pattern);
  if (node.kind === 'range') {
    return q.rangeQuery(field, { [node.includeLower ? 'gte' : 'gt']: node.lower, [node.includeUpper ? 'lte' : 'lt']: node.upper });
  }
  return termLeaf(q, field, node.text, node.quoted, opts);
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

function termLeaf(q: LeafQueries, field: string, raw: string, quoted: boolean, opts: QueryStringOptions): Predicate {
  if (quoted) return phraseQuery(q, field, raw);
  if (field === '_exists_') return existsQuery(q, unescape(raw));
  if (raw === '*') return existsQuery(q, field);
  // Elasticsearch's shorthand for one-sided ranges: year:>1995, year:<=2000.
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(raw);
  if (cmp) {
    const key = { '>=': 'gte', '<=': 'lte', '>': 'gt', '<': 'lt' }[cmp[1] as '>=' | '<=' | '>' | '<'];
    return q.rangeQuery(field, { [key]: unescape(cmp[2]!) });
  }
  if (/(^|[^\\])[*?]/.test(raw)) return wildcardQuery(q, field, raw);
  return q.matchQuery(field, unescape(raw), opts.andByDefault ? 'and' : 'or');
}

function fieldValues(q: LeafQueries, r: DocRecord, field: string): unknown[] {
  return field === '*' ? leafValues(parsedSource(r)) : q.values(r, field);
}

function existsQuery(q: LeafQueries, field: string): Predicate {
  if (field === '*') return () => true;
  return (r) => q.values(r, field).length > 0;
}

function phraseQuery(q: LeafQueries, field: string, text: string): Predicate {
  const type = field === '*' ? 'text' : q.typeOf(field);
  if (type !== undefined && type !== 'text' && type !== 'match_only_text') return q.matchQuery(field, text, 'and');
  const wanted = analyze(text);
  if (wanted.length === 0) return () => false;
  const contains = (tokens: string[]): boolean => {
    for (let i = 0; i + wanted.length <= tokens.length; i++) if (wanted.every((w, k) => tokens[i + k] === w)) return true;
    return false;
  };
  return (r) => fieldValues(q, r, field).some((v) => contains(analyze(String(v))));
}

function wildcardQuery(q: LeafQueries, field: string, raw: string): Predicate {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) source += raw[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  const type = field === '*' ? 'text' : q.typeOf(field);
  const analyzed = type === undefined || type === 'text' || type === 'match_only_text';
  // Text fields match the wildcard against their (lower-cased) terms; other fields against the whole value.
  const re = new RegExp('^' + (analyzed ? source.toLowerCase() : source) + '$');
  return (r) => fieldValues(q, r, field).some((v) => (analyzed ? analyze(String(v)).some((t) => re.test(t)) || re.test(String(v).toLowerCase()) : re.test(String(v))));
}
