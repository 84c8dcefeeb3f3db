// Sliced searches (`"slice": {"id", "max"}` with a point in time or a scroll): each slice of a
// request gets a disjoint part of the documents, and all slices together every one of them once.
// As Elasticsearch's SliceBuilder does it: with at least as many shards as slices, a slice takes
// whole shards (shard % max == id); with fewer, each shard is split among the slices that fall to
// it, by contiguous ranges of document positions (DocIdSliceQuery over the reader's maxDoc, here
// the shard's log length at the snapshot).
import type { DocRecord, ShardSnapshot } from './shard';
import { EsError, validationFailed, xContentParseError, illegalArgument } from '../errors';

export interface SliceSpec {
  readonly id: number;
  readonly max: number;
  /**
   * Elasticsearch 7 and OpenSearch take a slice outside a point in time or a scroll and fail it on
   * every shard, each in its words.
   */
  readonly outsidePaging?: string;
}

/** The request's `slice`, checked as Elasticsearch's parser checks it (its field's position in `raw`, 1-based, as the error's location). */
export function parseSlice(value: unknown, raw: string, paged: boolean, dialect: { readonly opensearch: boolean; readonly major: number }): SliceSpec | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EsError(400, 'x_content_parse_exception', '[slice] failed to parse object');
  let id: number | undefined;
  let max: number | undefined;
  const sliceAt = raw.indexOf('"slice"');
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key !== 'id' && key !== 'max' && key !== 'field') throw new EsError(400, 'x_content_parse_exception', `[slice] unknown field [${key}]`);
    if (key === 'field') continue;
    const at = raw.indexOf(`"${key}"`, sliceAt);
    const column = at < 0 ? 1 : raw.indexOf(':', at) + 2;
    const fail = (reason: string): EsError => xContentParseError(`[1:${column}] [slice] failed to parse field [${key}]`, illegalArgument(reason));
    if (typeof v !== 'number' || !Number.isInteger(v)) throw fail(`${key} must be an integer`);
    if (key === 'id') {
      if (v < 0) throw fail('id must be greater than or equal to 0');
      if (max !== undefined && v >= max) throw fail('max must be greater than id');
      id = v;
    } else {
      if (v <= 1) throw fail('max must be greater than 1');
      if (id !== undefined && id >= v) throw fail('max must be greater than id');
      max = v;
    }
  }
  const shardLevel = dialect.opensearch || dialect.major < 8;
  if (!paged && !shardLevel) throw validationFailed(['[slice] can only be used with [scroll] or [point-in-time] requests']);
  // OpenSearch 1 has no point in time to name.
  const refusal = !dialect.opensearch ? '[slice] can only be used with [scroll] or [point-in-time] requests' : dialect.major < 2 ? '`slice` cannot be used outside of a scroll context' : '`slice` cannot be used outside of a scroll context or PIT context';
  return { id: id ?? -1, max: max ?? -1, ...(paged ? {} : { outsidePaging: refusal }) };
}

/**
 * Which documents of one shard belong to the slice: all, none, or a range of positions.
 * `shard` is the shard's place among all shards of the request, `shards` their number.
 */
export function sliceFilter(slice: SliceSpec, shard: number, shards: number, snap: ShardSnapshot): ((r: DocRecord) => boolean) | 'all' | 'none' {
  if (shards >= slice.max) return shard % slice.max === slice.id ? 'all' : 'none';
  if (slice.id % shards !== shard) return 'none';
  const slicesHere = Math.floor(slice.max / shards) + (slice.max % shards > shard ? 1 : 0);
  const here = Math.floor(slice.id / shards);
  const maxDoc = snap.end;
  const quotient = Math.floor(maxDoc / slicesHere);
  const remainder = maxDoc % slicesHere;
  const start = here < remainder ? (quotient + 1) * here : remainder * (quotient + 1) + (here - remainder) * quotient;
  const size = here < remainder ? quotient + 1 : quotient;
  return (r) => r.position >= start && r.position < start + size;
}
