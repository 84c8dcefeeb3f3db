// Cluster state: indices, aliases, index templates and data streams, and how names in requests
// resolve to concrete indices for reads, writes and index administration.
import { randomUuid, IndexState, type AliasMeta } from './index-state';
import { normalizeIndexSettings, validateNewIndexSettings } from './settings';
import { type Mapping, normalizeMapping, mergeMapping } from './mapping';
import { validateIndexName, resolveDateMathName, invalidIndexName } from './names';
import { EsError, illegalArgument, indexNotFound } from '../errors';
import type { Dialect } from '../distribution';

export interface ClusterOptions {
  /** The product and version answered as. */
  dialect: Dialect;
  defaultShards: number;
  refreshIntervalMs: number;
}

export interface IndexTemplate {
  index_patterns: string[];
  data_stream?: Record<string, unknown>;
  template?: { settings?: unknown; mappings?: unknown; aliases?: Record<string, AliasMeta> };
  priority?: number;
}

export interface DataStream {
  name: string;
  indices: string[];
  generation: number;
  template?: string;
}

export interface ResolveOptions {
  ignoreUnavailable?: boolean;
  allowNoIndices?: boolean;
  expandWildcards?: string[];
  /** Index administration APIs do not let aliases stand for their indices. */
  allowAliases?: boolean;
}

