/**
 * Which engine answers at a connection, read from its `GET /`: Elasticsearch or OpenSearch, and
 * its version. The user never chooses it; paging and the client used follow from it.
 */

import { sortsOnId } from './listingSort';

export type EngineName = 'elasticsearch' | 'opensearch';

/** What a successful `GET /` said. */
export interface ClusterIdentity {
  readonly clusterName: string;
  readonly engine: EngineName;
  readonly version: string;
  /** Elasticsearch's `build_flavor`: `oss` builds have no point in time. */
  readonly flavor?: string;
}

/**
 * How a listing pages: Elasticsearch's point in time (`/_pit`), OpenSearch's
 * (`/_search/point_in_time`, 2.4 and later), or `search_after` alone where there is none.
 */
export type PagingMethod = 'elasticsearchPit' | 'opensearchPit' | 'searchAfter';

/** Reads the answer of `GET /`. OpenSearch says so in `version.distribution` (1.x in compatibility mode too). */
export function readClusterIdentity(body: Record<string, unknown>): ClusterIdentity {
  const version = typeof body.version === 'object' && body.version !== null ? (body.version as Record<string, unknown>) : {};
  const number = typeof version.number === 'string' && version.number !== '' ? version.number : 'unknown';
  const distribution = typeof version.distribution === 'string' ? version.distribution.toLowerCase() : '';
  const tagline = typeof body.tagline === 'string' ? body.tagline : '';
  const engine: EngineName = distribution === 'opensearch' || /opensearch/i.test(tagline) ? 'opensearch' : 'elasticsearch';
  const flavor = typeof version.build_flavor === 'string' ? version.build_flavor : undefined;
  return { clusterName: typeof body.cluster_name === 'string' ? body.cluster_name : '', engine, version: number, ...(flavor ? { flavor } : {}) };
}

/** What a connection's tree row and messages call it, e.g. `OpenSearch 2.19.6`. */
export function engineLabel(identity: Pick<ClusterIdentity, 'engine' | 'version'>): string {
  return `${identity.engine === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} ${identity.version}`;
}

/** Whether `version` (e.g. `2.19.6`, `8.19.0-SNAPSHOT`) is at least major.minor. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (match === null) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have > major || (have === major && haveMinor >= minor);
}

/**
 * The paging method an engine supports. A version that cannot be read gets `search_after`
 * alone, which every engine understands.
 */
export function pagingMethodOf(identity: ClusterIdentity): PagingMethod {
  if (identity.engine === 'opensearch') return versionAtLeast(identity.version, 2, 4) ? 'opensearchPit' : 'searchAfter';
  // The point in time came with 7.10's default distribution; the oss builds never had it.
  return identity.flavor !== 'oss' && versionAtLeast(identity.version, 7, 10) ? 'elasticsearchPit' : 'searchAfter';
}

/**
 * The sort key that makes every hit's position unique. Elasticsearch 7.12 and later have
 * `_shard_doc` under a point in time; OpenSearch (forked from 7.10) and listings without a point
 * in time use `_id`, which both still sort on by default.
 */
export function tiebreakerOf(method: PagingMethod, identity: ClusterIdentity): '_shard_doc' | '_id' {
  return method === 'elasticsearchPit' && versionAtLeast(identity.version, 7, 12) ? '_shard_doc' : '_id';
}

/** What a version of an engine has that the extension uses, or does without (README: What each version has). */
export interface EngineFeatures {
  /** ES|QL (`POST /_query`): Elasticsearch 8.11 and later. */
  readonly esql: boolean;
  /** A sort on `_id`: Elasticsearch before 8 (from 8 its field data is off by default) and every OpenSearch. */
  readonly idSort: boolean;
  /** A point in time: one snapshot for listings, exports and bulk changes. */
  readonly pointInTime: boolean;
}

export function engineFeatures(identity: ClusterIdentity): EngineFeatures {
  const elasticsearch = identity.engine === 'elasticsearch';
  return {
    esql: elasticsearch && versionAtLeast(identity.version, 8, 11),
    idSort: !elasticsearch || sortsOnId(identity.version),
    pointInTime: pagingMethodOf(identity) !== 'searchAfter',
  };
}
