import * as l10n from '@vscode/l10n';
import { truncate } from './esResponses';
import { redact } from './redaction';
import { describeTlsFailure } from './tlsFailures';

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
  | 'tls'
  | 'malformed'
  /** Refused before sending: the connection is read-only. */
  | 'readOnly';

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
  error?: unknown;
  found?: unknown;
  /** AWS's own answers (a refused signature, an expired token): `{"message": "…"}`, or `Message`. */
  message?: unknown;
  Message?: unknown;
}

interface ErrorObject {
  type?: unknown;
  reason?: unknown;
  root_cause?: unknown;
  caused_by?: unknown;
}

/** A field of an error answer, when it is the string it should be. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function firstRootCause(error: ErrorObject): ErrorObject {
  const first: unknown = Array.isArray(error.root_cause) ? error.root_cause[0] : undefined;
  return typeof first === 'object' && first !== null ? (first as ErrorObject) : {};
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
    // OpenSearch's security plugin refuses in one plain word (`Unauthorized`): that is the reason.
    if ((status === 401 || status === 403) && /^[\w .,'-]{1,80}$/.test(bodyText.trim())) return { kind: kindOf(status, undefined), status, reason: bodyText.trim() };
    return { kind: status >= 500 ? 'serverError' : kindOf(status, undefined), status, reason: snippet === '' ? l10n.t('the answer was empty') : l10n.t('the answer was not JSON: {0}', snippet) };
  }
  const error = body.error;
  const awsMessage = text(body.message) ?? text(body.Message);
  if (error === undefined && awsMessage !== undefined) return { kind: kindOf(status, undefined), status, reason: awsMessage };
  if (typeof error === 'string') return { kind: kindOf(status, undefined), status, reason: error };
  if (typeof error !== 'object' || error === null) {
    const reason = body.found === false ? l10n.t('the document was not found') : l10n.t('the answer gave no reason');
    return { kind: kindOf(status, undefined), status, reason };
  }
  const details = error as ErrorObject;
  const rootCause = firstRootCause(details);
  const type = text(details.type) ?? text(rootCause.type);
  let reason = text(details.reason) ?? text(rootCause.reason) ?? l10n.t('the answer gave no reason');
  const causedBy = typeof details.caused_by === 'object' && details.caused_by !== null ? text((details.caused_by as ErrorObject).reason) : undefined;
  if (causedBy && !reason.includes(causedBy)) reason += ` (${causedBy})`;
  const rootCauseType = text(rootCause.type);
  return { kind: kindOf(status, type), status, type, reason, ...(rootCauseType ? { rootCauseType } : {}) };
}

export function failureFromNetwork(error: unknown): ClusterFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }) : undefined;
  const code = (error as { code?: string } | undefined)?.code ?? cause?.code;
  const tls = describeTlsFailure(`${message} ${cause?.message ?? ''}`, code);
  if (tls) return { kind: 'tls', reason: tls };
  if (name === 'TimeoutError' || /timed out/i.test(message)) return { kind: 'network', reason: l10n.t('the cluster did not answer in time') };
  if (/other side closed|socket hang up|ECONNRESET|closed/i.test(message)) return { kind: 'network', reason: l10n.t('the connection was closed before an answer arrived') };
  if (/ECONNREFUSED/.test(message)) return { kind: 'network', reason: l10n.t('nothing answers at that address ({0})', message.replace(/^.*ECONNREFUSED\s*/, '')) };
  return { kind: 'network', reason: message };
}

/** What to do about a failure; a function, since the bundle is configured at activation, after modules load. */
function adviceFor(kind: FailureKind): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return l10n.t('Check the connection\'s credentials.');
    case 'forbidden':
      return l10n.t('The user lacks the privilege for this action.');
    case 'tooManyRequests':
      return l10n.t('The cluster is overloaded; try again in a moment.');
    case 'network':
      return l10n.t('Check that the cluster is reachable.');
    case 'indexMissing':
      return l10n.t('The index may have been deleted.');
    case 'readOnly':
      return l10n.t('Edit the connection to allow writes.');
    default:
      return undefined;
  }
}

/**
 * One line for a notification: what failed, the cluster's reason, and what to do. The reason is
 * the cluster's (or a proxy's) text, which may echo a header: it is redacted like a log line,
 * with the secrets given (see `Redactor` in src/connections).
 */
export function describeFailure(action: string, failure: ClusterFailure, write = false, secrets: Iterable<string> = []): string {
  const status = failure.status === undefined ? '' : ` (HTTP ${failure.status}${failure.type ? ` ${failure.type}` : ''})`;
  const reason = /[.!?]$/.test(failure.reason) ? failure.reason : `${failure.reason}.`;
  // A write whose answer never came may still have been applied: the next save finds out.
  const unknownOutcome = write && failure.kind === 'network' ? ` ${l10n.t('The cluster may have applied it; saving again will tell.')}` : '';
  const advice = adviceFor(failure.kind);
  const headline = l10n.t({
    message: '{0} failed{1}: {2}',
    args: [action, status, reason],
    comment: ['{0} is what was being done, e.g. "Listing indices"; {1} is empty or " (HTTP 401 security_exception)"; {2} is the reason'],
  });
  return redact(`${headline}${unknownOutcome}${advice ? ` ${advice}` : ''}`, secrets);
}

/** The failure an action threw: a cluster's, or any other error, read as an answer that could not be used. */
export function failureOf(error: unknown): ClusterFailure {
  return error instanceof ClusterError ? error.failure : { kind: 'malformed', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * The text for whatever an action threw, e.g. "Listing failed (HTTP 401 …): … Check the
 * connection's credentials.": the one way a failure is put into words for the user. `write`
 * marks an action that may have changed the cluster.
 */
export function describeError(action: string, error: unknown, write = false, secrets: Iterable<string> = []): string {
  return describeFailure(action, failureOf(error), write, secrets);
}

/** Words what an action threw, redacted for the screen: `Redactor.error` in src/connections. */
export type DescribeError = (action: string, error: unknown, write?: boolean) => string;

/** Text bound for the screen, redacted of every secret this session has seen: `Redactor` in src/connections. */
export interface ScreenText {
  text(text: string): string;
  error: DescribeError;
}

/** A failure carried as an exception through layers that only pass errors on. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(readonly failure: ClusterFailure) {
    super(failure.reason);
  }
}
