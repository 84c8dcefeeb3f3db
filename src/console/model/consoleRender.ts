import { variablesIn, type BodyToken, type VariableUse } from './consoleLexer';
import type { ConsoleMethod, ConsoleRequest } from './consoleParser';

/**
 * A parsed request as it goes on the wire. Comments are removed, `"""` strings become JSON
 * strings, variables take their values, and an NDJSON body is one value per line with the final
 * newline. Everything else is copied from the source as written: no number, key or escape of the
 * body is ever re-encoded (never `JSON.parse`/`stringify`), so `12345678901234567890` and `1.0` arrive as typed.
 */

export interface WireRequest {
  readonly method: ConsoleMethod;
  /** Starting with `/`, query string included, variables resolved, unsafe characters percent-encoded. */
  readonly path: string;
  readonly body?: string;
  readonly ndjson: boolean;
}

export type VariableLookup = (name: string) => string | undefined;

export type RenderResult = { readonly ok: true; readonly request: WireRequest } | { readonly ok: false; readonly undefinedVariables: readonly VariableUse[] };

/** Every `${NAME}` the request uses, in the path and the body (strings and `"""` included). */
export function variableUses(text: string, request: ConsoleRequest): VariableUse[] {
  const uses = [...request.pathVariables];
  for (const token of request.body?.tokens ?? []) {
    if (token.kind === 'variable' || token.kind === 'string' || token.kind === 'triple') uses.push(...variablesIn(text, token.start, token.end));
  }
  return uses;
}

export function renderRequest(text: string, request: ConsoleRequest, lookup: VariableLookup, ndjson: boolean): RenderResult {
  const missing = variableUses(text, request).filter((use) => lookup(use.name) === undefined);
  if (missing.length > 0) return { ok: false, undefinedVariables: missing };
  const path = wirePath(substitute(request.path, lookup, (value) => value));
  const body = request.body && request.body.values.length > 0 ? (ndjson ? ndjsonBody(text, request.body.tokens, request.body.values, lookup) : jsonBody(text, request.body.tokens, lookup)) : undefined;
  return { ok: true, request: { method: request.method, path, ndjson, ...(body === undefined ? {} : { body }) } };
}

function substitute(text: string, lookup: VariableLookup, escape: (value: string) => string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, name: string) => {
    const value = lookup(name);
    return value === undefined ? whole : escape(value);
  });
}

/** The path with a leading `/`; spaces, non-ASCII and characters a URL may not hold are percent-encoded, `%` escapes kept. */
export function wirePath(path: string): string {
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return rooted.replace(/[^\x21-\x7e]|["<>\\^`{|}]/gu, (char) => encodeURIComponent(char));
}

/** The text a JSON string holds for `raw` (no quotes): quotes, backslashes and control characters escaped. */
export function jsonStringContent(raw: string): string {
  let out = '';
  for (const char of raw) {
    const code = char.charCodeAt(0);
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out;
}

function tokenText(text: string, token: BodyToken, lookup: VariableLookup): string {
  const source = text.slice(token.start, token.end);
  switch (token.kind) {
    case 'comment':
      return '';
    case 'triple':
      return `"${jsonStringContent(substitute(source.slice(3, -3), lookup, (value) => value))}"`;
    case 'string':
      return substitute(source, lookup, jsonStringContent);
    case 'variable':
      return substitute(source, lookup, (value) => value);
    default:
      return source;
  }
}

/** One JSON body: the whitespace between tokens kept, comments gone. */
function jsonBody(text: string, tokens: readonly BodyToken[], lookup: VariableLookup): string {
  const content = tokens.filter((token) => token.kind !== 'comment');
  let out = '';
  let previous: BodyToken | undefined;
  for (const token of content) {
    if (previous) out += gap(text, previous.end, token.start);
    out += tokenText(text, token, lookup);
    previous = token;
  }
  return out;
}

/** The whitespace between two tokens, without the comments in it. */
function gap(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(/(#|\/\/)[^\n]*|\/\*[\s\S]*?\*\//g, '');
}

/** NDJSON: each top-level value on one line (whitespace between tokens dropped), each line ended by `\n`. */
function ndjsonBody(text: string, tokens: readonly BodyToken[], values: readonly { start: number; end: number }[], lookup: VariableLookup): string {
  return values
    .map(({ start, end }) =>
      tokens
        .filter((token) => token.start >= start && token.end <= end)
        .map((token) => tokenText(text, token, lookup))
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
