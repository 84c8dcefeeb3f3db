import { parseJsonObject } from '../core/esResponses';
import type { ClusterGateway } from './clusterGateway';

export interface IndexSummary {
  readonly name: string;
  /** What the name stands for: an index, an alias over indices, or a data stream's backing index. */
  readonly kind?: 'alias' | 'backing';
  /** For an alias: the indices it points to. */
  readonly targets?: readonly string[];
  readonly health: string;
  readonly docsCount: number | undefined;
  readonly hidden: boolean;
}

/** Lists a cluster's indices through `_cat/indices`, one request. */
export async function listIndices(gateway: ClusterGateway, includeHidden: boolean): Promise<IndexSummary[]> {
  const response = await gateway.sendOk({
    method: 'GET',
    path: '/_cat/indices',
    query: { format: 'json', h: 'index,health,docs.count', s: 'index', expand_wildcards: includeHidden ? 'all' : 'open' },
  });
  const rows = JSON.parse(response.text) as unknown;
  if (!Array.isArray(rows)) throw new Error(`_cat/indices did not answer with a list: ${response.text.slice(0, 120)}`);
  return rows.map((row: Record<string, unknown>) => {
    const name = String(row.index ?? '');
    const count = Number(row['docs.count']);
    return { name, health: String(row.health ?? ''), docsCount: Number.isFinite(count) ? count : undefined, hidden: name.startsWith('.') };
  });
}

export interface ClusterInfo {
  readonly clusterName: string;
  readonly version: string;
}

export async function readClusterInfo(gateway: ClusterGateway): Promise<ClusterInfo> {
  const body = parseJsonObject((await gateway.sendOk({ method: 'GET', path: '/' })).text);
  const version = (body.version as { number?: string } | undefined)?.number ?? 'unknown';
  return { clusterName: String(body.cluster_name ?? ''), version };
}

/** Aliases and the indices they point to, with the write index when one is set. */
export async function listAliases(gateway: ClusterGateway, includeHidden: boolean): Promise<Array<{ name: string; indices: string[] }>> {
  const body = parseJsonObject((await gateway.sendOk({ method: 'GET', path: '/_alias' })).text) as Record<string, { aliases?: Record<string, unknown> }>;
  const byAlias = new Map<string, string[]>();
  for (const [index, entry] of Object.entries(body)) {
    for (const alias of Object.keys(entry.aliases ?? {})) byAlias.set(alias, [...(byAlias.get(alias) ?? []), index]);
  }
  return [...byAlias].filter(([name]) => includeHidden || !name.startsWith('.')).sort(([a], [b]) => a.localeCompare(b)).map(([name, indices]) => ({ name, indices: indices.sort() }));
}

export interface DataStreamSummary {
  readonly name: string;
  readonly backingIndices: string[];
}

export async function listDataStreams(gateway: ClusterGateway): Promise<DataStreamSummary[]> {
  const body = parseJsonObject((await gateway.sendOk({ method: 'GET', path: '/_data_stream' })).text) as { data_streams?: Array<{ name?: string; indices?: Array<{ index_name?: string }> }> };
  return (body.data_streams ?? []).map((stream) => ({
    name: String(stream.name ?? ''),
    backingIndices: (stream.indices ?? []).map((i) => String(i.index_name ?? '')).filter(Boolean),
  }));
}

/** Whether writes and reads by id in this index need a routing value (`_routing.required`). */
export async function isRoutingRequired(gateway: ClusterGateway, index: string): Promise<boolean> {
  const body = parseJsonObject((await gateway.sendOk({ method: 'GET', path: `/${encodeURIComponent(index)}/_mapping` })).text) as Record<string, { mappings?: { _routing?: { required?: boolean } } }>;
  return Object.values(body).some((entry) => entry.mappings?._routing?.required === true);
}
