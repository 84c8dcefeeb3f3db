import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { topLevelMemberSpans } from './jsonText';
import { validateJson } from './jsonValidate';
import { tokenFromMetadata, type VersionToken } from './versionToken';

/**
 * Reading Elasticsearch responses without losing the source's exact text: metadata is parsed
 * (it is small and plain), `_source` is sliced out of the response as received.
 */

export type GetResult =
  | { readonly found: true; readonly index: string; readonly sourceText: string; readonly token: VersionToken; readonly routing?: string }
  | { readonly found: false };

function parseSmall(text: string, span: { start: number; end: number } | undefined): unknown {
  if (span === undefined) return undefined;
  try {
    return JSON.parse(text.slice(span.start, span.end));
  } catch {
    throw new MalformedResponseError(`the cluster's answer is not valid JSON: ${truncate(text, 120)}`);
  }
}

export function readGetResponse(text: string): GetResult {
  if (text.trim() === '') throw new MalformedResponseError('the cluster answered with an empty body');
  const spans = topLevelMemberSpans(text);
  const found = parseSmall(text, spans.get('found'));
  if (typeof found !== 'boolean') throw new MalformedResponseError(`${describeUnreadable(text)}: ${truncate(text, 120)}`);
  if (!found) return { found: false };
  const source = spans.get('_source');
  const token = tokenFromMetadata({
    _seq_no: parseSmall(text, spans.get('_seq_no')),
    _primary_term: parseSmall(text, spans.get('_primary_term')),
    _version: parseSmall(text, spans.get('_version')),
  });
  if (source === undefined || token === undefined) {
    throw new MalformedResponseError('the document came back without its _source or version (_seq_no, _primary_term)');
  }
  if (text.charCodeAt(source.start) !== 0x7b) throw new MalformedResponseError('the document\'s _source is not a JSON object');
  const routing = parseSmall(text, spans.get('_routing'));
  const index = parseSmall(text, spans.get('_index'));
  return {
    found: true,
    index: typeof index === 'string' ? index : '',
    sourceText: text.slice(source.start, source.end),
    token,
    ...(typeof routing === 'string' ? { routing } : {}),
  };
}

export interface WriteResult {
  readonly result: string;
  readonly token: VersionToken;
  /** The concrete index written, e.g. a data stream's backing index. */
  readonly index?: string;
}

/** Why an answer that should have been a document cannot be read (checked only on this failure path). */
function describeUnreadable(text: string): string {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return 'the cluster\'s answer is not JSON';
  const shape = validateJson(text);
  if (shape.problem) return 'the cluster\'s answer is not valid JSON (cut short?)';
  return shape.topLevel === 'object' ? 'the cluster\'s answer is not a document: it has no "found" flag' : 'the cluster\'s answer is not a JSON object';
}

export function readWriteResponse(text: string): WriteResult {
  const body = parseJsonObject(text);
  const token = tokenFromMetadata(body);
  if (token === undefined) throw new MalformedResponseError('the write was answered without _seq_no and _primary_term');
  return { result: String(body.result ?? ''), token, ...(typeof body._index === 'string' ? { index: body._index } : {}) };
}

export interface SearchHit {
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
  /** Present when the search asked for `seq_no_primary_term` and `version`. */
  readonly token?: VersionToken;
  readonly sourceText?: string;
  /** The hit's sort values as received, to be sent back verbatim as `search_after`. */
  readonly sortText?: string;
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  readonly pitId?: string;
  /** `hits.total`, when the search asked for it (`track_total_hits`). */
  readonly total?: { readonly value: number; readonly relation: 'eq' | 'gte' };
}

function nodeText(text: string, node: Node | undefined): string | undefined {
  return node === undefined ? undefined : text.slice(node.offset, node.offset + node.length);
}

/**
 * A string value as a string of its own. The parser's values can be slices that keep the whole
 * response alive; a listing holds thousands of ids, and must not hold every page it read.
 */
function nodeString(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (JSON.parse(JSON.stringify(node.value)) as string) : undefined;
}

export function readSearchResponse(text: string): SearchPage {
  const root = parseTree(text);
  const hitsNode = root && findNodeAtLocation(root, ['hits', 'hits']);
  if (!root || hitsNode?.type !== 'array') throw new MalformedResponseError('the search answer has no hits.hits array');
  const hits = (hitsNode.children ?? []).map((hit): SearchHit => {
    const id = nodeString(findNodeAtLocation(hit, ['_id']));
    if (hit.type !== 'object' || id === undefined) throw new MalformedResponseError('a search hit has no _id');
    const routing = nodeString(findNodeAtLocation(hit, ['_routing']));
    const token = tokenFromMetadata({
      _seq_no: findNodeAtLocation(hit, ['_seq_no'])?.value,
      _primary_term: findNodeAtLocation(hit, ['_primary_term'])?.value,
      _version: findNodeAtLocation(hit, ['_version'])?.value,
    });
    return {
      ...(token === undefined ? {} : { token }),
      index: nodeString(findNodeAtLocation(hit, ['_index'])) ?? '',
      id,
      ...(routing === undefined ? {} : { routing }),
      sourceText: nodeText(text, findNodeAtLocation(hit, ['_source'])),
      sortText: nodeText(text, findNodeAtLocation(hit, ['sort'])),
    };
  });
  const total = readTotal(findNodeAtLocation(root, ['hits', 'total']));
  return { hits, pitId: nodeString(findNodeAtLocation(root, ['pit_id'])), ...(total === undefined ? {} : { total }) };
}

/** `{"value":12,"relation":"eq"}`, or a plain number from a cluster answering `rest_total_hits_as_int`. */
function readTotal(node: Node | undefined): SearchPage['total'] {
  if (node?.type === 'number' && typeof node.value === 'number') return { value: node.value, relation: 'eq' };
  const value: unknown = node && findNodeAtLocation(node, ['value'])?.value;
  if (typeof value !== 'number') return undefined;
  return { value, relation: node && findNodeAtLocation(node, ['relation'])?.value === 'gte' ? 'gte' : 'eq' };
}

export interface CatIndexRow {
  readonly index: string;
  readonly health: string;
  readonly docsCount: number | undefined;
}

/** The rows of `_cat/indices?format=json`. */
export function readCatIndices(text: string): CatIndexRow[] {
  if (text.trim() === '') throw new MalformedResponseError('the list of indices came back empty');
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`the list of indices is not JSON: ${truncate(text, 120)}`);
  }
  if (!Array.isArray(rows)) throw new MalformedResponseError(`the list of indices is not a list: ${truncate(text, 120)}`);
  return rows.map((row: unknown) => {
    const record = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    const count = record['docs.count'] === undefined || record['docs.count'] === null ? NaN : Number(record['docs.count']);
    return { index: String(record.index ?? ''), health: String(record.health ?? ''), docsCount: Number.isFinite(count) ? count : undefined };
  });
}

export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new MalformedResponseError('the cluster answered with an empty body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`the cluster answered with something that is not JSON: ${truncate(text, 120)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedResponseError(`the cluster answered with JSON that is not an object: ${truncate(text, 120)}`);
  }
  return value as Record<string, unknown>;
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}

export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}
