// Index administration: create, delete, exists, get, settings, refresh, open/close, stats.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { paramBool, paramList } from '../http/es-request';
import type { IndexState } from '../engine/index-state';
import { nestSettings, normalizeIndexSettings } from '../engine/settings';
import type { ResolveOptions } from '../engine/cluster';
import { jsonBody } from './common';
import { aliasesBody } from './alias-routes';
import { EsError } from '../errors';

export function indicesOptions(req: EsRequest, extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return {
    ignoreUnavailable: paramBool(req, 'ignore_unavailable', false),
    allowNoIndices: paramBool(req, 'allow_no_indices', true),
    expandWildcards: paramList(req, 'expand_wildcards'),
    ...extra,
  };
}

export function namesOf(req: EsRequest): string[] {
  const raw = req.pathParams.index;
  return raw === undefined ? [] : raw.split(',').filter((s) => s !== '');
}

function settingsBody(ix: IndexState, flat: boolean): Record<string, unknown> {
  if (flat) return Object.fromEntries([...ix.settings].sort(([a], [b]) => (a < b ? -1 : 1)));
  return nestSettings(ix.settings);
}

function stats(ix: IndexState): Record<string, unknown> {
  const sum = (f: (s: IndexState['shards'][number]) => number): number => ix.shards.reduce((n, s) => n + f(s), 0);
  return {
    docs: { count: ix.docCount(), deleted: ix.deletedCount() },
    store: { size_in_bytes: ix.storeBytes() },
    indexing: { index_total: sum((s) => s.stats.indexTotal), delete_total: sum((s) => s.stats.deleteTotal), noop_update_total: sum((s) => s.stats.noopUpdateTotal) },
  };
}

export function registerIndicesRoutes(router: Router, ctx: ServerContext): void {
  const cluster = ctx.cluster;

  router.add('indices.create', ['PUT'], '/{index}', 'optional', (req) => {
    const body = jsonBody(req, false) ?? {};
    for (const k of ['settings', 'mappings', 'aliases']) {
      const v = body[k];
      if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
        throw new EsError(400, 'parse_exception', `Failed to parse content to map: [${k}] must be an object`);
      }
    }
    const ix = cluster.createIndex(req.pathParams.index!, body);
    return { status: 200, body: { acknowledged: true, shards_acknowledged: true, index: ix.name } };
  });

  router.add('indices.delete', ['DELETE'], '/{index}', 'none', (req) => {
    const indices = cluster.resolve(namesOf(req), indicesOptions(req, { allowAliases: false }));
    for (const ix of indices) {
      if (ix.dataStream && cluster.dataStreams.get(ix.dataStream)?.indices.at(-1) === ix.name) {
        throw new EsError(400, 'illegal_argument_exception', `index [${ix.name}] is the write index for data stream [${ix.dataStream}] and cannot be deleted`);
      }
    }
    for (const ix of indices) cluster.deleteIndex(ix);
    return { status: 200, body: { acknowledged: true } };
  });

  router.add('indices.exists', ['HEAD'], '/{index}', 'none', (req): EsResponse => {
    try {
      const found = cluster.resolve(namesOf(req), indicesOptions(req));
      return { status: found.length ? 200 : 404, warnings: req.query.has('local') && !ctx.dialect.opensearch ? ['the [?local] query parameter to this API has no effect, is now deprecated, and will be removed in a future version'] : undefined };
    } catch (e) {
      if (e instanceof EsError && e.status === 404) return { status: 404 };
      throw e;
    }
  });

  router.add('indices.get', ['GET'], '/{index}', 'none', (req) => {
    const out: Record<string, unknown> = {};
    for (const ix of cluster.resolve(namesOf(req), indicesOptions(req))) {
      out[ix.name] = {
        aliases: aliasesBody(ix),
        mappings: ix.mappings,
        settings: { index: (settingsBody(ix, false).index as object) ?? {} },
        ...(ix.dataStream ? { data_stream: ix.dataStream } : {}),
      };
    }
    return { status: 200, body: out };
  });

  const getSettings = (req: EsRequest): EsResponse => {
    const flat = paramBool(req, 'flat_settings', false);
    const out: Record<string, unknown> = {};
    for (const ix of cluster.resolve(namesOf(req), indicesOptions(req))) out[ix.name] = { settings: settingsBody(ix, flat) };
    return { status: 200, body: out };
  };
  router.add('indices.get_settings', ['GET'], '/_settings', 'none', getSettings);
  router.add('indices.get_settings', ['GET'], '/{index}/_settings', 'none', getSettings);

  const putSettings = (req: EsRequest): EsResponse => {
    const body = jsonBody(req, true)!;
    const updates = normalizeIndexSettings((body.settings as object) ?? body);
    for (const k of updates.keys()) {
      if (k === 'index.number_of_shards' || k === 'index.number_of_routing_shards') {
        throw new EsError(400, 'illegal_argument_exception', `final ${k.replace(/^index\./, 'index.')} setting [${k}], not updateable`);
      }
    }
    for (const ix of cluster.resolve(namesOf(req), indicesOptions(req))) {
      for (const [k, v] of updates) ix.settings.set(k, v);
      if (updates.has('index.refresh_interval')) ix.scheduleRefresh();
    }
    return { status: 200, body: { acknowledged: true } };
  };
  router.add('indices.put_settings', ['PUT'], '/_settings', 'required', putSettings);
  router.add('indices.put_settings', ['PUT'], '/{index}/_settings', 'required', putSettings);

  const refresh = (req: EsRequest): EsResponse => {
    const indices = cluster.resolve(namesOf(req), indicesOptions(req)).filter((ix) => !ix.closed);
    let total = 0;
    let ok = 0;
    for (const ix of indices) {
      ix.refresh();
      total += ix.numShards * (1 + ix.replicas);
      ok += ix.numShards;
    }
    return { status: 200, body: { _shards: { total, successful: ok, failed: 0 } } };
  };
  router.add('indices.refresh', ['POST', 'GET'], '/_refresh', 'none', refresh);
  router.add('indices.refresh', ['POST', 'GET'], '/{index}/_refresh', 'none', refresh);

  const openClose = (close: boolean) => (req: EsRequest): EsResponse => {
    const indices = cluster.resolve(namesOf(req), indicesOptions(req, { expandWildcards: close ? ['open'] : ['closed'] }));
    const out: Record<string, unknown> = {};
    for (const ix of indices) {
      ix.closed = close;
      if (close) out[ix.name] = { closed: true };
    }
    return { status: 200, body: close ? { acknowledged: true, shards_acknowledged: true, indices: out } : { acknowledged: true, shards_acknowledged: true } };
  };
  router.add('indices.close', ['POST'], '/{index}/_close', 'none', openClose(true));
  router.add('indices.open', ['POST'], '/{index}/_open', 'none', openClose(false));

  const statsHandler = (req: EsRequest): EsResponse => {
    const indices = cluster.resolve(namesOf(req), indicesOptions(req));
    const out: Record<string, unknown> = {};
    let shards = 0;
    for (const ix of indices) {
      const s = stats(ix);
      shards += ix.numShards;
      out[ix.name] = { uuid: ix.uuid, health: ix.health, status: ix.closed ? 'close' : 'open', primaries: s, total: s };
    }
    return { status: 200, body: { _shards: { total: shards, successful: shards, failed: 0 }, indices: out } };
  };
  router.add('indices.stats', ['GET'], '/_stats', 'none', statsHandler);
  router.add('indices.stats', ['GET'], '/{index}/_stats', 'none', statsHandler);
}
