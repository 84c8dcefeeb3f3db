/** Timing statistics: samples in milliseconds, A/B interleaved so that drift hits both paths alike. */

export interface Stats {
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
}

/** Times one call of `op`, in milliseconds. */
export async function timeOnce(op: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await op();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface AbOptions {
  readonly runs: number;
  readonly warmup: number;
}

/** An operation, and optionally what must be ready before it, done outside the timer. */
export interface Timed {
  readonly run: (i: number) => Promise<unknown>;
  readonly prepare?: (i: number) => Promise<void>;
}

async function timeTimed(op: Timed, i: number): Promise<number> {
  await op.prepare?.(i);
  return timeOnce(() => op.run(i));
}

/**
 * Runs the operations interleaved, `warmup` untimed rounds then `runs` timed rounds; each round
 * starts with the next operation in turn (A B C, B C A, …), so that drift hits all alike and none
 * always runs right after another. `i` is the round (warm-up rounds are negative), for operations
 * that depend on it (deep pages). The result has the statistics of each operation, in order.
 */
export async function interleave(options: AbOptions, ops: readonly Timed[]): Promise<Stats[]> {
  for (let i = -options.warmup; i < 0; i++) {
    for (const op of ops) await timeTimed(op, i);
  }
  const samples: number[][] = ops.map(() => []);
  for (let i = 0; i < options.runs; i++) {
    for (let k = 0; k < ops.length; k++) {
      const which = (i + k) % ops.length;
      samples[which].push(await timeTimed(ops[which], i));
    }
  }
  return samples.map(summarize);
}
