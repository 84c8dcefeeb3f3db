// Test control API of the Elasticsearch-compatible test server. Not an Elasticsearch API: every route
// lives under /_esdocs_test/ and is neither logged nor subject to fault injection.
//
//   POST   /_esdocs_test/reset                   delete all indices, templates, data streams, PITs, faults, request log
//   POST   /_esdocs_test/failover                {"index":"movies","shard":0} -> {"index","shard","primary_term"}
//   GET    /_esdocs_test/faults                  {"faults":[...]}
//   POST   /_esdocs_test/faults                  FaultSpec (see faults.ts) -> {"id":N}
//   DELETE /_esdocs_test/faults                  clear all -> {"cleared":N}
//   DELETE /_esdocs_test/faults/{id}             clear one
//   GET    /_esdocs_test/requests                {"total":N,"byRoute":{"GET /{index}/_doc/{id}":3,...}}
//   DELETE /_esdocs_test/requests                reset the counts
import type { ServerContext } from './handlers/context';
import type { FaultRegistry, FaultSpec } from './faults';
import type { RequestLog } from './request-log';
import type { EsResponse } from './http/router';
import { EsError, illegalArgument } from './errors';

export const CONTROL_PREFIX = '/_esdocs_test/';

export interface ControlDeps {
  ctx: ServerContext;
  faults: FaultRegistry;
  log: RequestLog;
}

function parse(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw illegalArgument(`invalid JSON body: ${(e as Error).message}`);
  }
}

export function handleControl(method: string, path: string, body: Buffer, deps: ControlDeps): EsResponse {
  const route = path.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const { ctx, faults, log } = deps;
  if (route === 'reset' && method === 'POST') {
    ctx.pits.closeAll();
    ctx.cluster.reset();
    faults.clear();
    log.reset();
    return { status: 200, body: { acknowledged: true } };
  }
  if (route === 'failover' && method === 'POST') {
    const b = parse(body);
    const index = ctx.cluster.resolveSingle(String(b.index));
    const shardNum = Number(b.shard ?? 0);
    const shard = index.shards[shardNum];
    if (!shard) throw illegalArgument(`index [${index.name}] has no shard [${shardNum}]`);
    shard.failover();
    return { status: 200, body: { index: index.name, shard: shardNum, primary_term: shard.primaryTerm } };
  }
  if (route === 'faults') {
    if (method === 'GET') return { status: 200, body: { faults: faults.list() } };
    if (method === 'DELETE') return { status: 200, body: { cleared: faults.clear() } };
    if (method === 'POST') {
      try {
        return { status: 200, body: { id: faults.add(parse(body) as unknown as FaultSpec).id } };
      } catch (e) {
        throw e instanceof EsError ? e : illegalArgument((e as Error).message);
      }
    }
  }
  const one = /^faults\/(\d+)$/.exec(route);
  if (one && method === 'DELETE') return { status: 200, body: { cleared: faults.remove(Number(one[1])) ? 1 : 0 } };
  if (route === 'requests') {
    if (method === 'GET') return { status: 200, body: log.snapshot() };
    if (method === 'DELETE') {
      log.reset();
      return { status: 200, body: { acknowledged: true } };
    }
  }
  return { status: 404, body: { error: `no test control route for [${method} ${path}]`, status: 404 } };
}
