import type { ClusterIdentity } from '../core/clusterEngine';
import { parseJsonObject, readCatIndices } from '../core/esResponses';
import { sortableFields, type SortableField } from '../core/listingSort';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

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
  const rows = await gateway.sendOkAndRead({
    method: 'GET',
    path: '/_cat/indices',
    query: { format: 'json', h: 'index,health,docs.count', s: 'index', expand_wildcards: includeHidden ? 'all' : 'open' },
  }, readCatIndices);
  return rows.map(({ index, health, docsCount }) => ({ name: index, health, docsCount, hidden: index.startsWith('.') }));
}

/** The fields documents of `index` (an index or an alias) can be listed in the order of. */
export async function listSortableFields(gateway: ClusterGateway, index: string): Promise<SortableField[]> {
  return sortableFields(await gateway.sendOkAndRead({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` }, parseJsonObject));
}

export type ClusterInfo = ClusterIdentity;

/** The cluster's name, engine and version (`GET /`, once per connection and session). */
export function readClusterInfo(gateway: ClusterGateway): Promise<ClusterInfo> {
  return gateway.cluster();
}

/** Aliases and the indices they point to, with the write index when one is set. */
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

/** Whether writes and reads by id in this index need a routing value (`_routing.required`). */
export async function isRoutingRequired(gateway: ClusterGateway, index: string): Promise<boolean> {
  const body = (await gateway.sendOkAndRead({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` }, parseJsonObject)) as Record<string, { mappings?: { _routing?: { required?: boolean } } }>;
  return Object.values(body).some((entry) => entry.mappings?._routing?.required === true);
}

/** The answer of `GET /{index}/_mapping`, keyed by concrete index (an alias or a data stream answers with its indices). */
export async function readIndexMappings(gateway: ClusterGateway, index: string): Promise<Record<string, unknown>> {
  return gateway.sendOkAndRead({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` }, parseJsonObject);
}
