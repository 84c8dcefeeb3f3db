// Document-to-shard placement as in Elasticsearch's IndexRouting (no partitioned routing).
import { murmur3HashString } from './murmur3';

/** MetadataCreateIndexService.calculateNumRoutingShards: numShards * 2^k, at most 1024 (split at least once). */
export function defaultRoutingShards(numShards: number): number {
  const log2NumShards = numShards <= 1 ? 0 : 32 - Math.clz32(numShards - 1);
  const numSplits = Math.max(1, 10 - log2NumShards);
  return numShards * 2 ** numSplits;
}

export function shardForRouting(routingOrId: string, numShards: number, routingNumShards: number): number {
  const factor = routingNumShards / numShards;
  const hash = murmur3HashString(routingOrId);
  const mod = ((hash % routingNumShards) + routingNumShards) % routingNumShards;
  return Math.floor(mod / factor);
}
