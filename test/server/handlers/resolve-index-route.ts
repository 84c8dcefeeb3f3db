// GET /_resolve/index/{name}: what names, aliases and wildcards stand for, as indices (with their aliases
// and attributes), aliases (with their indices) and data streams (with their backing indices), each list
// sorted by name.
import type { Router } from '../http/router';
import type { ServerContext } from './context';
import { paramBool, paramList } from '../http/es-request';
import type { Cluster } from '../engine/cluster';
import { globToRegex } from '../engine/cluster';
import type { IndexState } from '../engine/index-state';
import { resolveDateMathName } from '../engine/names';
import { illegalArgument } from '../errors';

const EXPAND_VALUES = new Set(['open', 'closed', 'hidden', 'none', 'all']);

interface Resolved {
  readonly indices: Set<string>;
  readonly aliases: Set<string>;
  readonly dataStreams: Set<string>;
}

function expandOptions(values: string[]): { open: boolean; closed: boolean; hidden: boolean } {
  for (const v of values) if (!EXPAND_VALUES.has(v)) throw illegalArgument(`No valid expand wildcard value [${v}]`);
  const all = values.includes('all');
  return { open: all || values.includes('open'), closed: all || values.includes('closed'), hidden: all || values.includes('hidden') };
}

function aliasHidden(cluster: Cluster, alias: string): boolean {
  return cluster.aliasTargets(alias).some((ix) => ix.aliases.get(alias)?.is_hidden === true);
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort(byName);
}

export function resolveIndexExpressions(cluster: Cluster, expressions: string[], params: { expand: string[]; ignoreUnavailable: boolean; allowNoIndices: boolean }): Resolved {
  const expand = expandOptions(params.expand);
  const out: Resolved = { indices: new Set(), aliases: new Set(), dataStreams: new Set() };
  const exprs = expressions.length === 0 || (expressions.length === 1 && expressions[0] === '_all') ? ['*'] : expressions;
  let wildcardSeen = false;
  for (const raw of exprs) {
    if (raw.startsWith('-') && wildcardSeen) {
      const re = globToRegex(raw.slice(1));
      for (const set of [out.indices, out.aliases, out.dataStreams]) for (const n of [...set]) if (re.test(n)) set.delete(n);
      continue;
    }
    const expr = resolveDateMathName(raw);
    if (expr.includes('*')) {
      wildcardSeen = true;
      const re = globToRegex(expr);
      // A pattern starting with a dot also matches hidden names that start with one.
      const showHidden = (name: string, hidden: boolean): boolean => !hidden || expand.hidden || (expr.startsWith('.') && name.startsWith('.'));
      const stateWanted = (ix: IndexState): boolean => (ix.closed ? expand.closed : expand.open);
      const before = out.indices.size + out.aliases.size + out.dataStreams.size;
      for (const ix of cluster.indices.values()) if (re.test(ix.name) && stateWanted(ix) && showHidden(ix.name, ix.hidden)) out.indices.add(ix.name);
      const aliasNames = new Set([...cluster.indices.values()].flatMap((ix) => [...ix.aliases.keys()]));
      for (const a of aliasNames) if (re.test(a) && (expand.open || expand.closed) && showHidden(a, aliasHidden(cluster, a))) out.aliases.add(a);
      for (const ds of cluster.dataStreams.values()) if (re.test(ds.name) && (expand.open || expand.closed)) out.dataStreams.add(ds.name);
      if (before === out.indices.size + out.aliases.size + out.dataStreams.size && !params.allowNoIndices) throw cluster.notFound(expr);
      continue;
    }
    if (cluster.indices.has(expr)) out.indices.add(expr);
    else if (cluster.isAlias(expr)) out.aliases.add(expr);
    else if (cluster.dataStreams.has(expr)) out.dataStreams.add(expr);
    else if (!params.ignoreUnavailable) throw cluster.notFound(expr);
  }
  return out;
}

export function registerResolveIndexRoute(router: Router, ctx: ServerContext): void {
  const cluster = ctx.cluster;
  router.add('indices.resolve_index', ['GET'], '/_resolve/index/{name}', 'none', (req) => {
    const names = req.pathParams.name!.split(',').filter((s) => s !== '');
    const resolved = resolveIndexExpressions(cluster, names, {
      expand: paramList(req, 'expand_wildcards') ?? ['open'],
      // OpenSearch leaves names it cannot find out of the answer.
      ignoreUnavailable: paramBool(req, 'ignore_unavailable', ctx.dialect.opensearch),
      allowNoIndices: paramBool(req, 'allow_no_indices', true),
    });
    const indices = sortedNames(resolved.indices).map((name) => {
      const ix = cluster.indices.get(name)!;
      const aliases = sortedNames(ix.aliases.keys());
      const attributes = [ix.closed ? 'closed' : 'open', ...(ix.hidden ? ['hidden'] : [])].sort(byName);
      // Elasticsearch 9 names each index's mode (this server's are all standard).
      return { name, aliases: aliases.length ? aliases : undefined, attributes, data_stream: ix.dataStream, ...(!ctx.dialect.opensearch && ctx.dialect.major >= 9 ? { mode: 'standard' } : {}) };
    });
    const aliases = sortedNames(resolved.aliases).map((name) => ({ name, indices: sortedNames(cluster.aliasTargets(name).map((ix) => ix.name)) }));
    const dataStreams = sortedNames(resolved.dataStreams).map((name) => ({
      name,
      backing_indices: cluster.dataStreams.get(name)!.indices,
      timestamp_field: '@timestamp',
    }));
    return { status: 200, body: { indices, aliases, data_streams: dataStreams } };
  });
}
