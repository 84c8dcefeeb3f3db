/**
 * `esdocs.maxResponseMegabytes`: the largest answer the extension reads, in MB (MiB, as
 * Elasticsearch counts `http.max_content_length`). The default is that setting's default: no
 * document can be larger. At most 500, below the largest string the JavaScript engine can hold.
 */
export const DEFAULT_MAX_RESPONSE_MEGABYTES = 100;
const MAX_MEGABYTES = 500;

export function maxResponseBytesOf(megabytes: unknown): number {
  const value = typeof megabytes === 'number' && Number.isFinite(megabytes) ? Math.min(MAX_MEGABYTES, Math.max(1, Math.round(megabytes))) : DEFAULT_MAX_RESPONSE_MEGABYTES;
  return value * 1024 * 1024;
}
