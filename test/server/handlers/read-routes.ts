// REST handlers of the single-document read APIs (get, exists, _source) and _mget. GET is realtime
// unless realtime=false; `refresh=true` refreshes the shard first.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { paramBool, paramList, paramLong } from '../http/es-request';
import type { IndexState } from '../engine/index-state';
import type { DocRecord } from '../engine/shard';
import { checkReadVersion, parsedSource } from '../engine/documents';
import { parseSourceSpec, renderSource, type SourceSpec } from '../engine/source-filter';
import { fieldMapping } from '../engine/mapping';
import { valuesAt } from '../engine/field-values';
import { routingMissing, versionType, jsonBody } from './common';
import { EsError, validationFailed } from '../errors';

export interface GetOptions {
  routing?: string;
  realtime: boolean;
  refresh: boolean;
  version?: number;
  versionType: ReturnType<typeof versionType>;
}

export function lookup(index: IndexState, id: string, o: GetOptions): { rec?: DocRecord; shard: number } {
  if (o.routing === undefined && index.routingRequired) throw routingMissing(index, id);
  const shardNum = index.shardNumFor(id, o.routing);
  const shard = index.shards[shardNum]!;
  if (o.refresh) shard.refresh();
  const rec = shard.get(id, o.realtime);
  if (rec) checkReadVersion(index, rec, o.version, shardNum);
  return { rec, shard: shardNum };
}

function getOptions(req: EsRequest): GetOptions {
  return {
    routing: req.query.get('routing'),
    realtime: paramBool(req, 'realtime', true),
    refresh: paramBool(req, 'refresh', false),
    version: paramLong(req, 'version'),
    versionType: versionType(req.query.get('version_type')),
  };
}

export function storedFields(index: IndexState, rec: DocRecord, fields: string[]): Record<string, unknown[]> | undefined {
  const out: Record<string, unknown[]> = {};
  for (const f of fields) {
    if (f.startsWith('_')) continue;
    const fm = fieldMapping(index.mappings, f);
    if (fm?.store !== true) continue;
    const vals = valuesAt(parsedSource(rec), f);
    if (vals.length) out[f] = vals;
  }
  return Object.keys(out).length ? out : undefined;
}

export function docBody(index: IndexState, rec: DocRecord, spec: SourceSpec, fields: string[] | undefined, withType: boolean): Record<string, unknown> {
  return {
    _index: index.name,
    ...(withType ? { _type: '_doc' } : {}),
    _id: rec.id,
    _version: rec.version,
    _seq_no: rec.seqNo,
    _primary_term: rec.primaryTerm,
    ...(rec.routing !== undefined ? { _routing: rec.routing } : {}),
    found: true,
    _source: index.sourceEnabled ? renderSource(rec.source!, spec) : undefined,
    fields: fields ? storedFields(index, rec, fields) : undefined,
  };
}

function sourceSpec(req: EsRequest, stored: string[] | undefined): SourceSpec {
  const anySourceParam = ['_source', '_source_includes', '_source_excludes'].some((p) => req.query.has(p));
  if (stored && !anySourceParam && !stored.includes('_source')) return { fetch: false, includes: [], excludes: [] };
  return parseSourceSpec(undefined, req.query.get('_source'), req.query.get('_source_includes'), req.query.get('_source_excludes'));
}

export function registerReadRoutes(router: Router, ctx: ServerContext): void {
  const withType = ctx.cluster.dialect.typeInResponses;
  const notFoundBody = (index: IndexState, id: string): Record<string, unknown> => ({ _index: index.name, ...(withType ? { _type: '_doc' } : {}), _id: id, found: false });

  router.add('get', ['GET'], '/{index}/_doc/{id}', 'none', (req) => {
    const index = ctx.cluster.resolveSingle(req.pathParams.index!);
    const id = req.pathParams.id!;
    const { rec } = lookup(index, id, getOptions(req));
    if (!rec) return { status: 404, body: notFoundBody(index, id) };
    const stored = paramList(req, 'stored_fields');
    return { status: 200, body: docBody(index, rec, sourceSpec(req, stored), stored, withType) };
  });

  const exists = (req: EsRequest): EsResponse => {
    let index: IndexState;
    try {
      index = ctx.cluster.resolveSingle(req.pathParams.index!);
    } catch (e) {
      if (e instanceof EsError && e.status === 404) return { status: 404 };
      throw e;
    }
    return { status: lookup(index, req.pathParams.id!, getOptions(req)).rec ? 200 : 404 };
  };
  router.add('exists', ['HEAD'], '/{index}/_doc/{id}', 'none', exists);

  const source = (head: boolean) => (req: EsRequest): EsResponse => {
    const index = ctx.cluster.resolveSingle(req.pathParams.index!);
    const id = req.pathParams.id!;
    const { rec } = lookup(index, id, getOptions(req));
    if (!rec) {
      if (head) return { status: 404 };
      throw new EsError(404, 'resource_not_found_exception', `Document not found [${index.name}]/[${id}]`);
    }
    if (!index.sourceEnabled) {
      if (head) return { status: 404 };
      throw new EsError(404, 'resource_not_found_exception', `Source not found [${index.name}]/[${id}]`);
    }
    if (head) return { status: 200 };
    return { status: 200, body: renderSource(rec.source!, sourceSpec(req, undefined)) ?? {} };
  };
  router.add('get_source', ['GET'], '/{index}/_source/{id}', 'none', source(false));
  router.add('exists_source', ['HEAD'], '/{index}/_source/{id}', 'none', source(true));

  const mget = (req: EsRequest): EsResponse => {
    const body = jsonBody(req, true)!;
    const defaultIndex = req.pathParams.index;
    let docs: Record<string, unknown>[];
    if (Array.isArray(body.ids)) docs = body.ids.map((id) => ({ _id: id }));
    else if (Array.isArray(body.docs)) docs = body.docs as Record<string, unknown>[];
    else docs = [];
    const errors: string[] = [];
    if (docs.length === 0) errors.push('no documents to get');
    docs.forEach((d, i) => {
      if (d._index === undefined && defaultIndex === undefined) errors.push(`index is missing for doc ${i}`);
      if (d._id === undefined) errors.push(`id is missing for doc ${i}`);
    });
    if (errors.length) throw validationFailed(errors);
    const base = getOptions(req);
    const stored = paramList(req, 'stored_fields');
    const out = docs.map((d) => {
      const indexName = String(d._index ?? defaultIndex);
      const id = String(d._id);
      try {
        const index = ctx.cluster.resolveSingle(indexName);
        const routing = d.routing !== undefined ? String(d.routing) : base.routing;
        const { rec } = lookup(index, id, { ...base, routing, version: d.version as number | undefined ?? base.version });
        if (!rec) return notFoundBody(index, id);
        const docStored = (d.stored_fields as string[] | undefined) ?? stored;
        const spec = d._source !== undefined ? parseSourceSpec(d._source) : sourceSpec(req, docStored);
        return docBody(index, rec, spec, docStored, withType);
      } catch (e) {
        if (!(e instanceof EsError)) throw e;
        return { _index: indexName, _id: id, error: e.toErrorObject() };
      }
    });
    return { status: 200, body: { docs: out } };
  };
  router.add('mget', ['GET', 'POST'], '/_mget', 'required', mget);
  router.add('mget', ['GET', 'POST'], '/{index}/_mget', 'required', mget);
}
