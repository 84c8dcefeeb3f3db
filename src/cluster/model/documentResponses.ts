import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { topLevelMemberSpansOfBytes } from '../../json/jsonText';
import { validateJson } from '../../json/jsonValidate';
import { MalformedResponseError, parseJsonObject, truncate } from './esResponses';
import { tokenFromMetadata, type VersionToken } from './versionToken';

/**
 * The answers about one document (get, index, create, update, delete), read without losing the
 * source's exact text: metadata is parsed (it is small and plain), `_source` is sliced out of the
 * answer as received.
 */

export type GetResult =
  | { readonly found: true; readonly index: string; readonly sourceText: string; readonly token: VersionToken; readonly routing?: string }
  | { readonly found: false };

/** `GetResult` with `_source` as the UTF-8 bytes received, for an editor that reads bytes. */
export type GetBytesResult =
  | { readonly found: true; readonly index: string; readonly sourceBytes: Buffer; readonly token: VersionToken; readonly routing?: string }
  | { readonly found: false };

export function readGetResponse(text: string): GetResult {
  const result = readGetResponseBytes(Buffer.from(text, 'utf8'));
  if (!result.found) return result;
  const { sourceBytes, ...rest } = result;
  return { ...rest, sourceText: sourceBytes.toString('utf8') };
}

/**
 * Reads a get answer as received: only the small members are decoded and parsed; `_source` is
 * found by skipping over its bytes, and handed on as they are.
 */
export function readGetResponseBytes(bytes: Buffer): GetBytesResult {
  const spans = topLevelMemberSpansOfBytes(bytes);
  const small = (name: string): unknown => {
    const span = spans.get(name);
    if (span === undefined) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8', span.start, span.end));
    } catch {
      throw new MalformedResponseError(l10n.t("the cluster's answer is not valid JSON: {0}", truncate(head(bytes), 120)));
    }
  };
  const found = small('found');
  if (typeof found !== 'boolean') {
    if (head(bytes).trim() === '') throw new MalformedResponseError(l10n.t('the cluster answered with an empty body'));
    const text = bytes.toString('utf8');
    throw new MalformedResponseError(`${describeUnreadable(text)}: ${truncate(text, 120)}`);
  }
  if (!found) return { found: false };
  const source = spans.get('_source');
  const token = tokenFromMetadata({ _seq_no: small('_seq_no'), _primary_term: small('_primary_term'), _version: small('_version') });
  if (source === undefined || token === undefined) {
    throw new MalformedResponseError(l10n.t('the document came back without its _source or version (_seq_no, _primary_term)'));
  }
  if (bytes[source.start] !== 0x7b) throw new MalformedResponseError(l10n.t('the document\'s _source is not a JSON object'));
  const routing = small('_routing');
  const index = small('_index');
  return {
    found: true,
    index: typeof index === 'string' ? index : '',
    sourceBytes: bytes.subarray(source.start, source.end),
    token,
    ...(typeof routing === 'string' ? { routing } : {}),
  };
}

/** The start of an answer, decoded: enough to quote it in a message. */
function head(bytes: Buffer): string {
  return bytes.toString('utf8', 0, Math.min(bytes.length, 1024));
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
  if (first !== '{' && first !== '[') return l10n.t('the cluster\'s answer is not JSON');
  const shape = validateJson(text);
  if (shape.problem) return l10n.t('the cluster\'s answer is not valid JSON (cut short?)');
  return shape.topLevel === 'object' ? l10n.t('the cluster\'s answer is not a document: it has no "found" flag') : l10n.t('the cluster\'s answer is not a JSON object');
}

export function readWriteResponse(text: string): WriteResult {
  const body = parseJsonObject(text);
  const token = tokenFromMetadata(body);
  if (token === undefined) throw new MalformedResponseError(l10n.t('the write was answered without _seq_no and _primary_term'));
  return { result: String(body.result ?? ''), token, ...(typeof body._index === 'string' ? { index: body._index } : {}) };
}

/** One document of an `_mget` answer, in the order asked; its `_source` as the exact text received. */
export type MgetDoc =
  | { readonly found: true; readonly index: string; readonly id: string; readonly sourceText: string; readonly token: VersionToken }
  | { readonly found: false; readonly index: string; readonly id: string; readonly reason?: string };

export function readMgetResponse(text: string): MgetDoc[] {
  const root = parseTree(text);
  const docs = root && findNodeAtLocation(root, ['docs']);
  if (docs?.type !== 'array') throw new MalformedResponseError(l10n.t('the _mget answer has no docs array'));
  return (docs.children ?? []).map((doc): MgetDoc => {
    const value = (path: string): unknown => findNodeAtLocation(doc, [path])?.value;
    const index = String(value('_index') ?? '');
    const id = String(value('_id') ?? '');
    const source = findNodeAtLocation(doc, ['_source']);
    const token = tokenFromMetadata({ _seq_no: value('_seq_no'), _primary_term: value('_primary_term'), _version: value('_version') });
    if (value('found') === true && source !== undefined && token !== undefined) {
      return { found: true, index, id, sourceText: text.slice(source.offset, source.offset + source.length), token };
    }
    const error = findNodeAtLocation(doc, ['error', 'reason'])?.value;
    return { found: false, index, id, ...(typeof error === 'string' ? { reason: error } : {}) };
  });
}
