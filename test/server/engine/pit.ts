// Points in time: a PIT pins the snapshot of every shard of its indices as of the last refresh, so
// searches through it see the documents as they were when it was opened, until keep_alive lapses.
import { randomBytes } from 'node:crypto';
import type { IndexState } from './index-state';
import type { ShardSnapshot } from './shard';
import { EsError } from '../errors';
import { parseTimeValue } from './settings';

export interface PitTarget {
  readonly index: IndexState;
  readonly snaps: readonly ShardSnapshot[];
}

export interface Pit {
  readonly id: string;
  readonly targets: readonly PitTarget[];
  expiresAt: number;
}

export function missingContext(id: string): EsError {
  const cause = new EsError(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
  return new EsError(404, 'search_phase_execution_exception', 'all shards failed', { phase: 'query', grouped: true, failed_shards: [] }, cause);
}

export function parseKeepAlive(v: unknown): number {
  const ms = parseTimeValue(String(v), 'keep_alive');
  if (ms <= 0) throw new EsError(400, 'illegal_argument_exception', `Keep alive for request (${String(v)}) is too small`);
  return ms;
}

export class PitRegistry {
  private readonly pits = new Map<string, Pit>();

  open(indices: IndexState[], keepAliveMs: number): Pit {
    this.sweep();
    const id = randomBytes(36).toString('base64url');
    const targets = indices.map((index) => {
      for (const s of index.shards) s.pinned++;
      return { index, snaps: index.shards.map((s) => s.snapshot()) };
    });
    const pit: Pit = { id, targets, expiresAt: Date.now() + keepAliveMs };
    this.pits.set(id, pit);
    return pit;
  }

  /** The live PIT for an id, with its keep-alive extended; 404 when unknown or expired. */
  use(id: string, keepAliveMs: number | undefined, indexAlive: (ix: IndexState) => boolean): Pit {
    this.sweep();
    const pit = this.pits.get(id);
    if (!pit || pit.targets.some((t) => !indexAlive(t.index))) throw missingContext(id.slice(0, 12));
    if (keepAliveMs !== undefined) pit.expiresAt = Date.now() + keepAliveMs;
    return pit;
  }

  /** Returns the number of shard contexts freed. */
  close(id: string): number {
    const pit = this.pits.get(id);
    if (!pit) return 0;
    this.release(pit);
    return pit.targets.reduce((n, t) => n + t.snaps.length, 0);
  }

  closeAll(): number {
    let n = 0;
    for (const id of [...this.pits.keys()]) n += this.close(id);
    return n;
  }

  private release(pit: Pit): void {
    this.pits.delete(pit.id);
    for (const t of pit.targets) for (const s of t.index.shards) s.pinned--;
  }

  private sweep(): void {
    const now = Date.now();
    for (const pit of [...this.pits.values()]) if (pit.expiresAt <= now) this.release(pit);
  }
}
