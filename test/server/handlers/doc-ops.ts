// Document writes shared by the single-document APIs and _bulk: target resolution (aliases, data
// streams, auto-creation), request validation, routing, and the engine operation.
import type { ServerContext } from './context';
import type { IndexState } from '../engine/index-state';
import { autoId, checkWrite, deleteDocument, indexDocument, prepareSource, type WriteControl, type WriteOutcome } from '../engine/documents';
import { parseUpdateBody, updateDocument, validateUpdate, type UpdateOutcome, type UpdateRequestBody } from '../engine/update';
import { parseJNode, JsonSyntaxError } from '../http/jnode';
import { routingMissing } from './common';
import { EsError, validationFailed, xContentParseError } from '../errors';

export interface IndexOp {
  index: string;
  id?: string;
  source: string;
  routing?: string;
  opType: 'index' | 'create';
  ctl: WriteControl;
  requireAlias?: boolean;
  requireDataStream?: boolean;
}

function route(index: IndexState, id: string, routing: string | undefined, aliasRouting: string | undefined): string | undefined {
  const r = routing ?? aliasRouting;
  if (r === undefined && index.routingRequired) throw routingMissing(index, id);
  return r;
}

export function performIndex(ctx: ServerContext, op: IndexOp): { index: IndexState; outcome: WriteOutcome } {
  const auto = op.id === undefined;
  if (auto && (op.ctl.version !== undefined || op.ctl.versionType !== 'internal')) {
    throw validationFailed(['an id must be provided if version type or value are set']);
  }
  const id = op.id ?? autoId();
  const create = op.opType === 'create' || auto;
  checkWrite(op.id, op.ctl, create && !auto ? 'create' : 'index');
  const { index, aliasRouting } = ctx.cluster.resolveWrite(op.index, {
    requireAlias: op.requireAlias,
    opType: create ? 'create' : 'index',
    autoCreate: true,
    requireDataStream: op.requireDataStream,
  });
  if (index.closed) throw indexClosed(index);
  const routing = route(index, id, op.routing, aliasRouting);
  const parsed = prepareSource(index, id, op.source);
  return { index, outcome: indexDocument(index, id, op.source, parsed, routing, op.ctl, create) };
}

export function indexClosed(index: IndexState): EsError {
  return new EsError(400, 'index_closed_exception', 'closed', { index_uuid: index.uuid, index: index.name });
}

export function performDelete(ctx: ServerContext, indexName: string, id: string, routing: string | undefined, ctl: WriteControl): { index: IndexState; outcome: WriteOutcome } {
  checkWrite(id, ctl, 'delete');
  const { index, aliasRouting } = ctx.cluster.resolveWrite(indexName, { opType: 'index', autoCreate: false });
  if (index.closed) throw indexClosed(index);
  return { index, outcome: deleteDocument(index, id, route(index, id, routing, aliasRouting), ctl) };
}

export interface UpdateOp {
  index: string;
  id: string;
  routing?: string;
  body: string;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
  retryOnConflict: number;
  requireAlias?: boolean;
}

export function parseUpdate(raw: string): UpdateRequestBody {
  try {
    return parseUpdateBody(raw, parseJNode(raw));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw xContentParseError(`[${e.line}:${e.column}] ${e.message}`);
    throw e;
  }
}

export function performUpdate(ctx: ServerContext, op: UpdateOp, body: UpdateRequestBody): { index: IndexState; outcome: UpdateOutcome } {
  validateUpdate(body, op.ifSeqNo, op.ifPrimaryTerm, op.retryOnConflict);
  if (Buffer.byteLength(op.id, 'utf8') > 512) {
    throw validationFailed([`id [${op.id}] is too long, must be no longer than 512 bytes but was: ${Buffer.byteLength(op.id, 'utf8')}`]);
  }
  const { index, aliasRouting } = ctx.cluster.resolveWrite(op.index, { requireAlias: op.requireAlias, opType: 'index', autoCreate: true });
  if (index.closed) throw indexClosed(index);
  const routing = route(index, op.id, op.routing, aliasRouting);
  return { index, outcome: updateDocument(index, op.id, routing, body, op.ifSeqNo, op.ifPrimaryTerm) };
}
