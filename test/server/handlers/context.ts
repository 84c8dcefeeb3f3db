// What every handler shares: the cluster state, the open points in time and the server's identity.
import type { Cluster } from '../engine/cluster';
import type { PitRegistry } from '../engine/pit';

export interface ServerContext {
  readonly cluster: Cluster;
  readonly pits: PitRegistry;
  readonly version: string;
  readonly nodeName: string;
  readonly clusterName: string;
}
