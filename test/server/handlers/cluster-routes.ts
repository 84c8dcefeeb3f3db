// Root info, cluster health and the capabilities API the YAML runner asks before some tests.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { OPENSEARCH_BUILD_HASH, type Dialect } from '../distribution';

function buildInfo(version: string): Record<string, unknown> {
  const major = Number(version.split('.')[0]);
  const table: Record<number, [string, string, string]> = {
    7: ['8.11.3', '6.8.0', '6.0.0-beta1'],
    8: ['9.12.2', '7.17.0', '7.0.0'],
    9: ['10.2.2', '8.19.0', '8.0.0'],
  };
  const [defaultLucene, wire, idx] = table[major] ?? table[8]!;
  // Lucene moved on within 9.x: the minors checked against the engine.
  const lucene = ({ '9.5': '10.5.1' } as Record<string, string>)[version.split('.').slice(0, 2).join('.')] ?? defaultLucene;
  return {
    number: version,
    build_flavor: 'default',
    build_type: 'docker',
    build_hash: '0000000000000000000000000000000000000000',
    build_date: '2025-07-01T00:00:00.000000000Z',
    build_snapshot: false,
    lucene_version: lucene,
    minimum_wire_compatibility_version: wire,
    minimum_index_compatibility_version: idx,
  };
}

/** Lucene per OpenSearch minor (as its Version constants give it); later minors keep the last one named. */
const OPENSEARCH_LUCENE: Record<string, string> = {
  '1.3': '8.10.1',
  '2.0': '9.1.0', '2.1': '9.2.0', '2.2': '9.3.0', '2.4': '9.4.1', '2.5': '9.4.2', '2.6': '9.5.0', '2.8': '9.6.0', '2.9': '9.7.0',
  '2.12': '9.9.2', '2.13': '9.10.0', '2.16': '9.11.1', '2.18': '9.12.0', '2.19': '9.12.3',
  '3.0': '10.1.0', '3.1': '10.2.1', '3.3': '10.3.1', '3.9': '10.5.1',
};

function luceneOfOpenSearch(d: Dialect): string {
  let found = OPENSEARCH_LUCENE['2.0']!;
  for (let minor = 0; minor <= d.minor; minor++) found = OPENSEARCH_LUCENE[`${d.major}.${minor}`] ?? found;
  return found;
}

function openSearchBuildInfo(d: Dialect): Record<string, unknown> {
  // An OpenSearch node talks to the previous major's last minor (1.x also to Elasticsearch 6.8).
  const [wire, idx] = d.major === 1 ? ['6.8.0', '6.0.0-beta1'] : d.major === 2 ? ['7.10.0', '7.0.0'] : ['2.19.0', '2.0.0'];
  return {
    distribution: 'opensearch',
    number: d.version,
    build_type: 'tar',
    build_hash: OPENSEARCH_BUILD_HASH,
    build_date: '2025-07-01T00:00:00.000000000Z',
    build_snapshot: false,
    lucene_version: luceneOfOpenSearch(d),
    minimum_wire_compatibility_version: wire,
    minimum_index_compatibility_version: idx,
  };
}

/** Capabilities this server claims, per "METHOD path" (what the YAML tests ask about). */
const CAPABILITIES: Record<string, string[]> = {
  'PUT /{index}': ['lookup_index_mode', 'poorly_formatted_bad_request', 'hunspell_dict_400'],
};

export function registerClusterRoutes(router: Router, ctx: ServerContext): void {
  const os = ctx.dialect.opensearch;
  const info = (): EsResponse => ({
    status: 200,
    body: {
      name: ctx.nodeName,
      cluster_name: ctx.clusterName,
      cluster_uuid: ctx.cluster.clusterUuid,
      version: os ? openSearchBuildInfo(ctx.dialect) : buildInfo(ctx.version),
      tagline: os ? 'The OpenSearch Project: https://opensearch.org/' : 'You Know, for Search',
    },
  });
  router.add('info', ['GET'], '/', 'none', info);
  router.add('ping', ['HEAD'], '/', 'none', info);

  const health = (req: EsRequest): EsResponse => {
    const indices = [...ctx.cluster.indices.values()];
    const primaries = indices.reduce((n, ix) => n + ix.numShards, 0);
    const unassigned = indices.reduce((n, ix) => n + ix.numShards * ix.replicas, 0);
    const status = unassigned > 0 ? 'yellow' : 'green';
    const wanted = req.query.get('wait_for_status');
    const timedOut = wanted === 'green' && status !== 'green';
    return {
      status: timedOut ? 408 : 200,
      body: {
        cluster_name: ctx.clusterName,
        status,
        timed_out: timedOut,
        number_of_nodes: 1,
        number_of_data_nodes: 1,
        ...(os ? { discovered_master: true, discovered_cluster_manager: true } : {}),
        active_primary_shards: primaries,
        active_shards: primaries,
        relocating_shards: 0,
        initializing_shards: 0,
        unassigned_shards: unassigned,
        ...(os ? {} : { unassigned_primary_shards: 0 }),
        delayed_unassigned_shards: 0,
        number_of_pending_tasks: 0,
        number_of_in_flight_fetch: 0,
        task_max_waiting_in_queue_millis: 0,
        active_shards_percent_as_number: primaries + unassigned === 0 ? 100 : (100 * primaries) / (primaries + unassigned),
      },
    };
  };
  router.add('cluster.health', ['GET'], '/_cluster/health', 'none', health);
  router.add('cluster.health', ['GET'], '/_cluster/health/{index}', 'none', health);

  // OpenSearch has no capabilities API.
  if (os) return;
  router.add('capabilities', ['GET'], '/_capabilities', 'none', (req) => {
    const key = `${req.query.get('method') ?? 'GET'} ${req.query.get('path') ?? '/'}`;
    const wanted = (req.query.get('capabilities') ?? '').split(',').filter(Boolean);
    const have = CAPABILITIES[key] ?? [];
    return { status: 200, body: { supported: wanted.every((c) => have.includes(c)) } };
  });
}
