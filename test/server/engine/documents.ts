// Single-document operations with Elasticsearch's engine rules: per-shard _seq_no, _version that
// continues across deletes (tombstones), compare-and-set on _seq_no/_primary_term, external versioning.
import { randomBytes } from 'node:crypto';
import type { IndexState } from './index-state';
import type { DocRecord } from './shard';
import { applyDynamicMapping } from './dynamic-mapping';
import { type JObject, ValueStarts, parseJNode } from '../http/jnode';
import { EsError, versionConflict, validationFailed } from '../errors';
import { createdInEs7Dialect, openSearchMajorOf } from '../distribution';
import { asEs7ParsingError } from './es7-parsing-errors';

export type VersionType = 'internal' | 'external' | 'external_gte' | 'force';

export interface WriteControl {
  version?: number;
  versionType: VersionType;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
}

export interface WriteOutcome {
  result: 'created' | 'updated' | 'deleted' | 'not_found';
  record: DocRecord;
  shard: number;
}

let idCounter = 0;
/** 20 url-safe base64 characters from 15 bytes, time-ordered like Elasticsearch's auto ids. */
export function autoId(): string {
  const b = Buffer.alloc(15);
  b.writeUIntBE(Date.now(), 0, 6);
  b.writeUIntBE(idCounter++ & 0xffffff, 6, 3);
  randomBytes(6).copy(b, 9);
  return b.toString('base64url');
}

/** DocWriteRequest.validateSeqNoBasedCASParams plus IndexRequest's own checks, as validation messages. */
export function validateWrite(id: string | undefined, ctl: WriteControl, opType: 'index' | 'create' | 'delete'): string[] {
  const errors: string[] = [];
  const v = ctl.version;
  if (opType === 'create') {
    if (ctl.versionType !== 'internal') errors.push('create operations only support internal versioning. use index instead');
    if (v !== undefined) errors.push('create operations do not support explicit versions. use index instead');
    if (ctl.ifSeqNo !== undefined || ctl.ifPrimaryTerm !== undefined) errors.push('create operations do not support compare and set. use index instead');
  }
  if (id !== undefined && Buffer.byteLength(id, 'utf8') > 512) {
    errors.push(`id [${id}] is too long, must be no longer than 512 bytes but was: ${Buffer.byteLength(id, 'utf8')}`);
  }
  if (v !== undefined) {
    const valid = ctl.versionType === 'internal' ? v > 0 : v >= 0;
    if (!valid) errors.push(`illegal version value [${v}] for version type [${ctl.versionType.toUpperCase()}]`);
    if (ctl.versionType === 'internal' && opType !== 'create') {
      errors.push('internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead');
    }
  }
  if (ctl.ifSeqNo !== undefined && (ctl.versionType !== 'internal' || v !== undefined)) errors.push('compare and write operations can not use versioning');
  if (ctl.ifSeqNo !== undefined && ctl.ifPrimaryTerm === undefined) errors.push('ifSeqNo is set, but primary term is [0]');
  if (ctl.ifPrimaryTerm !== undefined && ctl.ifSeqNo === undefined) errors.push(`ifSeqNo is unassigned, but primary term is [${ctl.ifPrimaryTerm}]`);
  return errors;
}

export function checkWrite(id: string | undefined, ctl: WriteControl, opType: 'index' | 'create' | 'delete'): void {
  const errors = validateWrite(id, ctl, opType);
  if (errors.length) throw validationFailed(errors);
}

function conflictExplanation(current: DocRecord | undefined, ctl: WriteControl, create: boolean): string | undefined {
  const missing = !current || current.source === null;
  if (ctl.ifSeqNo !== undefined) {
    const req = `required seqNo [${ctl.ifSeqNo}], primary term [${ctl.ifPrimaryTerm}].`;
    if (missing) return `${req} but no document was found`;
    if (current!.seqNo !== ctl.ifSeqNo || current!.primaryTerm !== ctl.ifPrimaryTerm) {
      return `${req} current document has seqNo [${current!.seqNo}] and primary term [${current!.primaryTerm}]`;
    }
    return undefined;
  }
  if (create) return missing ? undefined : `document already exists (current version [${current!.version}])`;
  const v = ctl.version;
  if (v === undefined || !current) return undefined;
  const cur = current.version;
  switch (ctl.versionType) {
    case 'external':
      return cur >= v ? `current version [${cur}] is higher or equal to the one provided [${v}]` : undefined;
    case 'external_gte':
      return cur > v ? `current version [${cur}] is higher than the one provided [${v}]` : undefined;
    case 'internal':
      return cur !== v ? `current version [${cur}] is different than the one provided [${v}]` : undefined;
    default:
      return undefined;
  }
}

