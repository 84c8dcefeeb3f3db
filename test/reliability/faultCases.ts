import type { FaultSpec } from '../server/faults';

/**
 * The faults of the issue, each with what a user must be told. `applied` says whether the server
 * carries the write out despite the failure: a dropped answer, or a request that is only slow
 * (the test server, like Elasticsearch, finishes a write whose client gave up waiting).
 */
export interface FaultCase {
  readonly name: string;
  readonly fault: Omit<FaultSpec, 'method' | 'path' | 'times'>;
  /** What `describeFailure` must say, for both saving and opening. */
  readonly message: RegExp;
  readonly appliedOnSave: boolean;
}

/** Short enough to keep the run quick, long enough for a loaded 2-core machine to answer in time. */
export const REQUEST_TIMEOUT_MS = 1_000;
export const LATENCY_MS = 2_500;

export const FAULT_CASES: readonly FaultCase[] = [
  { name: 'latency beyond the timeout', fault: { kind: 'latency', latencyMs: LATENCY_MS }, message: /did not answer in time/i, appliedOnSave: true },
  { name: 'connection dropped before the write', fault: { kind: 'drop_before' }, message: /socket hang up|connection|reset|closed/i, appliedOnSave: false },
  { name: 'connection dropped after the write', fault: { kind: 'drop_after' }, message: /socket hang up|connection|reset|closed/i, appliedOnSave: true },
  { name: 'HTTP 429', fault: { kind: 'error', status: 429 }, message: /HTTP 429 es_rejected_execution_exception\): rejected execution.*overloaded/, appliedOnSave: false },
  { name: 'HTTP 500', fault: { kind: 'error', status: 500 }, message: /HTTP 500 exception\): internal server error/, appliedOnSave: false },
  { name: 'HTTP 503', fault: { kind: 'error', status: 503 }, message: /HTTP 503 unavailable_shards_exception\): primary shard is not active/, appliedOnSave: false },
  { name: 'malformed body', fault: { kind: 'malformed' }, message: /not (valid |complete )?JSON|malformed|incomplete|cut short/i, appliedOnSave: false },
  { name: 'HTML error page', fault: { kind: 'html' }, message: /HTTP 502\): the answer was not JSON: 502 Bad Gateway/, appliedOnSave: false },
  { name: 'empty body', fault: { kind: 'empty' }, message: /empty/i, appliedOnSave: false },
];
