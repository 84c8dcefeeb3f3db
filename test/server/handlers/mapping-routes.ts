// Get and put mapping.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { mergeMapping, normalizeMapping } from '../engine/mapping';
import { jsonBody } from './common';
import { indicesOptions, namesOf } from './indices-routes';

export function registerMappingRoutes(router: Router, ctx: ServerContext): void {
  const getMapping = (req: EsRequest): EsResponse => {
    const out: Record<string, unknown> = {};
    for (const ix of ctx.cluster.resolve(namesOf(req), indicesOptions(req))) out[ix.name] = { mappings: ix.mappings };
    return { status: 200, body: out };
  };
  router.add('indices.get_mapping', ['GET'], '/_mapping', 'none', getMapping);
  router.add('indices.get_mapping', ['GET'], '/{index}/_mapping', 'none', getMapping);

  router.add('indices.put_mapping', ['PUT', 'POST'], '/{index}/_mapping', 'required', (req) => {
    const body = jsonBody(req, true)!;
    const targets = ctx.cluster.resolve(namesOf(req), indicesOptions(req));
    const merged = targets.map((ix) => mergeMapping(ix.mappings, normalizeMapping(body, ix.mappings)));
    targets.forEach((ix, i) => (ix.mappings = merged[i]!));
    return { status: 200, body: { acknowledged: true } };
  });
}
