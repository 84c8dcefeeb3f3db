// REST handlers of the single-document write APIs: index, create, delete, update.
import type { Router } from '../http/router';
import type { ServerContext } from './context';
import { bodyText, hasBody, param, paramBool, paramInt, paramLong } from '../http/es-request';
import { applyRefresh, refreshPolicy, shardsHeader, writeControl, writeResult } from './common';
import { parseUpdate, performDelete, performIndex, performUpdate } from './doc-ops';
import { parseSourceSpec, renderSource } from '../engine/source-filter';
import { illegalArgument, parseError } from '../errors';
import type { EsRequest } from '../http/es-request';
import type { EsResponse } from '../http/router';

function indexHandler(ctx: ServerContext, forceCreate: boolean) {
  return (req: EsRequest): EsResponse => {
    const opTypeParam = req.query.get('op_type');
    if (opTypeParam !== undefined && opTypeParam !== 'index' && opTypeParam !== 'create') {
      throw illegalArgument(`opType must be 'create' or 'index', found: [${opTypeParam}]`);
    }
    if (!hasBody(req)) throw parseError('request body is required');
    const policy = refreshPolicy(req.query.get('refresh'));
    const { index, outcome } = performIndex(ctx, {
      index: req.pathParams.index!,
      id: req.pathParams.id,
      source: bodyText(req),
      routing: param(req, 'routing'),
      opType: forceCreate || opTypeParam === 'create' ? 'create' : 'index',
      ctl: writeControl(req),
      requireAlias: paramBool(req, 'require_alias', false),
      requireDataStream: paramBool(req, 'require_data_stream', false),
    });
    const forced = applyRefresh(index, outcome.shard, policy);
    return {
      status: outcome.result === 'created' ? 201 : 200,
      body: writeResult(index, outcome.record, outcome.result, forced, ctx.cluster.dialect.typeInResponses),
      headers: outcome.result === 'created' ? { Location: `/${encodeURIComponent(index.name)}/_doc/${encodeURIComponent(outcome.record.id)}` } : undefined,
    };
  };
}

export function registerWriteRoutes(router: Router, ctx: ServerContext): void {
  router.add('index', ['PUT', 'POST'], '/{index}/_doc/{id}', 'required', indexHandler(ctx, false));
  router.add('index', ['POST'], '/{index}/_doc', 'required', indexHandler(ctx, false));
  router.add('create', ['PUT', 'POST'], '/{index}/_create/{id}', 'required', indexHandler(ctx, true));

  router.add('delete', ['DELETE'], '/{index}/_doc/{id}', 'none', (req) => {
    const policy = refreshPolicy(req.query.get('refresh'));
    const { index, outcome } = performDelete(ctx, req.pathParams.index!, req.pathParams.id!, param(req, 'routing'), writeControl(req));
    const forced = applyRefresh(index, outcome.shard, policy);
    return { status: outcome.result === 'deleted' ? 200 : 404, body: writeResult(index, outcome.record, outcome.result, forced, ctx.cluster.dialect.typeInResponses) };
  });

  router.add('update', ['POST'], '/{index}/_update/{id}', 'required', (req) => {
    if (!hasBody(req)) throw parseError('request body is required');
    const policy = refreshPolicy(req.query.get('refresh'));
    const retryOnConflict = paramInt(req, 'retry_on_conflict') ?? 0;
    if (retryOnConflict < 0) throw illegalArgument('retry_on_conflict must be >= 0');
    const body = parseUpdate(bodyText(req));
    const { index, outcome } = performUpdate(
      ctx,
      {
        index: req.pathParams.index!,
        id: req.pathParams.id!,
        routing: param(req, 'routing'),
        body: bodyText(req),
        ifSeqNo: paramLong(req, 'if_seq_no'),
        ifPrimaryTerm: paramLong(req, 'if_primary_term'),
        retryOnConflict,
        requireAlias: paramBool(req, 'require_alias', false),
      },
      body,
    );
    const spec = parseSourceSpec(body.source, req.query.get('_source'), req.query.get('_source_includes'), req.query.get('_source_excludes'));
    const wantSource = body.source !== undefined || ['_source', '_source_includes', '_source_excludes'].some((p) => req.query.has(p));
    const forced = outcome.result !== 'noop' && applyRefresh(index, outcome.shard, policy);
    const rec = outcome.record;
    const out = writeResult(index, rec, outcome.result, forced, ctx.cluster.dialect.typeInResponses);
    if (outcome.result === 'noop') out._shards = { total: 0, successful: 0, failed: 0 };
    else out._shards = shardsHeader(index);
    if (wantSource && spec.fetch) {
      out.get = { _seq_no: rec.seqNo, _primary_term: rec.primaryTerm, found: true, _source: renderSource(outcome.source, spec) };
    }
    return { status: outcome.result === 'created' ? 201 : 200, body: out };
  });
}
