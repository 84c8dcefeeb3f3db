import { indentJson, isWhitespace, skipString, skipValue } from './jsonScan';
import { lineAndColumn, validateJson } from './jsonValidate';

/**
 * JSON as text. The document's text is the truth: numbers keep their digits (`1.0`, integers
 * beyond 2^53), keys keep their order (even integer-like keys, which a JavaScript object
 * would reorder), strings keep their escapes. Nothing here goes through `JSON.parse`.
 */

/** Re-indents JSON text; only whitespace between tokens changes. */
export function prettyPrintJson(text: string, indent = 2): string {
  return indentJson(text, indent);
}

export type DocumentCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

/**
 * Checks that text is what Elasticsearch accepts as a document source: one JSON object, strict
 * syntax, no duplicate keys (Elasticsearch rejects those with a parse error).
 */
export function checkDocumentText(text: string): DocumentCheck {
  if (text.trim() === '') return { ok: false, message: 'the document is empty' };
  const shape = validateJson(text);
  if (shape.problem) return { ok: false, message: shape.problem.message, ...lineAndColumn(text, shape.problem.offset) };
  if (shape.topLevel !== 'object') return { ok: false, message: `a document must be a JSON object, not ${shape.topLevel}` };
  return { ok: true };
}

export function describeProblem(check: Exclude<DocumentCheck, { ok: true }>): string {
  return check.line === undefined ? check.message : `${check.message} (line ${check.line}, column ${check.column})`;
}

/** Where a value lies in a text: its exact characters are `text.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The spans of the values of a top-level object's members, skipping over nested values without
 * reading them: a response's `_source` can then be handed on as the exact characters received.
 * The text is trusted to be well-formed JSON (it comes from the cluster).
 */
export function topLevelMemberSpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  let i = 0;
  const skipWhitespace = (): void => {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  };
  skipWhitespace();
  if (text.charCodeAt(i) !== 0x7b) return spans;
  i++;
  for (;;) {
    skipWhitespace();
    if (text.charCodeAt(i) !== 0x22) return spans;
    const keyEnd = skipString(text, i);
    if (keyEnd < 0) return spans;
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    skipWhitespace();
    if (text[i] !== ':') return spans;
    i++;
    skipWhitespace();
    const start = i;
    i = skipValue(text, i);
    spans.set(name, { start, end: i });
    skipWhitespace();
    if (text[i] !== ',') return spans;
    i++;
  }
}
