import * as l10n from '@vscode/l10n';
import type { ClusterFailure } from './model/clusterErrors';
import { maxResponseBytesOf } from '../platform/model/settingValues';

/**
 * Bounds on what a request may cost the editor's process, shared by every extension: an overall
 * deadline (not only the idle time between chunks, which a server dripping one byte a second never
 * exceeds) and a size above which an answer is not read at all.
 */

export const DEFAULT_MAX_RESPONSE_BYTES = maxResponseBytesOf(undefined);

export function deadlineFailure(timeoutMs: number): ClusterFailure {
  const duration = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return { kind: 'network', reason: l10n.t('the cluster did not answer in time (within {0}, esdocs.requestTimeoutSeconds)', duration) };
}

export function tooLargeFailure(maxBytes: number): ClusterFailure {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return { kind: 'malformed', reason: l10n.t('the answer was larger than {0} MB (esdocs.maxResponseMegabytes) and was not read', megabytes) };
}

/** Thrown while reading an answer past the cap; the gateway turns it into `tooLargeFailure`. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
}

/**
 * Reads a whole answer's bytes, refusing it as soon as it would exceed `maxBytes`: up front when
 * its Content-Length says so, else when the bytes read pass the cap. Leaving the loop early
 * destroys the stream, which drops the connection rather than reading the rest.
 */
export async function readBounded(body: AsyncIterable<Buffer | string> & { destroy?: () => void }, maxBytes: number, contentLength: unknown): Promise<Buffer> {
  if (Number(contentLength) > maxBytes) {
    body.destroy?.();
    throw new AnswerTooLargeError();
  }
  const declared = Number(contentLength);
  // With the length known, the chunks are copied into one buffer as they come: no list of chunks
  // and no second copy of a large answer, which would be garbage for the collector at once.
  const whole = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  // Bytes in `whole`; what does not fit (a body longer than announced) goes to `chunks`, in order.
  let filled = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (size + bytes.length > maxBytes) throw new AnswerTooLargeError();
    if (whole !== undefined && chunks.length === 0 && filled + bytes.length <= whole.length) filled += bytes.copy(whole, filled);
    else chunks.push(bytes);
    size += bytes.length;
  }
  if (whole === undefined) return Buffer.concat(chunks);
  return chunks.length === 0 ? whole.subarray(0, filled) : Buffer.concat([whole.subarray(0, filled), ...chunks]);
}
