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

export interface AbResult {
  readonly a: Stats;
  readonly b: Stats | undefined;
}

/**
 * Runs `a` and `b` interleaved (A B, B A, …), `warmup` untimed rounds then `runs` timed rounds. `i` is the
 * round (warm-up rounds are negative), for operations that depend on it (deep pages).
 */
export async function interleave(
  options: AbOptions,
  a: Timed,
  b: Timed | undefined,
): Promise<AbResult> {
  for (let i = -options.warmup; i < 0; i++) {
    await timeTimed(a, i);
    if (b) await timeTimed(b, i);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    // A-B then B-A: neither path always runs right after the other.
    if (b && i % 2 === 1) sb.push(await timeTimed(b, i));
    sa.push(await timeTimed(a, i));
    if (b && i % 2 === 0) sb.push(await timeTimed(b, i));
  }
  return { a: summarize(sa), b: b ? summarize(sb) : undefined };
}
