// Helpers shared by the REST handlers: body parsing with Elasticsearch's errors, write-response
// fields (_shards, forced_refresh), and the refresh / routing / versioning URL parameters.
import type { EsRequest } from '../http/es-request';
import { bodyText, hasBody, param, paramLong } from '../http/es-request';
import type { IndexState } from '../engine/index-state';
import type { DocRecord } from '../engine/shard';
import type { VersionType, WriteControl } from '../engine/documents';
import { EsError, illegalArgument, parseError, xContentParseError } from '../errors';
import { createdWithTypes } from '../distribution';

export function jsonBody(req: EsRequest, required: boolean): Record<string, unknown> | undefined {
  if (!hasBody(req) || bodyText(req).trim() === '') {
    if (required) throw parseError('request body is required');
    return undefined;
  }
  const text = bodyText(req);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw xContentParseError(`[1:1] ${(e as Error).message}`, new EsError(400, 'json_parse_exception', (e as Error).message));
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw parseError('request body or source parameter is required');
  return v as Record<string, unknown>;
}

export function shardsHeader(index: IndexState): { total: number; successful: number; failed: number } {
  return { total: 1 + index.replicas, successful: 1, failed: 0 };
}

export type RefreshPolicy = 'none' | 'immediate' | 'wait_for';

export function refreshPolicy(v: string | undefined): RefreshPolicy {
  if (v === undefined || v === 'false') return 'none';
  if (v === '' || v === 'true') return 'immediate';
  if (v === 'wait_for') return 'wait_for';
  throw illegalArgument(`Unknown value for refresh: [${v}].`);
}

/**
 * Applies a write's refresh policy to its shard. `wait_for` is satisfied by refreshing right away:
 * the change is visible when the response arrives, as Elasticsearch guarantees, without a 1 s wait.
 */
export function applyRefresh(index: IndexState, shard: number, policy: RefreshPolicy): boolean {
  if (policy === 'none') return false;
  index.shards[shard]!.refresh();
  return policy === 'immediate';
}

export function writeResult(index: IndexState, rec: DocRecord, result: string, forced: boolean, withType: boolean): Record<string, unknown> {
  return {
    _index: index.name,
    ...(withType ? { _type: '_doc' } : {}),
    _id: rec.id,
    _version: rec.version,
    result,
    ...(forced ? { forced_refresh: true } : {}),
    _shards: shardsHeader(index),
    _seq_no: rec.seqNo,
    _primary_term: rec.primaryTerm,
  };
}

export function versionType(v: string | undefined): VersionType {
  if (v === undefined) return 'internal';
  if (v === 'internal' || v === 'external' || v === 'external_gte' || v === 'force') return v;
  throw illegalArgument(`No version type match [${v}]`);
}

export function writeControl(req: EsRequest): WriteControl {
  const ifSeqNo = paramLong(req, 'if_seq_no');
  const ifPrimaryTerm = paramLong(req, 'if_primary_term');
  if (ifSeqNo !== undefined && ifSeqNo < 0) throw illegalArgument(`sequence numbers must be non negative. got [${ifSeqNo}].`);
  if (ifPrimaryTerm !== undefined && ifPrimaryTerm < 0) throw illegalArgument(`primary term must be non negative. got [${ifPrimaryTerm}]`);
  return { version: paramLong(req, 'version'), versionType: versionType(req.query.get('version_type')), ifSeqNo, ifPrimaryTerm };
}

export function routingMissing(index: IndexState, id: string): EsError {
  const type = createdWithTypes(index.setting('index.version.created')) ? '[_doc]/' : '';
  return new EsError(400, 'routing_missing_exception', `routing is required for [${index.name}]/${type}[${id}]`, { index_uuid: index.uuid, index: index.name });
}

export function routingFor(req: EsRequest, index: IndexState, id: string, aliasRouting?: string): string | undefined {
  const r = param(req, 'routing') ?? aliasRouting;
  if (r === undefined && index.routingRequired) throw routingMissing(index, id);
  return r;
}
