// One primary shard: the realtime document map, the _seq_no sequence and primary term, and an
// append-only log of document versions that gives every refresh (and every point in time) a zero-copy
// snapshot. A log entry at position p is visible at refresh generation g when writtenGen <= g < supersededGen;
// the position doubles as the `_shard_doc` order, so paging with search_after is an index jump, not a scan.

export interface DocRecord {
  readonly id: string;
  /** Raw source text as the client sent it; null for a delete tombstone. */
  readonly source: string | null;
  readonly version: number;
  readonly seqNo: number;
  readonly primaryTerm: number;
  readonly routing?: string;
  /** Position in the shard log; -1 for tombstones. */
  position: number;
  readonly writtenGen: number;
  supersededGen: number;
  /** The version this one replaced, kept for `realtime=false` reads until it is no longer visible. */
  prev?: DocRecord;
  readonly time: number;
  parsed?: unknown;
}

export interface ShardSnapshot {
  readonly gen: number;
  /** Log length at the refresh: no position at or beyond it is visible. */
  readonly end: number;
  readonly count: number;
}

/** Tombstones are kept this long (index.gc_deletes default) so versions continue after a delete. */
const GC_DELETES_MS = 60_000;

export class Shard {
  private readonly docs = new Map<string, DocRecord>();
  private log: DocRecord[] = [];
  private gen = 0;
  private end = 0;
  private count = 0;
  private pendingAdd = 0;
  private pendingRemove = 0;
  private nextSeqNo = 0;
  primaryTerm = 1;
  /** Open points in time holding snapshots of this shard; the log is not compacted while > 0. */
  pinned = 0;
  readonly stats = { indexTotal: 0, deleteTotal: 0, noopUpdateTotal: 0 };

  constructor(readonly num: number) {}

  get maxSeqNo(): number {
    return this.nextSeqNo - 1;
  }

  get hasPendingChanges(): boolean {
    return this.log.length > this.end || this.pendingRemove > 0;
  }

  /** Latest record for an id, including a tombstone still inside gc_deletes. */
  current(id: string): DocRecord | undefined {
    const r = this.docs.get(id);
    if (r && r.source === null && Date.now() - r.time > GC_DELETES_MS) {
      this.docs.delete(id);
      return undefined;
    }
    return r;
  }

  /** The live document, realtime or as of the last refresh. */
  get(id: string, realtime: boolean): DocRecord | undefined {
    let r = this.current(id);
    if (realtime) return r && r.source !== null ? r : undefined;
    while (r && r.writtenGen > this.gen) r = r.prev;
    if (r) r.prev = undefined;
    return r && r.source !== null && r.supersededGen > this.gen ? r : undefined;
  }

  write(id: string, source: string | null, version: number, routing: string | undefined, parsed?: unknown): DocRecord {
    const old = this.docs.get(id);
    const rec: DocRecord = {
      id,
      source,
      version,
      seqNo: this.nextSeqNo++,
      primaryTerm: this.primaryTerm,
      routing,
      position: source === null ? -1 : this.log.length,
      writtenGen: this.gen + 1,
      supersededGen: Infinity,
      prev: old,
      time: Date.now(),
      parsed,
    };
    if (old) this.supersede(old);
    if (source !== null) {
      this.log.push(rec);
      this.pendingAdd++;
      this.stats.indexTotal++;
    } else this.stats.deleteTotal++;
    this.docs.set(id, rec);
    return rec;
  }

  private supersede(old: DocRecord): void {
    if (old.source === null || old.supersededGen !== Infinity) return;
    old.supersededGen = this.gen + 1;
    if (old.writtenGen <= this.gen) this.pendingRemove++;
    else this.pendingAdd--;
  }

  refresh(): void {
    if (!this.hasPendingChanges) return;
    this.gen++;
    this.end = this.log.length;
    this.count += this.pendingAdd - this.pendingRemove;
    this.pendingAdd = 0;
    this.pendingRemove = 0;
    this.maybeCompact();
  }

  snapshot(): ShardSnapshot {
    return { gen: this.gen, end: this.end, count: this.count };
  }

  /** Iterates the documents visible in a snapshot, in `_shard_doc` order, starting at a log position. */
  *scan(snap: ShardSnapshot, from = 0, reverse = false): Generator<DocRecord> {
    if (!reverse) {
      for (let p = Math.max(0, from); p < snap.end && p < this.log.length; p++) {
        const r = this.log[p]!;
        if (r.writtenGen <= snap.gen && r.supersededGen > snap.gen) yield r;
      }
    } else {
      for (let p = Math.min(from, snap.end - 1, this.log.length - 1); p >= 0; p--) {
        const r = this.log[p]!;
        if (r.writtenGen <= snap.gen && r.supersededGen > snap.gen) yield r;
      }
    }
  }

  /** Live (realtime) document count, deleted count for cat/stats. */
  liveDocs(): number {
    return this.count + this.pendingAdd - this.pendingRemove;
  }

  deletedDocs(): number {
    return this.end - this.count;
  }

  private maybeCompact(): void {
    if (this.pinned > 0) return;
    const garbage = this.end - this.count;
    if (garbage < 1024 || garbage < this.log.length / 2) return;
    const kept: DocRecord[] = [];
    let newEnd = 0;
    for (const r of this.log) {
      if (r.supersededGen <= this.gen) continue;
      r.position = kept.length;
      kept.push(r);
      if (r.writtenGen <= this.gen) newEnd = kept.length;
    }
    this.log = kept;
    this.end = newEnd;
  }

  failover(): void {
    this.primaryTerm++;
  }
}
