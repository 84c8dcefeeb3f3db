import * as l10n from '@vscode/l10n';
import { leanScan } from './jsonLeanScan';
import { indentJson, indentJsonBytes, isWhitespace, skipValueIn, utf16Units } from './jsonScan';
import { compactJson } from './jsonTree';
import { kindOf, lineAndColumn, validateJson } from './jsonValidate';

/**
 * JSON as text. The document's text is the truth: numbers keep their digits (`1.0`, integers
 * beyond 2^53), keys keep their order (even integer-like keys, which a JavaScript object
 * would reorder), strings keep their escapes. Nothing here goes through `JSON.parse`.
 */

/** Re-indents JSON text; only whitespace between tokens changes. */
export function prettyPrintJson(text: string, indent = 2): string {
  return indentJson(text, indent);
}

/** `prettyPrintJson` of UTF-8 bytes, as the cluster sent them, to the UTF-8 bytes an editor reads. */
export function prettyPrintJsonBytes(bytes: Uint8Array, indent = 2): Buffer {
  return indentJsonBytes(bytes, indent);
}

export type DocumentCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

/**
 * Checks that text is what Elasticsearch accepts as a document source: one JSON object, strict
 * syntax, no duplicate keys (Elasticsearch rejects those with a parse error).
 */
export function checkDocumentText(text: string): DocumentCheck {
  if (text.trim() === '') return { ok: false, message: l10n.t('the document is empty') };
  const shape = validateJson(text);
  if (shape.problem) return { ok: false, message: shape.problem.message, ...lineAndColumn(text, shape.problem.offset) };
  if (shape.topLevel !== 'object') return { ok: false, message: notAnObject(shape.topLevel) };
  return { ok: true };
}

/** `kind` is one of validateJson's names for a top-level value ('an array', 'a string', …), worded for the user here. */
function notAnObject(kind: string | undefined): string {
  const words: Record<string, string> = { 'an array': l10n.t('an array'), 'a string': l10n.t('a string'), 'a number': l10n.t('a number'), 'a boolean': l10n.t('a boolean'), null: 'null' };
  return l10n.t('a document must be a JSON object, not {0}', (kind && words[kind]) ?? String(kind));
}

export type DocumentBody = { readonly ok: true; readonly body: string } | Exclude<DocumentCheck, { ok: true }>;

/**
 * Checks a document as `checkDocumentText` does and gives the text to send: compact (whitespace
 * between tokens removed, every token as written) or as typed. For a valid text, one pass does both.
 */
export function documentBody(text: string, compact: boolean): DocumentBody {
  const lean = text.trim() === '' ? undefined : leanScan(text, compact);
  if (lean?.valid) {
    if (lean.first !== 0x7b) return { ok: false, message: notAnObject(kindOf(lean.first)) };
    return { ok: true, body: lean.compact ?? text };
  }
  // Not accepted by the lean scan: an error to describe, or a valid text it leaves to the full check (keys with escapes).
  const check = checkDocumentText(text);
  return check.ok ? { ok: true, body: compact ? compactJson(text) : text } : check;
}

/** JSON text without the whitespace between tokens; every token keeps its exact characters. */
export function compactJsonText(text: string): string {
  return leanScan(text, true).compact ?? compactJson(text);
}

export function describeProblem(check: Exclude<DocumentCheck, { ok: true }>): string {
  return check.line === undefined ? check.message : l10n.t('{0} (line {1}, column {2})', check.message, check.line ?? 0, check.column ?? 0);
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
  return memberSpansIn(utf16Units(text), (from, to) => text.slice(from, to));
}

/** `topLevelMemberSpans` of UTF-8 bytes, as received: the spans are byte offsets. */
export function topLevelMemberSpansOfBytes(bytes: Buffer): Map<string, Span> {
  return memberSpansIn(bytes, (from, to) => bytes.toString('utf8', from, to));
}

/** The member spans over code units or bytes; `textOf` gives a key's JSON text, a few characters. */
function memberSpansIn(units: Uint16Array | Uint8Array, textOf: (from: number, to: number) => string): Map<string, Span> {
  return memberSpansAt(units, 0, textOf);
}

/**
 * `topLevelMemberSpans` of the object that starts at `from` in a larger text's code units (see
 * `utf16Units`): many objects of one text (the hits of a search) read without a copy each.
 */
export function memberSpansAt(units: Uint16Array | Uint8Array, from: number, textOf: (from: number, to: number) => string): Map<string, Span> {
  const spans = new Map<string, Span>();
  const length = units.length;
  let i = from;
  const skipWhitespace = (): void => {
    while (i < length && isWhitespace(units[i])) i++;
  };
  skipWhitespace();
  if (units[i] !== 0x7b) return spans;
  i++;
  for (;;) {
    skipWhitespace();
    if (units[i] !== 0x22) return spans;
    const keyEnd = skipValueIn(units, i);
    if (keyEnd >= length) return spans;
    const keyText = textOf(i, keyEnd);
    // Most keys have no escape: their characters between the quotes are the name.
    const name = keyText.includes('\\') ? (JSON.parse(keyText) as string) : keyText.slice(1, -1);
    i = keyEnd;
    skipWhitespace();
    if (units[i] !== 0x3a) return spans;
    i++;
    skipWhitespace();
    const start = i;
    i = skipValueIn(units, i);
    spans.set(name, { start, end: i });
    skipWhitespace();
    if (units[i] !== 0x2c) return spans;
    i++;
  }
}
