import * as l10n from '@vscode/l10n';
import { leanScan, MAX_DEPTH } from './jsonLeanScan';
import { isWhitespace } from './jsonScan';

/**
 * Strict JSON validation in one iterative pass: what Elasticsearch accepts as a document, with
 * no recursion (deep nesting cannot overflow the stack) and no values built. A valid text takes
 * the lean scan alone; only a text it does not accept is read again here, to say what is wrong
 * and where.
 */

export interface JsonProblem {
  readonly message: string;
  readonly offset: number;
}

export interface JsonShape {
  /** What the top-level value is: 'object', 'an array', 'a string', 'a number', 'a boolean', 'null'. */
  readonly topLevel?: string;
  readonly problem?: JsonProblem;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: Array<[string, string]> = [['true', 'a boolean'], ['false', 'a boolean'], ['null', 'null']];
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

interface Frame {
  readonly object: boolean;
  readonly keys?: Set<string>;
}

/** What a top-level value is, by its first character. */
export function kindOf(first: number | undefined): string {
  switch (first) {
    case 0x7b:
      return 'object';
    case 0x5b:
      return 'an array';
    case 0x22:
      return 'a string';
    case 0x74:
    case 0x66:
      return 'a boolean';
    case 0x6e:
      return 'null';
    default:
      return 'a number';
  }
}

export function validateJson(text: string): JsonShape {
  const lean = leanScan(text);
  return lean.valid ? { topLevel: kindOf(lean.first) } : findProblem(text);
}

/** The full pass: the first problem of a text, with its position. */
export function findProblem(text: string): JsonShape {
  const stack: Frame[] = [];
  let topLevel: string | undefined;
  let i = 0;
  const fail = (message: string, offset = i): JsonShape => ({ topLevel, problem: { message, offset } });
  const skipWhitespace = (): void => {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  };
  const unexpected = (): string => (text.startsWith('//', i) || text.startsWith('/*', i) ? l10n.t('comments are not allowed in JSON') : l10n.t('unexpected character'));

  /** Reads a string at `i`; returns its raw text between quotes, or a problem. */
  const readString = (): string | JsonProblem => {
    const start = i;
    for (i++; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x22) return text.slice(start + 1, i++);
      if (code < 0x20) return { message: l10n.t('a control character must be escaped inside a string'), offset: i };
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { message: l10n.t('invalid \\u escape'), offset: i };
          i += 5;
        } else if (next !== undefined && ESCAPABLE.has(next)) {
          i++;
        } else {
          return { message: l10n.t('invalid escape character'), offset: i };
        }
      }
    }
    return { message: l10n.t('a string is not closed'), offset: start };
  };

  let expectValue = true;
  for (;;) {
    skipWhitespace();
    if (expectValue) {
      if (i >= text.length) return fail(topLevel === undefined ? l10n.t('the document is empty') : l10n.t('a value was expected'));
      const code = text.charCodeAt(i);
      const kind = code === 0x7b ? 'object' : code === 0x5b ? 'an array' : code === 0x22 ? 'a string' : undefined;
      if (code === 0x7b || code === 0x5b) {
        topLevel ??= kind;
        stack.push(code === 0x7b ? { object: true, keys: new Set() } : { object: false });
        if (stack.length > MAX_DEPTH) return fail(l10n.t('the document nests deeper than {0} levels', MAX_DEPTH));
        i++;
        skipWhitespace();
        if (text.charCodeAt(i) === (code === 0x7b ? 0x7d : 0x5d)) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (code === 0x7b) {
          const key = readKey();
          if (typeof key !== 'string') return { topLevel, problem: key };
        }
        continue;
      }
      if (code === 0x22) {
        topLevel ??= kind;
        const value = readString();
        if (typeof value !== 'string') return { topLevel, problem: value };
      } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
        topLevel ??= 'a number';
        NUMBER.lastIndex = i;
        if (!NUMBER.exec(text)) return fail(l10n.t('invalid number'));
        i = NUMBER.lastIndex;
        const after = text[i];
        if (after === '.' || after === 'e' || after === 'E' || (after !== undefined && after >= '0' && after <= '9')) return fail(l10n.t('invalid number'));
      } else {
        const literal = LITERALS.find(([word]) => text.startsWith(word, i));
        if (literal === undefined) return fail(code === 0x7d || code === 0x5d || code === 0x2c ? l10n.t('a value was expected') : unexpected());
        topLevel ??= literal[1];
        i += literal[0].length;
      }
      expectValue = false;
      continue;
    }
    const frame = stack[stack.length - 1];
    if (frame === undefined) return i < text.length ? fail(l10n.t('text after the end of the document')) : { topLevel };
    const code = text.charCodeAt(i);
    if (i >= text.length) return fail(frame.object ? l10n.t('a closing brace was expected') : l10n.t('a closing bracket was expected'));
    if (code === 0x2c) {
      i++;
      if (frame.object) {
        skipWhitespace();
        const key = readKey();
        if (typeof key !== 'string') return { topLevel, problem: key };
      }
      expectValue = true;
    } else if (code === (frame.object ? 0x7d : 0x5d)) {
      stack.pop();
      i++;
    } else {
      return fail(text.startsWith('/', i) ? unexpected() : l10n.t('a comma was expected'));
    }
  }

  /** Reads `"key" :` inside an object, refusing a key the object already has. */
  function readKey(): string | JsonProblem {
    if (text.charCodeAt(i) !== 0x22) {
      const comment = text.startsWith('//', i) || text.startsWith('/*', i);
      return { message: comment ? l10n.t('comments are not allowed in JSON') : text[i] === '}' ? l10n.t('a value was expected') : l10n.t('a property name in double quotes was expected'), offset: i };
    }
    const at = i;
    const key = readString();
    if (typeof key !== 'string') return key;
    const keys = stack[stack.length - 1].keys;
    // Escapes spell the same key in other ways ("\u0061" is "a"); Elasticsearch compares decoded keys.
    const name = key.includes('\\') ? (JSON.parse(`"${key}"`) as string) : key;
    if (keys?.has(name)) return { message: l10n.t('duplicate key "{0}"', name), offset: at };
    keys?.add(name);
    skipWhitespace();
    if (text.charCodeAt(i) !== 0x3a) return { message: l10n.t('a colon was expected'), offset: i };
    i++;
    return key;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
