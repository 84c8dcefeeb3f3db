/**
 * Settings as the extension uses them: whatever a settings file says (a folder's included), the
 * value is a number of the right kind within bounds, so no setting can turn a timeout off, make
 * every request fail, or ask for pages no cluster serves.
 */

/** `esdocs.refreshOnSave` as the `refresh` parameter of a write; `false` sends none. */
export type RefreshPolicy = 'false' | 'wait_for' | 'true';

/** `esdocs.maxResponseMegabytes` by default: Elasticsearch's own `http.max_content_length`, so no document is larger. */
export const DEFAULT_MAX_RESPONSE_MEGABYTES = 100;

function boundedInteger(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** `esdocs.requestTimeoutSeconds`, in whole seconds from 1 to 600 (10 minutes), as milliseconds. */
export function requestTimeoutMsOf(seconds: unknown): number {
  return boundedInteger(seconds, 1, 600, 30) * 1000;
}

/** `esdocs.pageSize`: 1 to 10,000 documents (Elasticsearch's default `max_result_window`). */
export function pageSizeOf(value: unknown): number {
  return boundedInteger(value, 1, 10_000, 50);
}

/** `esdocs.retryOnConflict`: 0 to 100. */
export function retryOnConflictOf(value: unknown): number {
  return boundedInteger(value, 0, 100, 3);
}

/**
 * `esdocs.maxResponseMegabytes` as bytes (MiB, as Elasticsearch counts): 1 to 500, below the
 * largest string the JavaScript engine can hold.
 */
export function maxResponseBytesOf(megabytes: unknown): number {
  return boundedInteger(megabytes, 1, 500, DEFAULT_MAX_RESPONSE_MEGABYTES) * 1024 * 1024;
}

/** `esdocs.refreshOnSave`: `false`, `wait_for` or `true`; anything else is `false`. */
export function refreshPolicyOf(value: unknown): RefreshPolicy {
  return value === true || value === 'true' ? 'true' : value === 'wait_for' ? 'wait_for' : 'false';
}

/** `esdocs.saveFormat`: how a saved document is sent. */
export type SaveFormat = 'compact' | 'asTyped';

/** `esdocs.saveFormat`: `asTyped` sends the editor's text as it is; anything else is `compact`. */
export function saveFormatOf(value: unknown): SaveFormat {
  return value === 'asTyped' ? 'asTyped' : 'compact';
}
