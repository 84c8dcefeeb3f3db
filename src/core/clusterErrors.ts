import { truncate } from './esResponses';

/**
 * Turns what the cluster (or the network) said into one sentence a user can act on, keeping the
 * cluster's own reason. Everything the extension shows about a failed request goes through here.
 */

export type FailureKind =
  | 'conflict'
  | 'documentMissing'
  | 'indexMissing'
  | 'unauthorized'
  | 'forbidden'
  | 'badRequest'
  | 'tooManyRequests'
  | 'serverError'
  | 'network'
  | 'malformed';

export interface ClusterFailure {
  readonly kind: FailureKind;
  readonly status?: number;
  /** The cluster's error type, e.g. `version_conflict_engine_exception`. */
  readonly type?: string;
  /** The type of the first root cause, which can be more precise than `type`. */
  readonly rootCauseType?: string;
  readonly reason: string;
}

interface ErrorBody {
  error?: string | { type?: string; reason?: string; root_cause?: Array<{ type?: string; reason?: string }>; caused_by?: { type?: string; reason?: string } };
  found?: boolean;
}

function parseErrorBody(text: string): ErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as ErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(status: number, type: string | undefined): FailureKind {
  if (status === 409) return 'conflict';
  if (type === 'index_not_found_exception') return 'indexMissing';
  if (status === 404) return 'documentMissing';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'tooManyRequests';
  if (status >= 500) return 'serverError';
  return 'badRequest';
}

/** Classifies an HTTP answer whose status is 400 or more. */
export function failureFromResponse(status: number, bodyText: string): ClusterFailure {
  const body = parseErrorBody(bodyText);
  if (body === undefined) {
    const snippet = truncate(bodyText.replace(/<[^>]*>/g, ' '), 160);
    return { kind: status >= 500 ? 'serverError' : kindOf(status, undefined), status, reason: snippet === '' ? `HTTP ${status} with an empty answer` : `HTTP ${status}: ${snippet}` };
  }
  const error = body.error;
  if (typeof error === 'string') return { kind: kindOf(status, undefined), status, reason: error };
  if (error === undefined) {
    const reason = body.found === false ? 'the document was not found' : `HTTP ${status}`;
    return { kind: kindOf(status, undefined), status, reason };
  }
  const type = error.type ?? error.root_cause?.[0]?.type;
  let reason = error.reason ?? error.root_cause?.[0]?.reason ?? `HTTP ${status}`;
  if (error.caused_by?.reason && !reason.includes(error.caused_by.reason)) reason += ` (${error.caused_by.reason})`;
  const rootCauseType = error.root_cause?.[0]?.type;
  return { kind: kindOf(status, type), status, type, reason, ...(rootCauseType ? { rootCauseType } : {}) };
}

export function failureFromNetwork(error: unknown): ClusterFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'network', reason: message };
}

const ADVICE: Partial<Record<FailureKind, string>> = {
  unauthorized: 'Check the connection\'s credentials.',
  forbidden: 'The user lacks the privilege for this action.',
  tooManyRequests: 'The cluster is overloaded; try again in a moment.',
  network: 'Check that the cluster is reachable.',
  indexMissing: 'The index may have been deleted.',
};

/** One line for a notification: what failed, the cluster's reason, and what to do. */
export function describeFailure(action: string, failure: ClusterFailure): string {
  const status = failure.status === undefined ? '' : ` (HTTP ${failure.status}${failure.type ? ` ${failure.type}` : ''})`;
  const advice = ADVICE[failure.kind];
  return `${action} failed${status}: ${failure.reason}${advice ? ` ${advice}` : ''}`;
}

/** A failure carried as an exception through layers that only pass errors on. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(readonly failure: ClusterFailure) {
    super(failure.reason);
  }
}
