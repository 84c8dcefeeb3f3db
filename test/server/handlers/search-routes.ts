// _search and _count (through a point in time too: see pit-routes for opening and closing one), and the
// scroll API's first page (the next pages: scroll-routes).
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { paramBool, paramList } from '../http/es-request';
import type { IndexState } from '../engine/index-state';
import { executeSearch, type SearchTarget, type Hit } from '../engine/search';
import { invalidPitId, isWellFormedPitId, parseKeepAlive } from '../engine/pit';
import { AllShardsFailed, NODE_ID } from '../engine/shard-failures';
import { renderSource } from '../engine/source-filter';
import { fieldMapping, NUMERIC_TYPES } from '../engine/mapping';
import { valuesAt, toEpochMillis } from '../engine/field-values';
import { shownSortValue } from '../engine/sort';
import { parsedSource } from '../engine/documents';
import { RawJson } from '../http/json-text';
import { jsonBody } from './common';
import { parseSearch, type ParsedSearch } from './search-request';
import { Scrolls } from './scroll-routes';
import { EsError, illegalArgument } from '../errors';

const SCORE = new RawJson('1.0');

function shardFailure(e: EsError, index: IndexState): EsError {
  const failed = [{ shard: 0, index: index.name, node: NODE_ID, reason: e.toErrorObject(false) }];
  return new EsError(e.status, 'search_phase_execution_exception', 'all shards failed', { phase: 'query', grouped: true, failed_shards: failed }, e);
}

