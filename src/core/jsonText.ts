import { applyEdits, format, printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

/**
 * JSON as text. The document's text is the truth: numbers keep their digits (`1.0`, integers
 * beyond 2^53), keys keep their order (even integer-like keys, which a JavaScript object
 * would reorder), strings keep their escapes. Nothing here goes through `JSON.parse`.
 */

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Re-indents JSON text; only whitespace between tokens changes. */
export function prettyPrintJson(text: string, indent = 2): string {
  const edits = format(text, undefined, { tabSize: indent, insertSpaces: true, eol: '\n', insertFinalNewline: true });
  return applyEdits(text, edits);
}

export type DocumentCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

const PROBLEM_TEXT: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing brace was expected',
  CloseBracketExpected: 'a closing bracket was expected',
  EndOfFileExpected: 'text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'a control character must be escaped inside a string',
};

/**
 * Checks that text is what Elasticsearch accepts as a document source: one JSON object, strict
 * syntax, no duplicate keys (Elasticsearch rejects those with a parse error).
 */
export function checkDocumentText(text: string): DocumentCheck {
  if (text.trim() === '') return { ok: false, message: 'the document is empty' };
  let problem: DocumentCheck | undefined;
  let depth = 0;
  let topLevelKind: string | undefined;
  const keysByDepth: Set<string>[] = [];
  const fail = (message: string, line?: number, column?: number): void => {
    problem ??= { ok: false, message, line: line === undefined ? undefined : line + 1, column: column === undefined ? undefined : column + 1 };
  };
  const noteTopLevel = (kind: string): void => {
    if (depth === 0) topLevelKind ??= kind;
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        noteTopLevel('object');
        depth++;
        keysByDepth[depth] = new Set();
      },
      onObjectEnd: () => {
        depth--;
      },
      onArrayBegin: () => {
        noteTopLevel('an array');
        depth++;
      },
      onArrayEnd: () => {
        depth--;
      },
      onLiteralValue: (value: unknown) => {
        noteTopLevel(value === null ? 'null' : `a ${typeof value}`);
      },
      onObjectProperty: (name, _offset, _length, line, column) => {
        const keys = keysByDepth[depth];
        if (keys.has(name)) fail(`duplicate key "${name}"`, line, column);
        keys.add(name);
      },
      onError: (code: ParseErrorCode, _offset, _length, line, column) => {
        const name = printParseErrorCode(code);
        fail(PROBLEM_TEXT[name] ?? name, line, column);
      },
    },
    STRICT,
  );
  if (problem) return problem;
  if (topLevelKind === undefined) return { ok: false, message: 'the document is empty' };
  if (topLevelKind !== 'object') return { ok: false, message: `a document must be a JSON object, not ${topLevelKind}` };
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
 * The spans of the values of a top-level object's members, without parsing nested values into
 * objects: a response's `_source` can then be handed on as the exact characters received.
 */
export function topLevelMemberSpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  let depth = 0;
  let pendingName: string | undefined;
  let valueStart = -1;
  const beginValue = (offset: number): void => {
    if (depth === 1 && pendingName !== undefined) valueStart = offset;
  };
  const endValue = (end: number): void => {
    if (depth === 1 && pendingName !== undefined && valueStart >= 0) {
      spans.set(pendingName, { start: valueStart, end });
      pendingName = undefined;
      valueStart = -1;
    }
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => {
        beginValue(offset);
        depth++;
      },
      onArrayBegin: (offset) => {
        beginValue(offset);
        depth++;
      },
      onObjectEnd: (offset, length) => {
        depth--;
        endValue(offset + length);
      },
      onArrayEnd: (offset, length) => {
        depth--;
        endValue(offset + length);
      },
      onObjectProperty: (name) => {
        if (depth === 1) pendingName = name;
      },
      onLiteralValue: (_value, offset, length) => {
        beginValue(offset);
        endValue(offset + length);
      },
    },
    STRICT,
  );
  return spans;
}
