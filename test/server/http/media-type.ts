// Media types Elasticsearch accepts, and RestCompatibleVersionHelper's rule that a requested
// `compatible-with` version is the server's major or the one before (7.17 also accepts 8).
import { EsError } from '../errors';

export interface MediaType {
  readonly type: string;
  readonly compatibleWith?: number;
}

export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (!header) return undefined;
  const first = header.split(',')[0]!.trim().toLowerCase();
  if (first === '' || first === '*/*') return undefined;
  const [type, ...params] = first.split(';').map((s) => s.trim());
  let compatibleWith: number | undefined;
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s.trim());
    if (k === 'compatible-with' && v !== undefined) compatibleWith = Number(v);
  }
  return { type: type!, compatibleWith };
}

const JSON_TYPES = new Set(['application/json', 'application/vnd.elasticsearch+json']);
const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/vnd.elasticsearch+x-ndjson']);
/** Browser-safelisted types are refused to prevent CSRF (RestController.isContentTypeDisallowed). */
const SAFELISTED = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** `opensearch`: OpenSearch knows none of Elasticsearch's vendor media types (`application/vnd.elasticsearch+json`). */
export function isAcceptedContentType(mt: MediaType, ndjson: boolean, opensearch = false): boolean {
  if (SAFELISTED.has(mt.type)) return false;
  if (opensearch) return mt.type === 'application/json' || (ndjson && mt.type === 'application/x-ndjson');
  return JSON_TYPES.has(mt.type) || (ndjson && NDJSON_TYPES.has(mt.type));
}

function supportedMajors(serverMajor: number, minor: number): number[] {
  if (serverMajor === 7 && minor >= 17) return [7, 8];
  return [serverMajor, serverMajor - 1];
}

function mediaError(reason: string): EsError {
  const cause = new EsError(400, 'status_exception', reason);
  return new EsError(400, 'media_type_header_exception', 'Invalid media-type value on headers [Accept, Content-Type]', {}, cause, true);
}

/** Returns the compatible version to answer with (undefined: plain JSON), or throws the 400. */
export function checkCompatibility(
  accept: string | undefined,
  contentType: string | undefined,
  hasBody: boolean,
  serverMajor: number,
  serverMinor: number,
): number | undefined {
  const majors = supportedMajors(serverMajor, serverMinor);
  const [hi, lo] = [Math.max(...majors), Math.min(...majors)];
  const a = parseMediaType(accept)?.compatibleWith;
  const c = parseMediaType(contentType)?.compatibleWith;
  const bad = (v: number | undefined): boolean => v !== undefined && (!Number.isInteger(v) || !majors.includes(v));
  if (bad(a)) {
    throw mediaError(`Accept version must be either version ${hi} or ${lo}, but found ${a}. Accept=${accept}`);
  }
  if (hasBody) {
    if (bad(c)) {
      throw mediaError(`Content-Type version must be either version ${hi} or ${lo}, but found ${c}. Content-Type=${contentType}`);
    }
    if ((a !== undefined || c !== undefined) && a !== c) {
      throw mediaError(
        'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. ' +
          `Accept=${accept}, Content-Type=${contentType}`,
      );
    }
  }
  return a ?? c;
}
