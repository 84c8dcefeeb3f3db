import type { ClusterGateway } from '../cluster/clusterGateway';
import { looksLikeJson } from './model/consoleResults';
import type { WireRequest } from './model/consoleRender';

/** One request of a console sent and its answer, as the results view and the headless console show it. */
export interface Exchange {
  readonly wire: WireRequest;
  readonly status: number;
  /** The answer's exact text. */
  readonly text: string;
  readonly bytes: number;
  readonly json: boolean;
  readonly elapsedMs: number;
}

/**
 * Sends a console request through the connection's gateway: once, never retried, with its path and
 * query string as written, NDJSON bodies with their media type, and `_cat` answered as text
 * unless the request asks for a `format`. Any HTTP status is an answer; a transport failure throws.
 */
export async function exchange(gateway: ClusterGateway, wire: WireRequest): Promise<Exchange> {
  const started = performance.now();
  const answer = await gateway.send({
    method: wire.method,
    path: wire.path,
    ...(wire.body === undefined ? {} : { body: wire.body }),
    ...(wire.ndjson ? { contentType: 'application/x-ndjson' } : {}),
    ...(wantsText(wire.path) ? { accept: 'text/plain' } : {}),
  });
  const text = answer.text;
  return {
    wire,
    status: answer.status,
    text,
    bytes: answer.bytes?.length ?? Buffer.byteLength(text),
    json: looksLikeJson(answer.contentType, text),
    elapsedMs: performance.now() - started,
  };
}

function wantsText(path: string): boolean {
  return /^\/_cat(\/|\?|$)/.test(path) && !/[?&]format=/.test(path);
}
