// Turns a _search request (URL parameters and body) into a search specification, with the
// validation errors Elasticsearch gives for windows, sizes and total-hit tracking.
import type { EsRequest } from '../http/es-request';
import { paramBool, paramInt } from '../http/es-request';
import { parseSort, coerceAfter } from '../engine/sort';
import { parseSourceSpec, type SourceSpec } from '../engine/source-filter';
import { parseSlice } from '../engine/slice';
import type { SearchSpec } from '../engine/search';
import { EsError, illegalArgument, validationFailed } from '../errors';
import { dialectOf, type Dialect } from '../distribution';
import { isJObject, JNumber, parseJNode } from '../http/jnode';

const DEFAULT_DIALECT = dialectOf('elasticsearch', '8.19.0');

const BODY_KEYS = new Set(
  ('query from size sort _source track_total_hits search_after pit seq_no_primary_term version stored_fields docvalue_fields fields ' +
    'script_fields rescore aggs aggregations highlight timeout terminate_after track_scores min_score post_filter explain collapse ' +
    'suggest runtime_mappings knn indices_boost profile stats ext slice retriever rank').split(' '),
);

export interface ParsedSearch {
  spec: SearchSpec;
  source: SourceSpec;
  seqNoPrimaryTerm: boolean;
  version: boolean;
  restTotalHitsAsInt: boolean;
  docvalueFields: (string | { field: string; format?: string })[];
  storedFields?: string[];
  scriptFields: number;
  rescoreWindow?: number;
  pit?: { id: string; keepAlive?: string };
  scroll: boolean;
  warnings: string[];
}

/**
 * The body's search_after with its integers as written: one beyond 2^53 (a date_nanos sort value,
 * a long) is read from the body's text as a bigint, since JSON.parse would round it.
 */
function exactSearchAfter(req: EsRequest, parsed: unknown[] | undefined): unknown[] | undefined {
  if (!Array.isArray(parsed) || !parsed.some((v) => typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v))) return parsed;
  const tree = parseJNode(req.body.toString('utf8'));
  const exact = isJObject(tree) ? tree.get('search_after') : undefined;
  if (!Array.isArray(exact)) return parsed;
  return exact.map((v, i) => (v instanceof JNumber && /^-?\d+$/.test(v.raw) && !Number.isSafeInteger(Number(v.raw)) ? BigInt(v.raw) : parsed[i]));
}

function parsing(reason: string): EsError {
  return new EsError(400, 'parsing_exception', reason, { line: 1, col: 1 });
}

