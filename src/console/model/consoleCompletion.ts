import { getLocation } from 'jsonc-parser';
import type { TypeRef } from './apiTable';
import { enumValues, isFieldValue, itemType, keysOf, memberType, takesFieldKeys, typeLabel } from './consoleBodyTypes';
import { analyzeRequest, singleIndex, type ConsoleContext } from './consoleChecks';
import { endpointsFor, paramsOf, resolveEndpoint, splitPath } from './consoleEndpoints';
import type { TextSpan } from './consoleLexer';
import { maskSpan } from './consoleMask';
import { CONSOLE_METHODS, type ConsoleFile, type ConsoleRequest } from './consoleParser';

/**
 * Completion in a console file: methods at the start of a line; the path segment by segment from
 * the specification's URL templates (`{index}` from the connection's indices); the query
 * parameters of the API the path calls, and their values; in a body, the keys its type names in
 * the specification, and the mapping's fields wherever the specification says a field goes.
 */

export interface CompletionSources extends ConsoleContext {
  /** The connection's indices, aliases and data streams, when known. */
  readonly indices?: readonly string[];
}

export type CompletionKind = 'method' | 'path' | 'index' | 'param' | 'value' | 'key' | 'field';

export interface ConsoleCompletion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  /** What replaces `replace`; the label when absent. */
  readonly insertText?: string;
  readonly replace: TextSpan;
}

export function completeAt(text: string, file: ConsoleFile, offset: number, sources: CompletionSources): ConsoleCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const index = file.requests.findIndex((candidate) => candidate.span.start <= offset && offset <= Math.max(candidate.span.end, candidate.pathSpan.end));
  // A body still being typed (brackets open) reaches up to the next request.
  const typing = [...file.requests].reverse().find((candidate) => candidate.span.start <= offset && candidate.body?.open === true);
  const next = typing && file.requests[file.requests.indexOf(typing) + 1];
  const request = index !== -1 ? file.requests[index] : typing && (next === undefined || offset < next.span.start) ? typing : undefined;
  const values = request?.body?.values ?? [];
  const inBody = values.find((value, i): boolean => value.start <= offset && (offset <= value.end || (i === values.length - 1 && request?.body?.open === true)));
  if (request && inBody) return bodyCompletions(text, request, inBody, offset, sources);
  if (request && offset >= request.pathSpan.start && lineStart <= request.methodSpan.start) return pathCompletions(request, offset, sources);
  if (/^\s*[A-Za-z]*$/.test(before)) {
    const word = /[A-Za-z]*$/.exec(before)![0];
    return CONSOLE_METHODS.map((method) => ({ label: method, kind: 'method', insertText: `${method} `, replace: { start: offset - word.length, end: offset } }));
  }
  return [];
}

function pathCompletions(request: ConsoleRequest, offset: number, sources: CompletionSources): ConsoleCompletion[] {
  const typed = request.path.slice(0, offset - request.pathSpan.start);
  const question = typed.indexOf('?');
  const endpoints = endpointsFor(sources.table, sources.engine);
  if (question !== -1) {
    const segments = splitPath(typed.slice(0, question)).segments;
    const resolution = resolveEndpoint(endpoints, request.method, segments);
    if (resolution.kind !== 'found') return [];
    const params = paramsOf(sources.table, resolution.match.endpoint);
    const current = /[^?&]*$/.exec(typed)![0];
    const equals = current.indexOf('=');
    if (equals === -1) {
      const replace = { start: offset - current.length, end: offset };
      return [...params].map(([name, spec]) => ({ label: name, kind: 'param', detail: spec.type, ...(spec.summary ? { documentation: spec.summary } : {}), replace }));
    }
    const spec = params.get(current.slice(0, equals));
    const values = spec?.type === 'boolean' ? ['true', 'false'] : (spec?.values ?? []);
    const valueTyped = current.slice(equals + 1);
    return values.map((value) => ({ label: value, kind: 'value', replace: { start: offset - valueTyped.length, end: offset } }));
  }
  const slash = typed.lastIndexOf('/');
  const previous = splitPath(typed.slice(0, slash + 1)).segments;
  const word = typed.slice(slash + 1);
  const replace = { start: offset - word.length, end: offset };
  const seen = new Map<string, ConsoleCompletion>();
  for (const endpoint of endpoints) {
    for (const url of endpoint.urls) {
      const pieces = url.path.split('/').filter((piece) => piece !== '');
      if (pieces.length <= previous.length || !previous.every((segment, i) => pieces[i] === segment || /^\{.+\}$/.test(pieces[i]))) continue;
      if (!url.methods.includes(request.method) && !(request.method === 'HEAD' && url.methods.includes('GET'))) continue;
      const next = pieces[previous.length];
      const part = /^\{(.+)\}$/.exec(next)?.[1];
      if (part === 'index' || part === 'target' || part === 'name' && endpoint.name.startsWith('indices.')) {
        for (const index of sources.indices ?? []) if (!seen.has(index)) seen.set(index, { label: index, kind: 'index', replace });
      } else if (part === undefined && !seen.has(next)) {
        seen.set(next, { label: next, kind: 'path', detail: endpoint.name, documentation: endpoint.summary, replace });
      }
    }
  }
  return [...seen.values()];
}