export function globToRegex(pattern: string): RegExp {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

export class Cluster {
  readonly indices = new Map<string, IndexState>();
  readonly templates = new Map<string, IndexTemplate>();
  readonly dataStreams = new Map<string, DataStream>();
  readonly clusterUuid = randomUuid();

  constructor(readonly options: ClusterOptions) {}

  get dialect(): Dialect {
    return this.options.dialect;
  }

  /**
   * The index-not-found error for a name. OpenSearch (as Elasticsearch 7.10) says `index_expression` where
   * one index is addressed (documents) and `index_or_alias` where expressions are resolved (search, admin).
   */
  notFound(name: string, singleIndex = false): EsError {
    if (this.dialect.opensearch) return indexNotFound(name, singleIndex);
    return indexNotFound(name, this.dialect.es7Dialect);
  }

  aliasTargets(alias: string): IndexState[] {
    return [...this.indices.values()].filter((ix) => ix.aliases.has(alias));
  }

  isAlias(name: string): boolean {
    return this.aliasTargets(name).length > 0;
  }

  createIndex(rawName: string, body: Record<string, unknown> = {}, dataStream?: string): IndexState {
    const name = resolveDateMathName(rawName);
    validateIndexName(name);
    if (this.indices.has(name)) {
      throw new EsError(400, 'resource_already_exists_exception', `index [${name}/${this.indices.get(name)!.uuid}] already exists`, { index_uuid: this.indices.get(name)!.uuid, index: name });
    }
    if (this.isAlias(name)) throw invalidIndexName(name, 'already exists as alias');
    for (const key of Object.keys(body)) {
      if (!['settings', 'mappings', 'aliases'].includes(key)) {
        throw new EsError(400, 'parse_exception', `unknown key [${key}] for create index`);
      }
    }
    // A backing index takes its settings and mappings from the template that matched its data stream.
    const tpl = this.matchingTemplate(dataStream ?? name);
    const settings = normalizeIndexSettings(tpl?.template?.settings ?? {});
    for (const [k, v] of normalizeIndexSettings(body.settings ?? {})) settings.set(k, v);
    if (dataStream || name.startsWith('.')) settings.set('index.hidden', settings.get('index.hidden') ?? (dataStream ? 'true' : 'false'));
    if (settings.get('index.hidden') === 'false') settings.delete('index.hidden');
    // OpenSearch records the replication type (document or segment) on every index.
    if (this.dialect.opensearch && !settings.has('index.replication.type')) settings.set('index.replication.type', 'DOCUMENT');
    validateNewIndexSettings(settings);
    let mappings: Mapping = tpl?.template?.mappings ? normalizeMapping(tpl.template.mappings) : {};
    if (body.mappings !== undefined) mappings = mergeMapping(mappings, normalizeMapping(body.mappings, mappings));
    const aliases = this.parseAliases({ ...((!dataStream && tpl?.template?.aliases) || {}), ...(checkAliasesShape(body.aliases) ?? {}) });
    const index = new IndexState(name, settings, mappings, {
      shards: this.options.defaultShards,
      refreshIntervalMs: this.options.refreshIntervalMs,
      versionCreated: this.dialect.versionCreated,
    });
    if (dataStream) index.dataStream = dataStream;
    for (const [alias, meta] of aliases) index.aliases.set(alias, meta);
    this.indices.set(name, index);
    return index;
  }

  private parseAliases(input: Record<string, unknown>): Map<string, AliasMeta> {
    const out = new Map<string, AliasMeta>();
    for (const [raw, def] of Object.entries(input)) {
      const alias = resolveDateMathName(raw);
      if (this.indices.has(alias)) throw new EsError(400, 'invalid_alias_name_exception', `Invalid alias name [${alias}]: an index or data stream exists with the same name as the alias`, { index_uuid: '_na_', index: alias });
      out.set(alias, parseAliasMeta(alias, def));
    }
    return out;
  }

  deleteIndex(index: IndexState): void {
    index.dispose();
    this.indices.delete(index.name);
    for (const ds of this.dataStreams.values()) ds.indices = ds.indices.filter((n) => n !== index.name);
  }

  matchingTemplate(name: string): IndexTemplate | undefined {
    let best: IndexTemplate | undefined;
    for (const t of this.templates.values()) {
      if (t.index_patterns.some((p) => globToRegex(p).test(name)) && (!best || (t.priority ?? 0) > (best.priority ?? 0))) best = t;
    }
    return best;
  }

  /** The index a single-document read or write addresses; aliases must point at one index. */
  resolveSingle(name: string): IndexState {
    const direct = this.indices.get(name);
    if (direct) return direct;
    if (this.dataStreams.has(name)) {
      throw illegalArgument(`The provided expression [${name}] matches a data stream, specify the corresponding concrete indices instead.`);
    }
    const targets = this.aliasTargets(name);
    if (targets.length === 1) return targets[0]!;
    if (targets.length > 1) {
      throw illegalArgument(`alias [${name}] has more than one index associated with it [${targets.map((t) => t.name).sort().join(', ')}], can't execute a single index op`);
    }
    throw this.notFound(name, true);
  }

  /**
   * The concrete index a write goes to, auto-creating a missing index (or a data stream when a template
   * asks for one). Returns the alias routing to apply when writing through an alias.
   */
  resolveWrite(name: string, opts: { requireAlias?: boolean; opType: string; autoCreate: boolean; requireDataStream?: boolean }): { index: IndexState; aliasRouting?: string } {
    if (opts.requireAlias && !this.isAlias(name)) {
      throw new EsError(404, 'index_not_found_exception', `no such index [${name}] and [require_alias] request flag is [true] and [${name}] is not an alias`, { 'resource.type': 'index_or_alias', 'resource.id': name, index_uuid: '_na_', index: name });
    }
    const ds = this.dataStreams.get(name);
    if (ds) return { index: this.dataStreamWriteIndex(ds, opts.opType) };
    if (opts.requireDataStream && !this.dataStreams.has(name)) {
      const tpl = this.matchingTemplate(name);
      if (!tpl?.data_stream) throw illegalArgument(`only write ops to a data stream are allowed`);
    }
    const direct = this.indices.get(name);
    if (direct) return { index: direct };
    const targets = this.aliasTargets(name);
    if (targets.length > 0) {
      const writable = targets.filter((t) => t.aliases.get(name)!.is_write_index === true);
      const chosen = writable[0] ?? (targets.length === 1 && targets[0]!.aliases.get(name)!.is_write_index !== false ? targets[0] : undefined);
      if (!chosen) {
        throw illegalArgument(`no write index is defined for alias [${name}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`);
      }
      return { index: chosen, aliasRouting: chosen.aliases.get(name)!.index_routing };
    }
    if (!opts.autoCreate) throw this.notFound(name, true);
    const tpl = this.matchingTemplate(name);
    if (tpl?.data_stream) return { index: this.dataStreamWriteIndex(this.createDataStream(name), opts.opType) };
    return { index: this.createIndex(name) };
  }

  createDataStream(name: string): DataStream {
    validateIndexName(name);
    if (this.dataStreams.has(name)) throw new EsError(400, 'resource_already_exists_exception', `data_stream [${name}] already exists`);
    const tpl = this.matchingTemplate(name);
    if (!tpl?.data_stream) throw illegalArgument(`no matching index template found for data stream [${name}]`);
    const d = new Date();
    const day = `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;
    // OpenSearch names backing indices without the date.
    const backing = this.dialect.opensearch ? `.ds-${name}-000001` : `.ds-${name}-${day}-000001`;
    const ds: DataStream = { name, indices: [backing], generation: 1, template: [...this.templates].find(([, t]) => t === tpl)?.[0] };
    this.dataStreams.set(name, ds);
    const ix = this.createIndex(backing, {}, name);
    ix.mappings = mergeMapping(ix.mappings, { properties: { '@timestamp': { type: 'date' } } });
    return ds;
  }

  private dataStreamWriteIndex(ds: DataStream, opType: string): IndexState {
    if (opType !== 'create') throw illegalArgument('only write ops with an op_type of create are allowed in data streams');
    return this.indices.get(ds.indices[ds.indices.length - 1]!)!;
  }

  /** Resolves index expressions (names, aliases, data streams, wildcards, `_all`) for multi-index APIs. */
  resolve(expressions: string[], opts: ResolveOptions = {}): IndexState[] {
    const allowAliases = opts.allowAliases ?? true;
    const expand = opts.expandWildcards ?? ['open'];
    const exprs = expressions.length === 0 || (expressions.length === 1 && expressions[0] === '_all') ? ['*'] : expressions;
    const out = new Map<string, IndexState>();
    let wildcardSeen = false;
    for (const raw of exprs) {
      if (raw.startsWith('-') && wildcardSeen) {
        const re = globToRegex(raw.slice(1));
        for (const n of [...out.keys()]) if (re.test(n)) out.delete(n);
        continue;
      }
      const expr = resolveDateMathName(raw);
      if (expr.includes('*')) {
        wildcardSeen = true;
        const re = globToRegex(expr);
        const includeHidden = expand.includes('hidden') || expand.includes('all') || expr.startsWith('.');
        const visible = (ix: IndexState): boolean =>
          (includeHidden || !(ix.hidden || ix.name.startsWith('.'))) && (ix.closed ? expand.includes('closed') || expand.includes('all') : expand.includes('open') || expand.includes('all'));
        if (expand.includes('none')) continue;
        const before = out.size;
        for (const ix of this.indices.values()) if (re.test(ix.name) && visible(ix)) out.set(ix.name, ix);
        for (const ds of this.dataStreams.values()) {
          if (re.test(ds.name)) for (const n of ds.indices) if (this.indices.has(n)) out.set(n, this.indices.get(n)!);
        }
        if (allowAliases) {
          for (const ix of this.indices.values()) {
            for (const a of ix.aliases.keys()) if (re.test(a) && !ix.closed) out.set(ix.name, ix);
          }
        }
        if (out.size === before && opts.allowNoIndices === false) throw this.notFound(expr);
        continue;
      }
      const direct = this.indices.get(expr);
      if (direct) {
        out.set(expr, direct);
        continue;
      }
      const ds = this.dataStreams.get(expr);
      if (ds) {
        for (const n of ds.indices) if (this.indices.has(n)) out.set(n, this.indices.get(n)!);
        continue;
      }
      const targets = this.aliasTargets(expr);
      if (targets.length > 0) {
        if (!allowAliases) {
          if (opts.ignoreUnavailable) continue;
          throw illegalArgument(`The provided expression [${expr}] matches an alias, specify the corresponding concrete indices instead.`);
        }
        for (const t of targets) out.set(t.name, t);
        continue;
      }
      if (opts.ignoreUnavailable) continue;
      // OpenSearch checks a name it cannot find as an index name (`GET /_unknown` ends up here).
      if (this.dialect.opensearch && expr.startsWith('_')) throw invalidIndexName(expr, "must not start with '_'.");
      throw this.notFound(expr);
    }
    if (out.size === 0 && opts.allowNoIndices === false) throw this.notFound(exprs.join(','));
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  reset(): void {
    for (const ix of this.indices.values()) ix.dispose();
    this.indices.clear();
    this.templates.clear();
    this.dataStreams.clear();
  }
}

function checkAliasesShape(aliases: unknown): Record<string, unknown> | undefined {
  if (aliases === undefined) return undefined;
  if (aliases === null || typeof aliases !== 'object' || Array.isArray(aliases)) {
    throw new EsError(400, 'parse_exception', `Failed to parse aliases: expected an object`);
  }
  return aliases as Record<string, unknown>;
}

export function parseAliasMeta(alias: string, def: unknown): AliasMeta {
  const d = (def ?? {}) as Record<string, unknown>;
  if (typeof d !== 'object' || Array.isArray(d)) throw new EsError(400, 'parse_exception', `Failed to parse alias [${alias}]`);
  const meta: AliasMeta = {};
  const str = (field: string, v: unknown): string => {
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    throw illegalArgument(`Unsupported ${typeof v} type value [${String(v)}] for field [${field}] in alias [${alias}]`);
  };
  const bool = (field: string, v: unknown): boolean => {
    if (typeof v === 'boolean') return v;
    throw illegalArgument(`Unsupported String type value [${String(v)}] for field [${field}] in alias [${alias}]`);
  };
  for (const [k, v] of Object.entries(d)) {
    if (k === 'filter') meta.filter = v;
    else if (k === 'routing') meta.index_routing = meta.search_routing = str(k, v);
    else if (k === 'index_routing') meta.index_routing = str(k, v);
    else if (k === 'search_routing') meta.search_routing = str(k, v);
    else if (k === 'is_write_index') meta.is_write_index = bool(k, v);
    else if (k === 'is_hidden') meta.is_hidden = bool(k, v);
    else throw new EsError(400, 'illegal_argument_exception', `Unsupported field [${k}]`);
  }
  return meta;
}