/** `dialect`: what the server answers as (7.x takes size=-1 with a deprecation warning, OpenSearch has its own PIT rules). */
export function parseSearch(req: EsRequest, body: Record<string, unknown>, forCount: boolean, dialect: Dialect = DEFAULT_DIALECT): ParsedSearch {
  const warnings: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (forCount ? k !== 'query' && k !== 'min_score' && k !== 'terminate_after' : !BODY_KEYS.has(k)) {
      if (forCount) throw parsing(`request does not support [${k}]`);
      const kind = v !== null && typeof v === 'object' ? (Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT') : 'VALUE_STRING';
      throw parsing(`Unknown key for a ${kind} in [${k}].`);
    }
  }
  const terminateAfter = paramInt(req, 'terminate_after') ?? (body.terminate_after as number | undefined);
  if (terminateAfter !== undefined && terminateAfter < 0) throw illegalArgument('terminateAfter must be > 0');
  let size = paramInt(req, 'size') ?? (body.size as number | undefined) ?? 10;
  if (size === -1 && dialect.sizeMinusOneDeprecated) {
    warnings.push("Using search size of -1 is deprecated and will be removed in future versions. Instead, don't use the `size` parameter if you don't want to set it explicitly.");
    size = 10;
  }
  if (size < 0) throw illegalArgument(`[size] parameter cannot be negative, found [${size}]`);
  const from = paramInt(req, 'from') ?? (body.from as number | undefined) ?? 0;
  if (from < 0) throw illegalArgument(`[from] parameter cannot be negative, found [${from}]`);
  let track: boolean | number = 10000;
  const tthParam = req.query.get('track_total_hits');
  const tth = tthParam !== undefined ? (tthParam === 'true' || tthParam === 'false' ? tthParam === 'true' : Number(tthParam)) : body.track_total_hits;
  if (typeof tth === 'boolean') track = tth;
  else if (typeof tth === 'number') {
    if (tth < -1) throw illegalArgument(`[track_total_hits] parameter must be positive or equals to -1, got ${tth}`);
    track = tth === -1 ? true : tth;
  }
  const restTotalHitsAsInt = paramBool(req, 'rest_total_hits_as_int', false);
  if (restTotalHitsAsInt && typeof track === 'number') {
    if (tth !== undefined) throw illegalArgument(`[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got ${track}`);
    track = true;
  }
  const q = req.query.get('q');
  const query = q !== undefined ? { query_string: { query: q, default_field: req.query.get('df'), default_operator: req.query.get('default_operator') } } : body.query;
  const sortParam = req.query.get('sort');
  const sort = parseSort(sortParam !== undefined ? sortParam : body.sort);
  const pit = body.pit as { id?: unknown; keep_alive?: unknown } | undefined;
  if (pit !== undefined && (typeof pit !== 'object' || typeof pit.id !== 'string')) throw parsing('[pit] failed to parse field [id]');
  if (pit && dialect.opensearch) {
    // OpenSearch adds no tiebreaker and knows no _shard_doc (a sort on it fails as on an unmapped field).
    if (req.pathParams.index !== undefined) throw validationFailed(['[indices] cannot be used with point in time']);
    if (req.query.has('scroll')) throw validationFailed(['using [point in time] is not allowed in a scroll context']);
  } else if (pit) {
    if (req.pathParams.index !== undefined) {
      throw validationFailed(['[indices] cannot be used with point in time. Do not specify any index with point in time.']);
    }
    if (sort.length === 0) sort.push({ field: '_score', desc: true, missingFirst: false });
    if (!sort.some((s) => s.field === '_shard_doc')) sort.push({ field: '_shard_doc', desc: false, missingFirst: false });
  } else if (!dialect.opensearch && sort.some((s) => s.field === '_shard_doc')) {
    throw validationFailed(['[_shard_doc] sort field cannot be used without [point in time]']);
  }
  const slice = forCount ? undefined : parseSlice(body.slice, req.body.toString('utf8'), pit !== undefined || req.query.has('scroll'), dialect);
  const after = exactSearchAfter(req, body.search_after as unknown[] | undefined);
  if (after !== undefined && from > 0) throw illegalArgument('[from] parameter must be set to 0 when [search_after] is used');
  if (after !== undefined && sort.length === 0) throw illegalArgument('Sort must contain at least one field.');
  const storedParam = req.query.get('stored_fields');
  const storedFields = storedParam !== undefined ? storedParam.split(',') : (body.stored_fields as string[] | string | undefined);
  const stored = storedFields === undefined ? undefined : Array.isArray(storedFields) ? storedFields : [storedFields];
  let source = parseSourceSpec(body._source, req.query.get('_source'), req.query.get('_source_includes'), req.query.get('_source_excludes'));
  if (stored && body._source === undefined && !stored.includes('_source')) source = { fetch: false, includes: [], excludes: [] };
  const dvParam = req.query.get('docvalue_fields');
  const docvalueFields = (dvParam !== undefined ? dvParam.split(',') : ((body.docvalue_fields as ParsedSearch['docvalueFields']) ?? [])) as ParsedSearch['docvalueFields'];
  const rescore = body.rescore as { window_size?: number }[] | { window_size?: number } | undefined;
  const rescoreWindow = rescore === undefined ? undefined : Math.max(...(Array.isArray(rescore) ? rescore : [rescore]).map((r) => r.window_size ?? 10));
  return {
    spec: { query, from, size, sort, searchAfter: after ? coerceAfter(after, sort) : undefined, trackTotalHits: track, slice },
    source,
    seqNoPrimaryTerm: paramBool(req, 'seq_no_primary_term', body.seq_no_primary_term === true),
    version: paramBool(req, 'version', body.version === true),
    restTotalHitsAsInt,
    docvalueFields,
    storedFields: stored,
    scriptFields: body.script_fields ? Object.keys(body.script_fields as object).length : 0,
    rescoreWindow,
    pit: pit ? { id: pit.id as string, keepAlive: pit.keep_alive as string | undefined } : undefined,
    scroll: req.query.has('scroll'),
    warnings,
  };
}
