import { isWhitespace } from './jsonScan';

/**
 * Strict JSON validation in one iterative pass: what Elasticsearch accepts as a document, with
 * no recursion (deep nesting cannot overflow the stack) and no values built.
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
/** Jackson's default nesting limit: Elasticsearch refuses deeper documents. */
export const MAX_DEPTH = 1000;
const LITERALS: Array<[string, string]> = [['true', 'a boolean'], ['false', 'a boolean'], ['null', 'null']];
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

interface Frame {
  readonly object: boolean;
  readonly keys?: Set<string>;
}

export function validateJson(text: string): JsonShape {
  const stack: Frame[] = [];
  let topLevel: string | undefined;
  let i = 0;
  const fail = (message: string, offset = i): JsonShape => ({ topLevel, problem: { message, offset } });
  const skipWhitespace = (): void => {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  };
  const unexpected = (): string => (text.startsWith('//', i) || text.startsWith('/*', i) ? 'comments are not allowed in JSON' : 'unexpected character');

  /** Reads a string at `i`; returns its raw text between quotes, or a problem. */
  const readString = (): string | JsonProblem => {
    const start = i;
    for (i++; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x22) return text.slice(start + 1, i++);
      if (code < 0x20) return { message: 'a control character must be escaped inside a string', offset: i };
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { message: 'invalid \\u escape', offset: i };
          i += 5;
        } else if (next !== undefined && ESCAPABLE.has(next)) {
          i++;
        } else {
          return { message: 'invalid escape character', offset: i };
        }
      }
    }
    return { message: 'a string is not closed', offset: start };
  };

  let expectValue = true;
  for (;;) {
    skipWhitespace();
    if (expectValue) {
      if (i >= text.length) return fail(topLevel === undefined ? 'the document is empty' : 'a value was expected');
      const code = text.charCodeAt(i);
      const kind = code === 0x7b ? 'object' : code === 0x5b ? 'an array' : code === 0x22 ? 'a string' : undefined;
      if (code === 0x7b || code === 0x5b) {
        topLevel ??= kind;
        stack.push(code === 0x7b ? { object: true, keys: new Set() } : { object: false });
        if (stack.length > MAX_DEPTH) return fail(`the document nests deeper than ${MAX_DEPTH} levels`);
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
        if (!NUMBER.exec(text)) return fail('invalid number');
        i = NUMBER.lastIndex;
        const after = text[i];
        if (after === '.' || after === 'e' || after === 'E' || (after !== undefined && after >= '0' && after <= '9')) return fail('invalid number');
      } else {
        const literal = LITERALS.find(([word]) => text.startsWith(word, i));
        if (literal === undefined) return fail(code === 0x7d || code === 0x5d || code === 0x2c ? 'a value was expected' : unexpected());
        topLevel ??= literal[1];
        i += literal[0].length;
      }
      expectValue = false;
      continue;
    }
    const frame = stack[stack.length - 1];
    if (frame === undefined) return i < text.length ? fail('text after the end of the document') : { topLevel };
    const code = text.charCodeAt(i);
    if (i >= text.length) return fail(frame.object ? 'a closing brace was expected' : 'a closing bracket was expected');
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
      return fail(text.startsWith('/', i) ? unexpected() : 'a comma was expected');
    }
  }

  /** Reads `"key" :` inside an object, refusing a key the object already has. */
  function readKey(): string | JsonProblem {
    if (text.charCodeAt(i) !== 0x22) {
      const comment = text.startsWith('//', i) || text.startsWith('/*', i);
      return { message: comment ? 'comments are not allowed in JSON' : text[i] === '}' ? 'a value was expected' : 'a property name in double quotes was expected', offset: i };
    }
    const at = i;
    const key = readString();
    if (typeof key !== 'string') return key;
    const keys = stack[stack.length - 1].keys;
    // Escapes spell the same key in other ways ("\u0061" is "a"); Elasticsearch compares decoded keys.
    const name = key.includes('\\') ? (JSON.parse(`"${key}"`) as string) : key;
    if (keys?.has(name)) return { message: `duplicate key "${name}"`, offset: at };
    keys?.add(name);
    skipWhitespace();
    if (text.charCodeAt(i) !== 0x3a) return { message: 'a colon was expected', offset: i };
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
