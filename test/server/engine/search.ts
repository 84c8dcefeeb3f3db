// Search execution over shard snapshots. Sorting on `_shard_doc` alone (what PIT paging uses) walks the
// shard logs from the search_after position, so page N costs what page 1 costs; any other sort collects
// the matching documents and sorts them.
import type { IndexState } from './index-state';
import type { DocRecord, ShardSnapshot } from './shard';
import { QueryCompiler, type Predicate } from './query';
import { AllShardsFailed, type ShardFailure } from './shard-failures';
import { EsError } from '../errors';
import { sliceFilter, type SliceSpec } from './slice';
import { type SortSpec, type SortValue, SHARD_DOC_SHIFT, afterInUnit, compareKeys, sortValue, checkSortable } from './sort';

export interface SearchTarget {
  readonly index: IndexState;
  readonly snaps: readonly ShardSnapshot[];
}

export interface SearchSpec {
  query: unknown;
  from: number;
  size: number;
  sort: SortSpec[];
  searchAfter?: SortValue[];
  /** false: no total; true: exact; number: count up to it. */
  trackTotalHits: boolean | number;
  slice?: SliceSpec;
}

export interface Hit {
  index: IndexState;
  rec: DocRecord;
  sort: SortValue[];
}

export interface SearchOutcome {
  hits: Hit[];
  total?: { value: number; relation: 'eq' | 'gte' };
  shards: number;
}

function isMatchAll(q: unknown): boolean {
  if (q === undefined || q === null) return true;
  const keys = Object.keys(q as object);
  return keys.length === 1 && keys[0] === 'match_all';
}

interface Cursor {
  target: SearchTarget;
  pred: Predicate;
  ordinal: number;
  shard: number;
}

function cursors(targets: readonly SearchTarget[], query: unknown): Cursor[] {
  const out: Cursor[] = [];
  let ordinal = 0;
  const failures: ShardFailure[] = [];
  for (const target of targets) {
    let pred: Predicate;
    try {
      pred = new QueryCompiler(target.index).compile(query);
    } catch (e) {
      // A query the shards cannot build (or a date bound they cannot read) fails each index (failures of one index's shards are grouped).
      if (!(e instanceof EsError) || (e.type !== 'query_shard_exception' && e.type !== 'parse_exception')) throw e;
      failures.push({ shard: 0, index: target.index.name, cause: e });
      continue;
    }
    target.snaps.forEach((_, shard) => out.push({ target, pred, ordinal: ordinal++, shard }));
  }
  if (failures.length > 0) throw new AllShardsFailed(failures[0]!.cause.status, failures);
  return out;
}

function countTotal(cs: Cursor[], matchAll: boolean, limit: number): number {
  if (matchAll) return cs.reduce((n, c) => n + c.target.snaps[c.shard]!.count, 0);
  let n = 0;
  for (const c of cs) {
    const shard = c.target.index.shards[c.shard]!;
    for (const r of shard.scan(c.target.snaps[c.shard]!)) {
      if (c.pred(r) && ++n >= limit) return n;
    }
  }
  return n;
}

function totalOf(spec: SearchSpec, cs: Cursor[], matchAll: boolean): SearchOutcome['total'] {
  if (spec.trackTotalHits === false) return undefined;
  const limit = spec.trackTotalHits === true ? Infinity : spec.trackTotalHits;
  const n = countTotal(cs, matchAll, limit === Infinity ? Infinity : limit + 1);
  return n > limit ? { value: limit, relation: 'gte' } : { value: n, relation: 'eq' };
}

/** The cursors of the slice's shards, each filtered to the slice's documents there; the others dropped. */
function sliced(cs: Cursor[], slice: SliceSpec): Cursor[] {
  return cs.flatMap((c) => {
    const filter = sliceFilter(slice, c.ordinal, cs.length, c.target.snaps[c.shard]!);
    if (filter === 'none') return [];
    if (filter === 'all') return [c];
    return [{ ...c, pred: (r: DocRecord) => filter(r) && c.pred(r) }];
  });
}

export function executeSearch(targets: readonly SearchTarget[], spec: SearchSpec): SearchOutcome {
  if (spec.slice?.outsidePaging) {
    const refusal = spec.slice.outsidePaging;
    const cause = (): EsError => new EsError(500, 'search_exception', refusal);
    // OpenSearch 2 and later also give the search failure the shards' cause; Elasticsearch 7 and OpenSearch 1 do not.
    const withCause = refusal.endsWith('PIT context');
    throw new AllShardsFailed(500, targets.map((t) => ({ shard: 0, index: t.index.name, cause: cause() })), withCause ? cause() : undefined, !withCause);
  }
  // A date sort's search_after may come printed in the sort's format: read back in the sort's unit.
  const first = targets[0]?.index;
  if (spec.searchAfter && first) spec = { ...spec, searchAfter: spec.searchAfter.map((value, i) => (spec.sort[i] ? afterInUnit(first, spec.sort[i]!, value) : value)) };
  const every = cursors(targets, spec.query);
  const cs = spec.slice ? sliced(every, spec.slice) : every;
  const matchAll = isMatchAll(spec.query) && spec.slice === undefined;
  for (const t of targets) for (const s of spec.sort) checkSortable(t.index, s);
  const wanted = spec.from + spec.size;
  const shardDocOnly = spec.sort.length === 1 && spec.sort[0]!.field === '_shard_doc';
  const hits: Hit[] = [];
  if (shardDocOnly) {
    const desc = spec.sort[0]!.desc;
    const after = spec.searchAfter?.[0];
    const afterNum = after === undefined || after === null ? undefined : Number(after);
    const ordered = desc ? [...cs].reverse() : cs;
    for (const c of ordered) {
      if (hits.length >= wanted) break;
      const base = c.ordinal * SHARD_DOC_SHIFT;
      let start = desc ? Infinity : 0;
      if (afterNum !== undefined) {
        const rel = afterNum - base;
        if (!desc && rel >= SHARD_DOC_SHIFT) continue;
        if (desc && rel < 0) continue;
        start = desc ? Math.min(rel - 1, SHARD_DOC_SHIFT) : Math.max(rel + 1, 0);
      }
      const shard = c.target.index.shards[c.shard]!;
      for (const r of shard.scan(c.target.snaps[c.shard]!, start === Infinity ? Number.MAX_SAFE_INTEGER : start, desc)) {
        if (!c.pred(r)) continue;
        hits.push({ index: c.target.index, rec: r, sort: [base + r.position] });
        if (hits.length >= wanted) break;
      }
    }
  } else {
    const all: Hit[] = [];
    for (const c of cs) {
      const shard = c.target.index.shards[c.shard]!;
      for (const r of shard.scan(c.target.snaps[c.shard]!)) {
        if (!c.pred(r)) continue;
        all.push({ index: c.target.index, rec: r, sort: spec.sort.map((s) => sortValue(c.target.index, r, s, c.ordinal)) });
      }
    }
    if (spec.sort.length > 0) all.sort((a, b) => compareKeys(a.sort, b.sort, spec.sort));
    const after = spec.searchAfter;
    const filtered = after ? all.filter((h) => compareKeys(h.sort, after, spec.sort) > 0) : all;
    hits.push(...filtered.slice(0, wanted));
  }
  return { hits: hits.slice(spec.from, wanted), total: totalOf(spec, cs, matchAll), shards: every.length };
}
