// Points in time: a PIT pins the snapshot of every shard of its indices as of the last refresh, so
// searches through it see the documents as they were when it was opened, until keep_alive lapses.
import { randomBytes } from 'node:crypto';
import type { IndexState } from './index-state';
import type { ShardSnapshot } from './shard';
import { EsError } from '../errors';
import { parseTimeValue } from './settings';
import { AllShardsFailed, type ShardFailure } from './shard-failures';

export interface PitTarget {
  readonly index: IndexState;
  readonly snaps: readonly ShardSnapshot[];
}

export interface Pit {
  readonly id: string;
  readonly targets: readonly PitTarget[];
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** The longest keep-alive asked for so far: an engine's reader context never shortens its own. */
  keepAliveMs: number;
  expiresAt: number;
}

/** What a PIT id says about its shards, as Elasticsearch encodes the shard contexts into the id itself. */
interface EncodedContexts {
  readonly n: string;
  readonly s: ReadonlyArray<readonly [index: string, contextIds: number[]]>;
}

function encodeId(contexts: EncodedContexts['s']): string {
  const payload: EncodedContexts = { n: randomBytes(6).toString('base64url'), s: contexts };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodeId(id: string): EncodedContexts['s'] | undefined {
  try {
    const payload = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as EncodedContexts;
    return Array.isArray(payload.s) ? payload.s : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an id is one this server could have given out (else OpenSearch's "invalid id"). */
export function isWellFormedPitId(id: string): boolean {
  return decodeId(id) !== undefined;
}

/** An exception whose message Java left null (`"reason": null`). */
class NullReasonError extends EsError {
  override toErrorObject(withRootCause = true): Record<string, unknown> {
    return { ...super.toErrorObject(withRootCause), reason: null };
  }
}

/** OpenSearch's answer to a PIT id it cannot decode (SearchContextId.decode running out of bytes). */
export function invalidPitId(id: string): EsError {
  return new EsError(400, 'illegal_argument_exception', `invalid id: [${id}]`, {}, new NullReasonError(400, 'e_o_f_exception', ''), true);
}

/** The node's reader-context session (Elasticsearch 9 names it in a missing context's message): any 22 base64url characters. */
const SESSION_ID = 'esdocsTestNodeSession0';

/** Elasticsearch 9 prints the whole context id (`[session][id] searcherId [null]`), 8 and before its number. */
const contextMissing = (contextId: number | string, fullIds: boolean): EsError =>
  new EsError(404, 'search_context_missing_exception', `No search context found for id [${fullIds ? `[${SESSION_ID}][${contextId}] searcherId [null]` : contextId}]`);

/** 404 with one failed shard per shard context the id names, each with the context id that is gone. */
export function missingContext(id: string, fullIds = false): EsError {
  const contexts = decodeId(id);
  if (!contexts || contexts.length === 0) return new AllShardsFailed(404, [{ shard: 0, index: '_na_', cause: contextMissing(0, fullIds) }]);
  const failures: ShardFailure[] = [];
  for (const [index, ids] of contexts) ids.forEach((contextId, shard) => failures.push({ shard, index, cause: contextMissing(contextId, fullIds) }));
  return new AllShardsFailed(404, failures);
}

export function parseKeepAlive(v: unknown): number {
  const ms = parseTimeValue(String(v), 'keep_alive');
  if (ms <= 0) throw new EsError(400, 'illegal_argument_exception', `Keep alive for request (${String(v)}) is too small`);
  return ms;
}

export class PitRegistry {
  private readonly pits = new Map<string, Pit>();
  /** Shard contexts are numbered from 1 on this node, as Elasticsearch's reader contexts are. */
  private nextContextId = 1;

  /**
   * `now` is the clock keep-alives are measured by: tests move it forward rather than wait.
   * `fullContextIds`: a missing context is named as Elasticsearch 9 names it.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly fullContextIds = false,
  ) {}

  open(indices: IndexState[], keepAliveMs: number): Pit {
    this.sweep();
    const id = encodeId(indices.map((index) => [index.name, index.shards.map(() => this.nextContextId++)]));
    const targets = indices.map((index) => {
      for (const s of index.shards) s.pinned++;
      return { index, snaps: index.shards.map((s) => s.snapshot()) };
    });
    const now = this.now();
    const pit: Pit = { id, targets, createdAt: now, keepAliveMs, expiresAt: now + keepAliveMs };
    this.pits.set(id, pit);
    return pit;
  }

  /** The live PIT for an id, with its keep-alive extended; 404 when unknown or expired. */
  use(id: string, keepAliveMs: number | undefined, indexAlive: (ix: IndexState) => boolean): Pit {
    this.sweep();
    const pit = this.pits.get(id);
    if (!pit || pit.targets.some((t) => !indexAlive(t.index))) throw missingContext(id, this.fullContextIds);
    if (keepAliveMs !== undefined) {
      pit.expiresAt = this.now() + keepAliveMs;
      pit.keepAliveMs = Math.max(pit.keepAliveMs, keepAliveMs);
    }
    return pit;
  }

  /** The live PITs, oldest first. */
  list(): Pit[] {
    this.sweep();
    return [...this.pits.values()];
  }

  has(id: string): boolean {
    this.sweep();
    return this.pits.has(id);
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
    const now = this.now();
    for (const pit of [...this.pits.values()]) if (pit.expiresAt <= now) this.release(pit);
  }
}
