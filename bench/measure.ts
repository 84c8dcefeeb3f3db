import { requestCounts, resetRequestCounts, type RequestCounts } from '../test/server/control';
import { interleave, type AbOptions, type Stats, type Timed } from './stats';

/** One row of the report: the extension's path next to the raw baseline, timed in the same run. */
export interface Row {
  readonly name: string;
  readonly extension: Stats;
  /** Shown instead of the extension's figures when it did not finish within the time cap. */
  readonly extensionNote?: string;
  /** A lower bound of the extension's time when it did not finish (the cap). */
  readonly extensionAtLeastMs?: number;
  readonly baseline?: Stats;
  /** Shown instead of the baseline's figures when it cannot do the operation. */
  readonly baselineNote?: string;
  readonly requests: RequestCounts;
  readonly baselineRequests?: RequestCounts;
  readonly note?: string;
}

export type Operation = ((i: number) => Promise<unknown>) | Timed;

function timed(op: Operation): Timed {
  return typeof op === 'function' ? { run: op } : op;
}

/** The requests the server logged for one call of `op`, its preparation not counted (the control API is not logged). */
export async function countRequests(baseUrl: string, op: Timed, i: number): Promise<RequestCounts> {
  await op.prepare?.(i);
  await resetRequestCounts(baseUrl);
  await op.run(i);
  return requestCounts(baseUrl);
}

export interface Measured {
  readonly name: string;
  readonly extension: Operation;
  readonly baseline?: Operation;
  readonly baselineNote?: string;
  readonly note?: string;
}

/** Times both paths interleaved, then counts the requests of one more call of each, untimed. */
export async function measure(baseUrl: string, options: AbOptions, m: Measured): Promise<Row> {
  const extension = timed(m.extension);
  const baseline = m.baseline === undefined ? undefined : timed(m.baseline);
  const result = await interleave(options, extension, baseline);
  const requests = await countRequests(baseUrl, extension, options.runs);
  const baselineRequests = baseline ? await countRequests(baseUrl, baseline, options.runs) : undefined;
  return {
    name: m.name,
    extension: result.a,
    ...(result.b ? { baseline: result.b } : {}),
    ...(m.baselineNote ? { baselineNote: m.baselineNote } : {}),
    requests,
    ...(baselineRequests ? { baselineRequests } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}

/** A row whose extension path was given up after `capMs`: the baseline alone is timed. */
export async function measureCapped(baseUrl: string, options: AbOptions, m: Measured, capMs: number, requests: RequestCounts): Promise<Row> {
  const baseline = m.baseline === undefined ? undefined : timed(m.baseline);
  const result = baseline ? await interleave(options, baseline, undefined) : undefined;
  const baselineRequests = baseline ? await countRequests(baseUrl, baseline, options.runs) : undefined;
  return {
    name: m.name,
    extension: { runs: 1, medianMs: Number.NaN, p95Ms: Number.NaN },
    extensionNote: `> ${(capMs / 1000).toFixed(0)} s (gave up)`,
    extensionAtLeastMs: capMs,
    ...(result ? { baseline: result.a } : {}),
    requests,
    ...(baselineRequests ? { baselineRequests } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}