function bodyCompletions(text: string, request: ConsoleRequest, value: TextSpan, offset: number, sources: CompletionSources): ConsoleCompletion[] {
  const body = request.body!;
  const analysis = analyzeRequest(text, request, sources);
  if (analysis.resolution.kind !== 'found') return [];
  const { endpoint, parts } = analysis.resolution.match;
  const index = singleIndex(parts);
  const fields = index === undefined ? undefined : sources.fields?.(index);
  const position = body.values.indexOf(value);
  // `_msearch`: a header line, then a search body, in turns.
  const root: TypeRef | undefined = endpoint.body === 'ndjson' ? (endpoint.name.startsWith('msearch') && position % 2 === 1 ? { ref: 'search:body' } : undefined) : endpoint.bodyType;
  const documentBody = endpoint.name === 'index' || endpoint.name === 'create';
  const mask = maskSpan(text, body.tokens, { start: value.start, end: Math.max(value.end, offset) });
  const location = getLocation(mask, offset - value.start);
  const token = body.tokens.find((candidate) => candidate.kind === 'string' && candidate.start < offset && offset <= candidate.end);
  const quoted = token !== undefined;
  const replace = token ? { start: token.start + 1, end: text[token.end - 1] === '"' && token.end - 1 >= offset ? token.end - 1 : offset } : wordAround(text, offset);
  let type = root;
  const keyPath: string[] = [];
  const path = location.isAtPropertyKey ? location.path.slice(0, -1) : location.path;
  for (const step of path) {
    if (typeof step === 'number') type = itemType(type);
    else {
      keyPath.push(step);
      type = memberType(sources.table, type, step).type;
    }
  }
  // Objects are paths to fields, not fields a query or a sort can name.
  const leaves = [...(fields ?? new Map<string, string>())].filter(([, fieldType]) => fieldType !== 'object' && fieldType !== 'nested');
  const items: ConsoleCompletion[] = [];
  const asKey = (label: string): string => (quoted ? label : `"${label}": `);
  const asValue = (label: string): string => (quoted ? label : `"${label}"`);
  if (location.isAtPropertyKey) {
    for (const key of keysOf(sources.table, type)) items.push({ label: key.name, kind: 'key', detail: typeLabel(key.type), insertText: asKey(key.name), replace });
    const fieldKeys = documentBody ? childrenOf(fields, keyPath.join('.')) : takesFieldKeys(sources.table, type) ? leaves : [];
    for (const [name, fieldType] of fieldKeys) items.push({ label: name, kind: 'field', detail: fieldType, insertText: asKey(name), replace });
  } else {
    if (isFieldValue(type)) for (const [name, fieldType] of leaves) items.push({ label: name, kind: 'field', detail: fieldType, insertText: asValue(name), replace });
    for (const option of enumValues(type)) items.push({ label: option, kind: 'value', insertText: asValue(option), replace });
  }
  return items;
}

/** The mapped names directly below an object path, for a document's keys. */
function childrenOf(fields: ReadonlyMap<string, string> | undefined, parent: string): Array<[string, string]> {
  // Below a leaf (`title`) are its multi-fields (`title.keyword`), which a document never holds.
  if (parent !== '' && !['object', 'nested'].includes(fields?.get(parent) ?? '')) return [];
  const prefix = parent === '' ? '' : `${parent}.`;
  const children: Array<[string, string]> = [];
  for (const [path, type] of fields ?? []) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (rest !== '' && !rest.includes('.')) children.push([rest, type]);
  }
  return children;
}

function wordAround(text: string, offset: number): TextSpan {
  let start = offset;
  while (start > 0 && /[\w.]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w.]/.test(text[end])) end++;
  return { start, end };
}
