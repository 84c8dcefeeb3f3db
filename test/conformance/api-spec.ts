// Maps a YAML `do` API name and its parameters to an HTTP method, path, query string and body, using the
// suite's `api/*.json` files, and a small table for the APIs the suite uses without shipping their JSON.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiPath {
  path: string;
  methods: string[];
  parts: string[];
}

export interface ApiDef {
  name: string;
  paths: ApiPath[];
  bulkBody: boolean;
}

const p = (path: string, ...methods: string[]): ApiPath => ({ path, methods, parts: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) });

/** APIs used by the tests whose definitions are not in `api/` (paths from elasticsearch-specification). */
const BUILTIN: Record<string, ApiPath[]> = {
  search: [p('/_search', 'POST', 'GET'), p('/{index}/_search', 'POST', 'GET')],
  count: [p('/_count', 'POST', 'GET'), p('/{index}/_count', 'POST', 'GET')],
  'cat.indices': [p('/_cat/indices', 'GET'), p('/_cat/indices/{index}', 'GET')],
  'cluster.health': [p('/_cluster/health', 'GET'), p('/_cluster/health/{index}', 'GET')],
  'indices.create': [p('/{index}', 'PUT')],
  'indices.delete': [p('/{index}', 'DELETE')],
  'indices.exists': [p('/{index}', 'HEAD')],
  'indices.get': [p('/{index}', 'GET')],
  'indices.get_mapping': [p('/_mapping', 'GET'), p('/{index}/_mapping', 'GET')],
  'indices.put_mapping': [p('/{index}/_mapping', 'PUT', 'POST')],
  'indices.get_settings': [p('/_settings', 'GET'), p('/{index}/_settings', 'GET'), p('/{index}/_settings/{name}', 'GET')],
  'indices.put_settings': [p('/_settings', 'PUT'), p('/{index}/_settings', 'PUT')],
  'indices.refresh': [p('/_refresh', 'POST', 'GET'), p('/{index}/_refresh', 'POST', 'GET')],
  'indices.close': [p('/{index}/_close', 'POST')],
  'indices.open': [p('/{index}/_open', 'POST')],
  'indices.stats': [p('/_stats', 'GET'), p('/{index}/_stats', 'GET')],
  'indices.put_alias': [p('/{index}/_alias/{name}', 'PUT', 'POST')],
  'indices.delete_alias': [p('/{index}/_alias/{name}', 'DELETE')],
  'indices.get_alias': [p('/_alias', 'GET'), p('/_alias/{name}', 'GET'), p('/{index}/_alias/{name}', 'GET'), p('/{index}/_alias', 'GET')],
  'indices.exists_alias': [p('/_alias/{name}', 'HEAD'), p('/{index}/_alias/{name}', 'HEAD')],
  'indices.update_aliases': [p('/_aliases', 'POST')],
  'indices.put_index_template': [p('/_index_template/{name}', 'PUT', 'POST')],
  'indices.create_data_stream': [p('/_data_stream/{name}', 'PUT')],
  'indices.get_data_stream': [p('/_data_stream', 'GET'), p('/_data_stream/{name}', 'GET')],
  'indices.delete_data_stream': [p('/_data_stream/{name}', 'DELETE')],
  open_point_in_time: [p('/{index}/_pit', 'POST')],
  close_point_in_time: [p('/_pit', 'DELETE')],
  exists_source: [p('/{index}/_source/{id}', 'HEAD')],
  capabilities: [p('/_capabilities', 'GET')],
};

export class ApiRegistry {
  private readonly apis = new Map<string, ApiDef>();

  constructor(apiDirs: string[]) {
    for (const [name, paths] of Object.entries(BUILTIN)) this.apis.set(name, { name, paths, bulkBody: false });
    for (const dir of apiDirs) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) {
        if (!f.endsWith('.json') || f.startsWith('_')) continue;
        const json = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, { url: { paths: { path: string; methods: string[]; parts?: Record<string, unknown> }[] }; body?: { serialize?: string } }>;
        for (const [name, def] of Object.entries(json)) {
          const paths = def.url.paths.filter((x) => !x.path.includes('{type}')).map((x) => p(x.path, ...x.methods));
          this.apis.set(name, { name, paths, bulkBody: def.body?.serialize === 'bulk' });
        }
      }
    }
  }

  get(name: string): ApiDef | undefined {
    return this.apis.get(name);
  }
}

export class ClientParamError extends Error {}

/** Chooses the path that uses the most of the given parameters, as Elasticsearch's YAML runner does. */
export function buildPath(api: ApiDef, params: Record<string, string>, hasBody: boolean): { method: string; path: string; used: Set<string> } {
  const candidates = api.paths.filter((x) => x.parts.every((part) => params[part] !== undefined));
  if (candidates.length === 0) throw new ClientParamError(`no path of [${api.name}] matches the given parameters [${Object.keys(params).join(', ')}]`);
  candidates.sort((a, b) => b.parts.length - a.parts.length);
  const best = candidates[0]!;
  const path = best.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name]!));
  const method = hasBody && best.methods.includes('POST') ? 'POST' : hasBody && best.methods.includes('PUT') ? 'PUT' : best.methods[0]!;
  return { method, path, used: new Set(best.parts) };
}