function nextVersion(current: DocRecord | undefined, ctl: WriteControl): number {
  if (ctl.versionType !== 'internal' && ctl.version !== undefined) return ctl.version;
  return current ? current.version + 1 : 1;
}

/** Parses and checks a source for indexing; updates the dynamic mapping. */
export function prepareSource(index: IndexState, id: string, source: string): unknown {
  const created = index.setting('index.version.created');
  if (!createdInEs7Dialect(created)) return checkSource(index, id, source);
  const openSearch = openSearchMajorOf(created);
  try {
    return checkSource(index, id, source);
  } catch (e) {
    throw e instanceof EsError ? asEs7ParsingError(e, openSearch === undefined ? 'elasticsearch7' : openSearch >= 3 ? 'opensearch3' : openSearch >= 2 ? 'opensearch' : 'opensearch1') : e;
  }
}

function checkSource(index: IndexState, id: string, source: string): unknown {
  const type = createdInEs7Dialect(index.setting('index.version.created')) ? 'mapper_parsing_exception' : 'document_parsing_exception';
  const trimmed = source.trim();
  if (!trimmed.startsWith('{')) {
    throw new EsError(400, type, '[1:1] failed to parse: Malformed content, must start with an object');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    // As Elasticsearch nests them: the parsing exception (its own root cause), then the content
    // parser's, then Jackson's. The texts are this server's parser's, not Jackson's.
    const message = (e as Error).message;
    const cause = new EsError(400, 'x_content_parse_exception', message, {}, new EsError(400, 'json_parse_exception', message));
    throw new EsError(400, type, `[1:1] failed to parse: ${message}`, {}, cause, true);
  }
  if (index.dataStream && (parsed as Record<string, unknown>)['@timestamp'] === undefined) {
    throw new EsError(400, type, '[1:1] failed to parse: data stream timestamp field [@timestamp] is missing');
  }
  // The mapping reads the JSON tokens themselves: `1.0` is a float, 12345678901234567890123 is no long.
  const starts = new ValueStarts();
  const tree = parseJNode(source, starts) as JObject;
  applyDynamicMapping(index.mappings, tree, { text: source, starts, id, errorType: type });
  return parsed;
}

export function indexDocument(
  index: IndexState,
  id: string,
  source: string,
  parsed: unknown,
  routing: string | undefined,
  ctl: WriteControl,
  create: boolean,
): WriteOutcome {
  const shardNum = index.shardNumFor(id, routing);
  const shard = index.shards[shardNum]!;
  const current = shard.current(id);
  const why = conflictExplanation(current, ctl, create);
  if (why) throw versionConflict(id, why, index.name, index.uuid, shardNum);
  const missing = !current || current.source === null;
  const record = shard.write(id, source, nextVersion(current, ctl), routing, source.length < 65536 ? parsed : undefined);
  return { result: missing ? 'created' : 'updated', record, shard: shardNum };
}

export function deleteDocument(index: IndexState, id: string, routing: string | undefined, ctl: WriteControl): WriteOutcome {
  const shardNum = index.shardNumFor(id, routing);
  const shard = index.shards[shardNum]!;
  const current = shard.current(id);
  const why = conflictExplanation(current, ctl, false);
  if (why) throw versionConflict(id, why, index.name, index.uuid, shardNum);
  const found = !!current && current.source !== null;
  const record = shard.write(id, null, nextVersion(current, ctl), routing);
  return { result: found ? 'deleted' : 'not_found', record, shard: shardNum };
}

/** Version check for reads (GET/exists/source with `version`). */
/** Reads compare versions for equality whatever the version type (VersionType.isVersionConflictForReads). */
export function checkReadVersion(index: IndexState, rec: DocRecord, version: number | undefined, shard: number): void {
  if (version === undefined) return;
  const conflict = rec.version !== version;
  if (conflict) {
    throw versionConflict(rec.id, `current version [${rec.version}] is different than the one provided [${version}]`, index.name, index.uuid, shard);
  }
}

export function parsedSource(rec: DocRecord): Record<string, unknown> {
  if (rec.parsed !== undefined) return rec.parsed as Record<string, unknown>;
  const p = JSON.parse(rec.source ?? '{}') as Record<string, unknown>;
  if ((rec.source?.length ?? 0) < 65536) rec.parsed = p;
  return p;
}
