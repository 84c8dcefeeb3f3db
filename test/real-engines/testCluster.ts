import { clusterUnderTest } from '../conformance/reset';
import { failover } from '../server/control';
import { startEsServer, type EsServerOptions } from '../server/server';
import type { RunningRealCluster } from './realCluster';

/**
 * The cluster a test runs against. By default each test file starts the project's test server;
 * `npm run test:real` runs the same files inside its own process against a real engine it
 * started, after calling `useRealEngine`. Tests that need what only the test server has (fault
 * injection, request counts) ask `real` and skip themselves on a real engine.
 */
export interface TestCluster {
  readonly url: string;
  readonly real: boolean;
  /** What the cluster is, or answers as. */
  readonly engine: 'elasticsearch' | 'opensearch';
  /** An index of `shards` primaries, each with a replica where the cluster has nodes for one. */
  createIndex(name: string, shards: number): Promise<void>;
  /** Fails the primary of a shard over to its replica; resolves to the index's new primary term of that shard. */
  failover(index: string, shard: number): Promise<number>;
  close(): Promise<void>;
}

interface RealEngineSource {
  /** The single-node engine shared by the tests of a run. */
  readonly shared: RunningRealCluster;
  /** A fresh multi-node cluster, for a test that stops nodes. */
  readonly startMultiNode: () => Promise<RunningRealCluster>;
}

let realEngine: RealEngineSource | undefined;

/** Makes `startTestCluster` hand out the real engine (only `npm run test:real` calls this). */
export function useRealEngine(source: RealEngineSource | undefined): void {
  realEngine = source;
}

export function runningOnRealEngine(): boolean {
  return realEngine !== undefined;
}

/** `multiNode`: the test stops nodes, so on a real engine it gets a cluster of its own. */
export async function startTestCluster(options: EsServerOptions & { multiNode?: boolean } = {}): Promise<TestCluster> {
  if (realEngine === undefined) return testServerCluster(options);
  const cluster = options.multiNode ? await realEngine.startMultiNode() : realEngine.shared;
  // Each test file starts from an empty cluster, as it would with a test server of its own.
  if (!options.multiNode) await (await clusterUnderTest(cluster.url)).reset();
  return realCluster(cluster, options.multiNode === true);
}

async function testServerCluster(options: EsServerOptions): Promise<TestCluster> {
  // ESDOCS_TEST_DISTRIBUTION=opensearch: the same tests against the test server answering as OpenSearch.
  const distribution = process.env.ESDOCS_TEST_DISTRIBUTION === 'opensearch' ? { distribution: 'opensearch' as const } : {};
  const server = await startEsServer({ port: 0, ...distribution, ...options });
  return {
    url: server.url,
    real: false,
    engine: distribution.distribution ?? 'elasticsearch',
    createIndex: async (name, shards) => {
      const response = await fetch(`${server.url}/${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ settings: { number_of_shards: shards } }) });
      if (!response.ok) throw new Error(`creating ${name}: ${response.status} ${await response.text()}`);
    },
    failover: (index, shard) => failover(server.url, index, shard),
    close: () => server.close(),
  };
}

function realCluster(cluster: RunningRealCluster, owned: boolean): TestCluster {
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(cluster.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    url: cluster.url,
    real: true,
    engine: cluster.engine,
    createIndex: async (name, shards) => {
      // A node that leaves gives its replicas back at once, so a second failover finds a copy.
      const replicas = cluster.nodeNames.length > 1 ? 1 : 0;
      await json('PUT', `/${encodeURIComponent(name)}`, { settings: { number_of_shards: shards, number_of_replicas: replicas, 'index.unassigned.node_left.delayed_timeout': '0' } });
      await json('GET', `/_cluster/health/${encodeURIComponent(name)}?wait_for_status=${replicas > 0 ? 'green' : 'yellow'}&timeout=60s`);
    },
    failover: async (index, shard) => {
      await cluster.stopNode(await cluster.primaryNodeOf(index, shard));
      // Every copy placed again before anything else stops: no shard is left without one.
      if (cluster.nodeNames.length > 1) await json('GET', `/_cluster/health/${encodeURIComponent(index)}?wait_for_status=green&timeout=60s`);
      const state = await json<{ metadata: { indices: Record<string, { primary_terms: Record<string, number> }> } }>('GET', `/_cluster/state/metadata/${encodeURIComponent(index)}`);
      return state.metadata.indices[index]!.primary_terms[String(shard)]!;
    },
    close: async () => {
      if (owned) await cluster.close();
    },
  };
}
