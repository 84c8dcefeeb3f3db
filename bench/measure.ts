import { requestCounts, resetRequestCounts, type RequestCounts } from '../test/server/control';
import { interleave, type AbOptions, type Stats, type Timed } from './stats';

/**
 * One row of the report, timed in the same run: the extension's path; the peer baseline (what the
 * tools people use instead do: JSON.parse and JSON.stringify, losing big integers and `1.0`); and
 * the raw request, which neither pretty-prints nor validates (for information).
 */
export interface Row {
  readonly name: string;
  readonly extension: Stats;
  /** Shown instead of the extension's figures when it did not finish within the time cap. */
  readonly extensionNote?: string;
  /** A lower bound of the extension's time when it did not finish (the cap). */
  readonly extensionAtLeastMs?: number;
  readonly baseline?: Stats;
  readonly peer?: Stats;
  /** Shown instead of the baseline's figures when it cannot do the operation. */
  readonly baselineNote?: string;
  readonly requests: RequestCounts;
  readonly baselineRequests?: RequestCounts;
  readonly peerRequests?: RequestCounts;
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
  readonly peer?: Operation;
  readonly baselineNote?: string;
  readonly note?: string;
}

/** Times both paths interleaved, then counts the requests of one more call of each, untimed. */
export async function measure(baseUrl: string, options: AbOptions, m: Measured): Promise<Row> {
  const extension = timed(m.extension);
  const baseline = m.baseline === undefined ? undefined : timed(m.baseline);
  const peer = m.peer === undefined ? undefined : timed(m.peer);
  const [extensionStats, ...others] = await interleave(options, [extension, ...(baseline ? [baseline] : []), ...(peer ? [peer] : [])]);
  const requests = await countRequests(baseUrl, extension, options.runs);
  const baselineRequests = baseline ? await countRequests(baseUrl, baseline, options.runs) : undefined;
  const peerRequests = peer ? await countRequests(baseUrl, peer, options.runs) : undefined;
  return {
    name: m.name,
    extension: extensionStats,
    ...(baseline ? { baseline: others[0] } : {}),
    ...(peer ? { peer: others[baseline ? 1 : 0] } : {}),
    ...(peerRequests ? { peerRequests } : {}),
    ...(m.baselineNote ? { baselineNote: m.baselineNote } : {}),
    requests,
    ...(baselineRequests ? { baselineRequests } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}

/** A row whose extension path was given up after `capMs`: the baseline alone is timed. */
export async function measureCapped(baseUrl: string, options: AbOptions, m: Measured, capMs: number, requests: RequestCounts): Promise<Row> {
  const baseline = m.baseline === undefined ? undefined : timed(m.baseline);
  const peer = m.peer === undefined ? undefined : timed(m.peer);
  const result = await interleave(options, [...(baseline ? [baseline] : []), ...(peer ? [peer] : [])]);
  const baselineRequests = baseline ? await countRequests(baseUrl, baseline, options.runs) : undefined;
  return {
    name: m.name,
    extension: { runs: 1, medianMs: Number.NaN, p95Ms: Number.NaN },
    extensionNote: `> ${(capMs / 1000).toFixed(0)} s (gave up)`,
    extensionAtLeastMs: capMs,
    ...(baseline ? { baseline: result[0] } : {}),
    ...(peer ? { peer: result[baseline ? 1 : 0] } : {}),
    requests,
    ...(baselineRequests ? { baselineRequests } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}
