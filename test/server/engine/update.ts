// The update API: partial-document deep merge, upserts, noop detection. Merging works on the
// order-preserving tree, so fields the update does not touch keep their exact text; the merged
// document is re-serialized compactly (Elasticsearch re-serializes updated sources too).
import type { IndexState } from './index-state';
import { indexDocument, prepareSource } from './documents';
import type { DocRecord } from './shard';
import { type JObject, type JValue, isJObject, jnodeEquals, parseJNode, stringifyJNode, toPlain } from '../http/jnode';
import { EsError, illegalArgument, validationFailed, versionConflict, xContentParseError } from '../errors';
import { levenshteinSimilarity } from '../http/params';
import { createdWithTypes } from '../distribution';

export interface UpdateRequestBody {
  doc?: JObject;
  upsert?: JObject;
  docAsUpsert: boolean;
  detectNoop: boolean;
  script?: JValue;
  scriptedUpsert: boolean;
  source?: unknown;
}

const FIELDS = ['doc', 'upsert', 'doc_as_upsert', 'detect_noop', 'script', 'scripted_upsert', '_source'];

function position(raw: string, key: string): string {
  const at = raw.indexOf(`"${key}"`);
  if (at < 0) return '[1:2]';
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  const col = at - before.lastIndexOf('\n');
  return `[${line}:${col}]`;
}

export function parseUpdateBody(raw: string, tree: JValue): UpdateRequestBody {
  if (!isJObject(tree)) throw xContentParseError('[1:1] [UpdateRequest] Expected START_OBJECT but was: ' + typeof tree);
  const out: UpdateRequestBody = { docAsUpsert: false, detectNoop: true, scriptedUpsert: false };
  for (const [k, v] of tree) {
    if (!FIELDS.includes(k)) {
      const best = FIELDS.map((f) => ({ f, s: levenshteinSimilarity(k, f) })).filter((x) => x.s > 0.5).sort((a, b) => b.s - a.s);
      const hint = best.length ? ` did you mean [${best[0]!.f}]?` : '';
      throw xContentParseError(`${position(raw, k)} [UpdateRequest] unknown field [${k}]${hint}`);
    }
    if ((k === 'doc' || k === 'upsert') && !isJObject(v)) throw xContentParseError(`${position(raw, k)} [UpdateRequest] failed to parse field [${k}]`);
    if (k === 'doc') out.doc = v as JObject;
    else if (k === 'upsert') out.upsert = v as JObject;
    else if (k === 'doc_as_upsert') out.docAsUpsert = v === true;
    else if (k === 'detect_noop') out.detectNoop = v !== false;
    else if (k === 'script') out.script = v;
    else if (k === 'scripted_upsert') out.scriptedUpsert = v === true;
    else out.source = toPlain(v);
  }
  return out;
}

export function validateUpdate(body: UpdateRequestBody, ifSeqNo: number | undefined, ifPrimaryTerm: number | undefined, retries: number): void {
  const errors: string[] = [];
  if (body.script === undefined && body.doc === undefined) errors.push('script or doc is missing');
  if (body.script !== undefined && body.doc !== undefined) errors.push("can't provide both script and doc");
  if (ifSeqNo !== undefined) {
    if (retries > 0) errors.push('compare and write operations can not be retried');
    if (body.docAsUpsert) errors.push('compare and write operations can not be used with upsert');
    if (body.upsert) errors.push("upsert requests don't support `if_seq_no` and `if_primary_term`");
    if (ifPrimaryTerm === undefined) errors.push('ifSeqNo is set, but primary term is [0]');
  } else if (ifPrimaryTerm !== undefined) errors.push(`ifSeqNo is unassigned, but primary term is [${ifPrimaryTerm}]`);
  if (errors.length) throw validationFailed(errors);
}

/**
 * The test server runs no script: it answers as a cluster with scripting off
 * (`script.allowed_types: none`) and no stored script. Elasticsearch reads the document (a missing
 * one or a stale if_seq_no fails first), then compiles the script and wraps what stops it in
 * "failed to execute script", itself the root cause (an IllegalArgumentException is not unwrapped).
 */
function refuseScript(script: JValue): never {
  const stored = isJObject(script) && script.has('id');
  const cause = stored
    ? new EsError(404, 'resource_not_found_exception', `unable to find script [${String(toPlain(script.get('id')!))}] in cluster state`)
    : illegalArgument('cannot execute [inline] scripts');
  throw new EsError(400, 'illegal_argument_exception', 'failed to execute script', {}, cause, true);
}

/** XContentHelper.update: objects merge recursively, everything else is replaced; new keys go last. */
export function deepMerge(target: JObject, changes: JObject): JObject {
  const out: JObject = new Map(target);
  for (const [k, v] of changes) {
    const old = out.get(k);
    out.set(k, isJObject(old) && isJObject(v) ? deepMerge(old, v) : v);
  }
  return out;
}

export interface UpdateOutcome {
  result: 'created' | 'updated' | 'noop';
  /** The written record; for a noop the unchanged current one. */
  record: DocRecord;
  source: string;
  shard: number;
}

export function updateDocument(
  index: IndexState,
  id: string,
  routing: string | undefined,
  body: UpdateRequestBody,
  ifSeqNo: number | undefined,
  ifPrimaryTerm: number | undefined,
): UpdateOutcome {
  const shardNum = index.shardNumFor(id, routing);
  const shard = index.shards[shardNum]!;
  const current = shard.get(id, true);
  if (!current) {
    if (body.script !== undefined && body.scriptedUpsert && body.upsert) refuseScript(body.script);
    const upsert = body.docAsUpsert ? body.doc : body.upsert;
    if (!upsert) {
      const type = createdWithTypes(index.setting('index.version.created')) ? '[_doc]' : '';
      throw new EsError(404, 'document_missing_exception', `${type}[${id}]: document missing`, { index_uuid: index.uuid, shard: String(shardNum), index: index.name });
    }
    const text = stringifyJNode(upsert);
    const parsed = prepareSource(index, id, text);
    const w = indexDocument(index, id, text, parsed, routing, { versionType: 'internal' }, true);
    return { record: w.record, shard: w.shard, result: 'created', source: text };
  }
  // Elasticsearch checks if_seq_no/if_primary_term when it reads the document for the update,
  // before merging: a stale condition is a conflict even when the update would change nothing.
  if (ifSeqNo !== undefined && (current.seqNo !== ifSeqNo || current.primaryTerm !== ifPrimaryTerm)) {
    const explanation = `required seqNo [${ifSeqNo}], primary term [${ifPrimaryTerm}]. current document has seqNo [${current.seqNo}] and primary term [${current.primaryTerm}]`;
    throw versionConflict(id, explanation, index.name, index.uuid, shardNum);
  }
  if (body.script !== undefined) refuseScript(body.script);
  const currentTree = parseJNode(current.source!);
  const merged = deepMerge(isJObject(currentTree) ? currentTree : new Map(), body.doc!);
  if (body.detectNoop && jnodeEquals(merged, currentTree)) {
    shard.stats.noopUpdateTotal++;
    return { result: 'noop', record: current, source: current.source!, shard: shardNum };
  }
  const text = stringifyJNode(merged);
  const parsed = prepareSource(index, id, text);
  const ctl = ifSeqNo !== undefined ? { versionType: 'internal' as const, ifSeqNo, ifPrimaryTerm } : { versionType: 'internal' as const };
  const w = indexDocument(index, id, text, parsed, routing, ctl, false);
  return { record: w.record, shard: w.shard, result: 'updated', source: text };
}
