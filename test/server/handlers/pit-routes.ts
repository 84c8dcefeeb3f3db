// Opening and closing points in time, each product its own way: Elasticsearch's `POST /{index}/_pit` and
// `DELETE /_pit` ({"id"}), OpenSearch's `POST /{index}/_search/point_in_time`, `DELETE
// /_search/point_in_time` ({"pit_id":[…]}) and `GET|DELETE /_search/point_in_time/_all`. Searching through
// one (`"pit":{"id":…}`) is the same in both: see search-routes.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import type { Pit } from '../engine/pit';
import { invalidPitId, isWellFormedPitId, parseKeepAlive } from '../engine/pit';
import { parseTimeValue } from '../engine/settings';
import { jsonBody } from './common';
import { searchableIndices } from './search-routes';
import { EsError, validationFailed } from '../errors';

function shardsHeader(pit: Pit): Record<string, number> {
  const shards = pit.targets.reduce((n, t) => n + t.snaps.length, 0);
  return { total: shards, successful: shards, skipped: 0, failed: 0 };
}

function registerElasticsearchPitRoutes(router: Router, ctx: ServerContext): void {
  router.add('open_point_in_time', ['POST'], '/{index}/_pit', 'optional', (req) => {
    const ka = req.query.get('keep_alive');
    if (ka === undefined) throw validationFailed(['[keep_alive] is not specified']);
    const pit = ctx.pits.open(searchableIndices(ctx, req), parseKeepAlive(ka));
    // Elasticsearch 7 answers the id alone.
    return { status: 200, body: ctx.dialect.major < 8 ? { id: pit.id } : { id: pit.id, _shards: shardsHeader(pit) } };
  });
  router.add('close_point_in_time', ['DELETE'], '/_pit', 'required', (req) => {
    const body = jsonBody(req, true)!;
    if (typeof body.id !== 'string') throw validationFailed(['[id] is not specified']);
    const freed = ctx.pits.close(body.id);
    return { status: 200, body: { succeeded: true, num_freed: freed } };
  });
}

/** DeletePitRequest.fromXContent: `pit_id` is one id or an array of ids. */
function pitIdsOf(body: Record<string, unknown> | undefined): string[] {
  if (body === undefined) return [];
  const ids = body.pit_id;
  if (typeof ids === 'string') return [ids];
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return ids as string[];
  throw new EsError(400, 'illegal_argument_exception', 'Failed to parse request body', {}, new EsError(400, 'illegal_argument_exception', 'pit_id array element should only contain pit_id'));
}

/**
 * OpenSearch creates a PIT in two phases, the first with a keep-alive of 30 s; a reader context never
 * shortens its keep-alive, so a PIT lives at least that long (and `keep_alive=0s` is allowed).
 */
const CREATE_PIT_TEMPORARY_KEEPALIVE_MS = 30_000;

function registerOpenSearchPitRoutes(router: Router, ctx: ServerContext): void {
  router.add('create_pit', ['POST'], '/{index}/_search/point_in_time', 'optional', (req) => {
    const ka = req.query.get('keep_alive');
    if (ka === undefined) throw validationFailed(['keep alive not specified']);
    const keepAliveMs = Math.max(CREATE_PIT_TEMPORARY_KEEPALIVE_MS, parseTimeValue(ka, 'keep_alive'));
    const pit = ctx.pits.open(searchableIndices(ctx, req), keepAliveMs);
    return { status: 200, body: { pit_id: pit.id, _shards: shardsHeader(pit), creation_time: pit.createdAt } };
  });
  // Deleting an id that is well formed but gone still succeeds.
  const deleted = (ids: string[]): EsResponse => {
    const bad = ids.find((id) => !isWellFormedPitId(id));
    if (bad !== undefined) throw invalidPitId(bad);
    for (const id of ids) ctx.pits.close(id);
    return { status: 200, body: { pits: ids.map((id) => ({ successful: true, pit_id: id })) } };
  };
  router.add('delete_pit', ['DELETE'], '/_search/point_in_time', 'optional', (req: EsRequest) => {
    const ids = pitIdsOf(jsonBody(req, false));
    if (ids.length === 0) throw validationFailed(['no pit ids specified']);
    return deleted(ids);
  });
  // Newest first.
  const live = (): Pit[] => ctx.pits.list().reverse();
  router.add('delete_all_pits', ['DELETE'], '/_search/point_in_time/_all', 'none', () => deleted(live().map((p) => p.id)));
  router.add('get_all_pits', ['GET'], '/_search/point_in_time/_all', 'none', () => ({
    status: 200,
    body: { pits: live().map((p) => ({ pit_id: p.id, creation_time: p.createdAt, keep_alive: p.keepAliveMs })) },
  }));
}

export function registerPitRoutes(router: Router, ctx: ServerContext): void {
  if (ctx.dialect.opensearch) registerOpenSearchPitRoutes(router, ctx);
  else registerElasticsearchPitRoutes(router, ctx);
}
