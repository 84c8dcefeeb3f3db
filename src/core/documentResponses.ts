import { topLevelMemberSpans } from './jsonText';
import { validateJson } from './jsonValidate';
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
