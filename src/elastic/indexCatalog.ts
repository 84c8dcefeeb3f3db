import { parseJsonObject } from '../core/esResponses';
import type { ClusterGateway } from './clusterGateway';

export interface IndexSummary {
  readonly name: string;
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