function checkLimits(p: ParsedSearch, index: IndexState): void {
  const maxWindow = index.intSetting('index.max_result_window', 10000);
  const size = p.spec.size;
  if (p.scroll && size > maxWindow) {
    throw illegalArgument(`Batch size is too large, size must be less than or equal to: [${maxWindow}] but was [${size}]. Scroll batch sizes cost as much memory as result windows so they are controlled by the [index.max_result_window] index level setting.`);
  }
  if (!p.scroll && p.spec.from + size > maxWindow) {
    throw illegalArgument(`Result window is too large, from + size must be less than or equal to: [${maxWindow}] but was [${p.spec.from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
  }
  const maxRescore = index.intSetting('index.max_rescore_window', maxWindow);
  if (p.rescoreWindow !== undefined && p.rescoreWindow > maxRescore) {
    throw illegalArgument(`Rescore window [${p.rescoreWindow}] is too large. It must be less than [${maxRescore}]. This prevents allocating massive heaps for storing the results to be rescored. This limit can be set by changing the [index.max_rescore_window] index level setting.`);
  }
  const maxDv = index.intSetting('index.max_docvalue_fields_search', 100);
  if (p.docvalueFields.length > maxDv) {
    throw illegalArgument(`Trying to retrieve too many docvalue_fields. Must be less than or equal to: [${maxDv}] but was [${p.docvalueFields.length}]. This limit can be set by changing the [index.max_docvalue_fields_search] index level setting.`);
  }
  const maxScript = index.intSetting('index.max_script_fields', 32);
  if (p.scriptFields > maxScript) {
    throw illegalArgument(`Trying to retrieve too many script_fields. Must be less than or equal to: [${maxScript}] but was [${p.scriptFields}]. This limit can be set by changing the [index.max_script_fields] index level setting.`);
  }
  if (p.scriptFields > 0) throw illegalArgument('scripts are not supported by this test server (script_fields)');
}

function formatDocValue(type: string | undefined, v: unknown, format: string | undefined): unknown {
  if (type && NUMERIC_TYPES.has(type)) {
    let n = Number(v);
    if (type === 'float' || type === 'half_float') n = Math.fround(n);
    const m = format ? /\.(0+)$/.exec(format) : null;
    return m ? n.toFixed(m[1]!.length) : n;
  }
  if (type === 'date') return new Date(toEpochMillis(v) ?? 0).toISOString();
  return v;
}

function docValueFields(index: IndexState, hit: Hit, fields: ParsedSearch['docvalueFields']): Record<string, unknown[]> | undefined {
  const out: Record<string, unknown[]> = {};
  for (const f of fields) {
    const name = typeof f === 'string' ? f : f.field;
    const format = typeof f === 'string' ? undefined : f.format;
    const fm = fieldMapping(index.mappings, name);
    if (!fm) continue;
    if (fm.type === 'text') throw illegalArgument(`Can't load fielddata on [${name}] because fielddata is unsupported on fields of type [text]. Use a field with doc values instead.`);
    const path = name.endsWith('.keyword') && !valuesAt(parsedSource(hit.rec), name).length ? name.slice(0, -'.keyword'.length) : name;
    const vals = valuesAt(parsedSource(hit.rec), path).map((v) => formatDocValue(fm.type, v, format));
    if (vals.length) out[name] = fm.type === 'keyword' ? vals.map(String).sort() : vals;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The open indices a search or a new point in time addresses; naming a closed index is an error. */
export function searchableIndices(ctx: ServerContext, req: EsRequest): IndexState[] {
  const names = req.pathParams.index === undefined ? [] : req.pathParams.index.split(',');
  const indices = ctx.cluster.resolve(names, {
    ignoreUnavailable: paramBool(req, 'ignore_unavailable', false),
    allowNoIndices: paramBool(req, 'allow_no_indices', true),
    expandWildcards: paramList(req, 'expand_wildcards'),
  });
  const closed = indices.find((ix) => ix.closed);
  if (closed && names.includes(closed.name)) throw new EsError(400, 'index_closed_exception', 'closed', { index_uuid: closed.uuid, index: closed.name });
  return indices.filter((ix) => !ix.closed);
}

export function registerSearchRoutes(router: Router, ctx: ServerContext): void {
  const targetsFor = (req: EsRequest): IndexState[] => searchableIndices(ctx, req);
  const scrolls = new Scrolls();

  const search = (req: EsRequest): EsResponse => {
    const started = Date.now();
    const body = jsonBody(req, false) ?? {};
    const p = parseSearch(req, body, false, ctx.cluster.dialect);
    if (body.aggs !== undefined || body.aggregations !== undefined) throw illegalArgument('aggregations are not supported by this test server');
    let targets: SearchTarget[];
    let pitId: string | undefined;
    if (p.pit) {
      if (ctx.dialect.opensearch && !isWellFormedPitId(p.pit.id)) throw invalidPitId(p.pit.id);
      const pit = ctx.pits.use(p.pit.id, p.pit.keepAlive !== undefined ? parseKeepAlive(p.pit.keepAlive) : undefined, (ix) => ctx.cluster.indices.get(ix.name) === ix);
      targets = pit.targets.map((t) => ({ index: t.index, snaps: t.snaps }));
      pitId = pit.id;
    } else {
      targets = targetsFor(req).map((index) => ({ index, snaps: index.shards.map((s) => s.snapshot()) }));
    }
    const first = targets[0]?.index;
    if (first) {
      try {
        checkLimits(p, first);
      } catch (e) {
        throw e instanceof EsError ? shardFailure(e, first) : e;
      }
    } else if (p.spec.from + p.spec.size > 10000 && !p.scroll) {
      throw illegalArgument(`Result window is too large, from + size must be less than or equal to: [10000] but was [${p.spec.from + p.spec.size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
    }
    let outcome;
    try {
      outcome = executeSearch(targets, p.spec);
    } catch (e) {
      throw e instanceof EsError && first && e.type !== 'parsing_exception' && !(e instanceof AllShardsFailed) ? shardFailure(e, first) : e;
    }
    if (p.scroll) {
      // A scroll keeps the snapshot's hits, in order, and answers them page by page.
      const all = executeSearch(targets, { ...p.spec, from: 0, size: Number.MAX_SAFE_INTEGER, trackTotalHits: true });
      const page = scrolls.open(p, all.hits.slice(p.spec.from), p.spec.trackTotalHits === false ? undefined : all.total, all.shards, req.query.get('scroll')!);
      return answer(p, page.hits, page.total, page.shards, started, { scrollId: page.scrollId });
    }
    return answer(p, outcome.hits, outcome.total, outcome.shards, started, { pitId });
  };

  /** A search's answer: its hits rendered as the request asked. */
  const answer = (p: ParsedSearch, found: readonly Hit[], outcomeTotal: { value: number; relation: 'eq' | 'gte' } | undefined, shards: number, started: number, ids: { pitId?: string; scrollId?: string; nextScrollPage?: boolean }): EsResponse => {
    const scored = p.spec.sort.length === 0 || p.spec.sort.some((s) => s.field === '_score');
    const hits = found.map((h) => ({
      _index: h.index.name,
      ...(ctx.cluster.dialect.typeInResponses ? { _type: '_doc' } : {}),
      _id: h.rec.id,
      _version: p.version ? h.rec.version : undefined,
      _seq_no: p.seqNoPrimaryTerm ? h.rec.seqNo : undefined,
      _primary_term: p.seqNoPrimaryTerm ? h.rec.primaryTerm : undefined,
      _score: scored ? SCORE : null,
      _routing: h.rec.routing,
      _source: h.index.sourceEnabled ? renderSource(h.rec.source!, p.source) : undefined,
      fields: p.docvalueFields.length ? docValueFields(h.index, h, p.docvalueFields) : undefined,
      sort: p.spec.sort.length ? h.sort.map((value, i) => shownSortValue(h.index, p.spec.sort[i]!, value)) : undefined,
    }));
    let total: unknown = outcomeTotal;
    if (p.restTotalHitsAsInt) total = outcomeTotal ? outcomeTotal.value : -1;
    return {
      status: 200,
      warnings: p.warnings,
      body: {
        _scroll_id: ids.scrollId,
        pit_id: ids.pitId,
        took: Date.now() - started,
        timed_out: false,
        // Elasticsearch 7 (and OpenSearch 1, its fork) reads a scroll's later pages with early termination, and says so.
        ...(ids.nextScrollPage && ctx.dialect.es7Dialect && ctx.dialect.typeInResponses ? { terminated_early: true } : {}),
        _shards: { total: shards, successful: shards, skipped: 0, failed: 0 },
        hits: { total, max_score: scored && hits.length ? SCORE : null, hits },
      },
    };
  };
  scrolls.register(router, (page, started) => answer(page.p, page.hits, page.total, page.shards, started, { scrollId: page.scrollId, nextScrollPage: true }));
  router.add('search', ['GET', 'POST'], '/_search', 'optional', search);
  router.add('search', ['GET', 'POST'], '/{index}/_search', 'optional', search);

  const count = (req: EsRequest): EsResponse => {
    const body = jsonBody(req, false) ?? {};
    const p = parseSearch(req, body, true, ctx.cluster.dialect);
    const targets = targetsFor(req).map((index) => ({ index, snaps: index.shards.map((s) => s.snapshot()) }));
    const outcome = executeSearch(targets, { ...p.spec, from: 0, size: 0, sort: [], searchAfter: undefined, trackTotalHits: true });
    return { status: 200, body: { count: outcome.total!.value, _shards: { total: outcome.shards, successful: outcome.shards, skipped: 0, failed: 0 } } };
  };
  router.add('count', ['GET', 'POST'], '/_count', 'optional', count);
  router.add('count', ['GET', 'POST'], '/{index}/_count', 'optional', count);
}
