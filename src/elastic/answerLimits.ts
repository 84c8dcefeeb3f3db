import type { ClusterFailure } from '../core/clusterErrors';
import { maxResponseBytesOf } from '../core/settingValues';

/**
 * Bounds on what a request may cost the editor's process, shared by every extension: an overall
 * deadline (not only the idle time between chunks, which a server dripping one byte a second never
 * exceeds) and a size above which an answer is not read at all.
 */

export const DEFAULT_MAX_RESPONSE_BYTES = maxResponseBytesOf(undefined);

export function deadlineFailure(timeoutMs: number): ClusterFailure {
  const duration = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return { kind: 'network', reason: `the cluster did not answer in time (within ${duration}, esdocs.requestTimeoutSeconds)` };
}

export function tooLargeFailure(maxBytes: number): ClusterFailure {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return { kind: 'malformed', reason: `the answer was larger than ${megabytes} MB (esdocs.maxResponseMegabytes) and was not read` };
}

/** Thrown while reading an answer past the cap; the gateway turns it into `tooLargeFailure`. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
}

/**
 * Reads a whole answer as UTF-8, refusing it as soon as it would exceed `maxBytes`: up front when
 * its Content-Length says so, else when the bytes read pass the cap. Leaving the loop early
 * destroys the stream, which drops the connection rather than reading the rest.
 */
export async function readBounded(body: AsyncIterable<Buffer | string> & { destroy?: () => void }, maxBytes: number, contentLength: unknown): Promise<string> {
  if (Number(contentLength) > maxBytes) {
    body.destroy?.();
    throw new AnswerTooLargeError();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw new AnswerTooLargeError();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
