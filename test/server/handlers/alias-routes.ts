// Aliases: _aliases actions, put/get/exists/delete alias.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import type { IndexState, AliasMeta } from '../engine/index-state';
import { globToRegex, parseAliasMeta } from '../engine/cluster';
import { resolveDateMathName } from '../engine/names';
import { jsonBody } from './common';
import { indicesOptions, namesOf } from './indices-routes';
import { EsError, illegalArgument } from '../errors';

export function aliasesBody(ix: IndexState, filter?: (name: string) => boolean): Record<string, AliasMeta> {
  const out: Record<string, AliasMeta> = {};
  for (const [name, meta] of [...ix.aliases].sort(([a], [b]) => (a < b ? -1 : 1))) if (!filter || filter(name)) out[name] = meta;
  return out;
}

function aliasMissing(names: string): EsError {
  return new EsError(404, 'aliases_not_found_exception', `aliases [${names}] missing`, { 'resource.type': 'aliases', 'resource.id': names });
}

export function registerAliasRoutes(router: Router, ctx: ServerContext): void {
  const cluster = ctx.cluster;

  const addAlias = (ix: IndexState, alias: string, def: unknown): void => {
    const name = resolveDateMathName(alias);
    if (cluster.indices.has(name)) {
      throw new EsError(400, 'invalid_alias_name_exception', `Invalid alias name [${name}]: an index or data stream exists with the same name as the alias`, { index_uuid: '_na_', index: name });
    }
    const meta = parseAliasMeta(name, def);
    if (meta.is_write_index) for (const other of cluster.aliasTargets(name)) if (other !== ix) delete other.aliases.get(name)!.is_write_index;
    ix.aliases.set(name, meta);
  };

  const putAlias = (req: EsRequest): EsResponse => {
    const body = jsonBody(req, false) ?? {};
    for (const ix of cluster.resolve(namesOf(req), indicesOptions(req))) addAlias(ix, req.pathParams.name!, body);
    return { status: 200, body: { acknowledged: true } };
  };
  for (const seg of ['_alias', '_aliases']) {
    router.add('indices.put_alias', ['PUT', 'POST'], `/{index}/${seg}/{name}`, 'optional', putAlias);
  }

  router.add('indices.delete_alias', ['DELETE'], '/{index}/_alias/{name}', 'none', (req) => {
    const names = req.pathParams.name!.split(',');
    let removed = 0;
    for (const ix of cluster.resolve(namesOf(req), indicesOptions(req))) {
      for (const n of [...ix.aliases.keys()]) if (names.some((p) => globToRegex(p).test(n)) && ix.aliases.delete(n)) removed++;
    }
    if (!removed) throw aliasMissing(names.join(','));
    return { status: 200, body: { acknowledged: true } };
  });

  router.add('indices.update_aliases', ['POST'], '/_aliases', 'required', (req) => {
    const body = jsonBody(req, true)!;
    const actions = body.actions;
    if (!Array.isArray(actions)) throw illegalArgument('[actions] is required');
    for (const action of actions as Record<string, Record<string, unknown>>[]) {
      const [type, spec] = Object.entries(action)[0] ?? [];
      if (!type || !spec) throw illegalArgument('Expected an action');
      const indexNames = ([] as unknown[]).concat(spec.indices ?? spec.index ?? []).map(String);
      const aliasNames = ([] as unknown[]).concat(spec.aliases ?? spec.alias ?? []).map(String);
      const targets = cluster.resolve(indexNames, { ignoreUnavailable: false, allowAliases: false });
      if (type === 'add') {
        const { filter, routing, index_routing, search_routing, is_write_index, is_hidden } = spec;
        const def = Object.fromEntries(Object.entries({ filter, routing, index_routing, search_routing, is_write_index, is_hidden }).filter(([, v]) => v !== undefined));
        for (const ix of targets) for (const a of aliasNames) addAlias(ix, a, def);
      } else if (type === 'remove') {
        for (const ix of targets) {
          for (const a of aliasNames) {
            if (!ix.aliases.delete(a) && spec.must_exist === true) throw aliasMissing(a);
          }
        }
      } else if (type === 'remove_index') {
        for (const ix of targets) cluster.deleteIndex(ix);
      } else throw illegalArgument(`Unsupported action [${type}]`);
    }
    // `errors` (per-action results) is Elasticsearch 8's; 7 and OpenSearch answer the acknowledgement only.
    return { status: 200, body: ctx.dialect.opensearch || ctx.dialect.major < 8 ? { acknowledged: true } : { acknowledged: true, errors: false } };
  });

  const getAlias = (req: EsRequest): EsResponse => {
    const names = req.pathParams.name?.split(',');
    const match = (n: string): boolean => !names || names.some((p) => p === '_all' || globToRegex(p).test(n));
    const out: Record<string, unknown> = {};
    const indices = req.pathParams.index ? cluster.resolve(namesOf(req), indicesOptions(req)) : [...cluster.indices.values()];
    for (const ix of indices) {
      const a = aliasesBody(ix, match);
      if (Object.keys(a).length || !names) out[ix.name] = { aliases: a };
    }
    if (names && Object.keys(out).length === 0) {
      const missing = names.filter((n) => !n.includes('*'));
      if (missing.length) return { status: 404, body: { error: `alias [${missing.join(',')}] missing`, status: 404 } };
    }
    return { status: 200, body: out };
  };
  router.add('indices.get_alias', ['GET'], '/_alias', 'none', getAlias);
  router.add('indices.get_alias', ['GET'], '/_alias/{name}', 'none', getAlias);
  router.add('indices.get_alias', ['GET'], '/{index}/_alias', 'none', getAlias);
  router.add('indices.get_alias', ['GET'], '/{index}/_alias/{name}', 'none', getAlias);
  const existsAlias = (req: EsRequest): EsResponse => ({ status: getAlias(req).status === 200 && Object.keys(getAlias(req).body as object).length ? 200 : 404 });
  router.add('indices.exists_alias', ['HEAD'], '/_alias/{name}', 'none', existsAlias);
  router.add('indices.exists_alias', ['HEAD'], '/{index}/_alias/{name}', 'none', existsAlias);
}
