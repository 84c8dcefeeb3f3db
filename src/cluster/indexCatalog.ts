import { parseJsonObject } from './model/esResponses';
import { readCatIndices } from './model/listingResponses';
import type { ClusterGateway } from './clusterGateway';

/** What the cluster lists: its indices, aliases and data streams (`_cat/indices`, `_alias`, `_data_stream`). */

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

/**
 * An index known by its name alone, not from `_cat/indices`: an alias, a data stream's backing
 * index, or a data stream written through. Its health and count are not known.
 */
export function indexByName(name: string, kind?: 'alias' | 'backing', targets?: readonly string[]): IndexSummary {
  return { name, ...(kind ? { kind } : {}), ...(targets ? { targets } : {}), health: '', docsCount: undefined, hidden: kind === 'backing' };
}

/** Lists a cluster's indices through `_cat/indices`, one request. */
export async function listIndices(gateway: ClusterGateway, includeHidden: boolean): Promise<IndexSummary[]> {
  const rows = await gateway.sendOkAndRead({
    method: 'GET',
    path: '/_cat/indices',
    query: { format: 'json', h: 'index,health,docs.count', s: 'index', expand_wildcards: includeHidden ? 'all' : 'open' },
  }, readCatIndices);
  return rows.map(({ index, health, docsCount }) => ({ name: index, health, docsCount, hidden: index.startsWith('.') }));
}

/** Aliases and the indices each points to, sorted by name. */
export async function listAliases(gateway: ClusterGateway, includeHidden: boolean): Promise<Array<{ name: string; indices: string[] }>> {
  const body = (await gateway.sendOkAndRead({ method: 'GET', path: '/_alias' }, parseJsonObject)) as Record<string, { aliases?: Record<string, unknown> }>;
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
  const body = (await gateway.sendOkAndRead({ method: 'GET', path: '/_data_stream' }, parseJsonObject)) as { data_streams?: Array<{ name?: string; indices?: Array<{ index_name?: string }> }> };
  return (body.data_streams ?? []).map((stream) => ({
    name: String(stream.name ?? ''),
    backingIndices: (stream.indices ?? []).map((i) => String(i.index_name ?? '')).filter(Boolean),
  }));
}

