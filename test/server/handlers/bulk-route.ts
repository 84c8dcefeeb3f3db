// _bulk: NDJSON action/source pairs executed one by one with per-item status and errors; the request
// fails as a whole only for malformed framing, as in Elasticsearch.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { bodyText, paramBool } from '../http/es-request';
import { applyRefresh, refreshPolicy, shardsHeader, versionType, writeResult } from './common';
import { parseUpdate, performDelete, performIndex, performUpdate } from './doc-ops';
import { parseSourceSpec, renderSource } from '../engine/source-filter';
import { leafFields, VECTOR_TYPES } from '../engine/mapping';
import type { IndexState } from '../engine/index-state';
import { EsError, illegalArgument } from '../errors';

const META_KEYS = new Set(['_index', '_id', 'routing', 'op_type', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'require_alias', 'retry_on_conflict', '_source', 'pipeline', 'dynamic_templates', 'require_data_stream', 'list_executed_pipelines']);

function itemError(e: unknown): { status: number; error: Record<string, unknown> } {
  if (e instanceof EsError) return { status: e.status, error: e.toErrorObject(false) };
  throw e;
}

export function registerBulkRoute(router: Router, ctx: ServerContext): void {
  const handler = (req: EsRequest): EsResponse => {
    const started = Date.now();
    const text = bodyText(req);
    if (text.length > 0 && !text.endsWith('\n')) throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
    const lines = text.split('\n');
    const policy = refreshPolicy(req.query.get('refresh'));
    const defaults = {
      index: req.pathParams.index,
      routing: req.query.get('routing'),
      requireAlias: paramBool(req, 'require_alias', false),
      source: req.query.get('_source'),
      includes: req.query.get('_source_includes'),
      excludes: req.query.get('_source_excludes'),
      includeVectors: req.query.has('_source_include_vectors') ? paramBool(req, '_source_include_vectors', true) : undefined,
    };
    const items: Record<string, unknown>[] = [];
    const touched = new Map<IndexState, Set<number>>();
    const touch = (ix: IndexState, shard: number): void => {
      if (!touched.has(ix)) touched.set(ix, new Set());
      touched.get(ix)!.add(shard);
    };
    let errors = false;
    let i = 0;
    while (i < lines.length) {
      const lineNo = i + 1;
      const line = lines[i++]!;
      if (line.trim() === '') continue;
      let action: Record<string, unknown>;
      try {
        action = JSON.parse(line) as Record<string, unknown>;
      } catch (e) {
        throw new EsError(400, 'x_content_parse_exception', `[${lineNo}:1] ${(e as Error).message}`);
      }
      const keys = Object.keys(action ?? {});
      if (keys.length === 0) throw illegalArgument(`Malformed action/metadata line [${lineNo}], expected FIELD_NAME but found [END_OBJECT]`);
      const op = keys[0]!;
      if (!['index', 'create', 'update', 'delete'].includes(op)) throw illegalArgument(`Malformed action/metadata line [${lineNo}], expected field [create], [delete], [index] or [update] but found [${op}]`);
      const meta = (action[op] ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(meta)) if (!META_KEYS.has(k)) throw illegalArgument(`Action/metadata line [${lineNo}] contains an unknown parameter [${k}]`);
      let source = '';
      if (op !== 'delete') {
        if (i >= lines.length) throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
        source = lines[i++]!;
      }
      const indexName = (meta._index as string | undefined) ?? defaults.index;
      if (indexName === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index is missing;');
      const id = meta._id === undefined || meta._id === null ? undefined : String(meta._id);
      const routing = meta.routing !== undefined ? String(meta.routing) : defaults.routing;
      const ctl = {
        version: meta.version as number | undefined,
        versionType: versionType(meta.version_type as string | undefined),
        ifSeqNo: meta.if_seq_no as number | undefined,
        ifPrimaryTerm: meta.if_primary_term as number | undefined,
      };
      const requireAlias = meta.require_alias !== undefined ? meta.require_alias === true : defaults.requireAlias;
      const opName = op === 'index' && meta.op_type === 'create' ? 'create' : op;
      const base = { _index: indexName, ...(ctx.cluster.dialect.typeInResponses ? { _type: '_doc' } : {}), _id: id ?? null };
      try {
        if (id === '') throw illegalArgument('if _id is specified it must not be empty');
        if (op === 'index' || op === 'create') {
          const { index, outcome } = performIndex(ctx, { index: indexName, id, source, routing, opType: opName === 'create' ? 'create' : 'index', ctl, requireAlias });
          touch(index, outcome.shard);
          items.push({ [opName]: { ...writeResult(index, outcome.record, outcome.result, false, ctx.cluster.dialect.typeInResponses), status: outcome.result === 'created' ? 201 : 200 } });
        } else if (op === 'delete') {
          if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
          const { index, outcome } = performDelete(ctx, indexName, id, routing, ctl);
          touch(index, outcome.shard);
          items.push({ delete: { ...writeResult(index, outcome.record, outcome.result, false, ctx.cluster.dialect.typeInResponses), status: outcome.result === 'deleted' ? 200 : 404 } });
        } else {
          if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
          const body = parseUpdate(source);
          const { index, outcome } = performUpdate(ctx, { index: indexName, id, routing, body: source, ifSeqNo: ctl.ifSeqNo, ifPrimaryTerm: ctl.ifPrimaryTerm, retryOnConflict: Number(meta.retry_on_conflict ?? 0), requireAlias }, body);
          touch(index, outcome.shard);
          const rec = outcome.record;
          const item: Record<string, unknown> = { ...writeResult(index, rec, outcome.result, false, ctx.cluster.dialect.typeInResponses), status: outcome.result === 'created' ? 201 : 200 };
          item._shards = outcome.result === 'noop' ? { total: 0, successful: 0, failed: 0 } : shardsHeader(index);
          const srcSetting = meta._source ?? body.source;
          const wanted = srcSetting !== undefined || defaults.source !== undefined || defaults.includes !== undefined || defaults.excludes !== undefined || defaults.includeVectors !== undefined;
          if (wanted) {
            const spec = { ...(srcSetting !== undefined ? parseSourceSpec(srcSetting) : parseSourceSpec(undefined, defaults.source, defaults.includes, defaults.excludes)) };
            if (defaults.includeVectors === false) spec.excludes = [...spec.excludes, ...leafFields(index.mappings, (f) => VECTOR_TYPES.has(String(f.type)))];
            if (spec.fetch) item.get = { _seq_no: rec.seqNo, _primary_term: rec.primaryTerm, found: true, _source: renderSource(outcome.source, spec) };
          }
          items.push({ update: item });
        }
      } catch (e) {
        const { status, error } = itemError(e);
        errors = true;
        items.push({ [opName]: { ...base, status, error } });
      }
    }
    let forced = false;
    for (const [ix, shards] of touched) for (const s of shards) forced = applyRefresh(ix, s, policy) || forced;
    if (forced) {
      for (const it of items) {
        const v = Object.values(it)[0] as Record<string, unknown>;
        if (!v.error) v.forced_refresh = true;
      }
    }
    return { status: 200, body: { errors, took: Date.now() - started, items } };
  };
  router.add('bulk', ['POST', 'PUT'], '/_bulk', 'required', handler);
  router.add('bulk', ['POST', 'PUT'], '/{index}/_bulk', 'required', handler);
}
