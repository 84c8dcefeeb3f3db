// What every handler shares: the cluster state, the open points in time and the server's identity.
import type { Cluster } from '../engine/cluster';
import type { PitRegistry } from '../engine/pit';
import type { Dialect } from '../distribution';

export interface ServerContext {
  readonly cluster: Cluster;
  readonly pits: PitRegistry;
  readonly version: string;
  /** The product and version answered as, with what differs between them. */
  readonly dialect: Dialect;
  readonly nodeName: string;
  readonly clusterName: string;
}
