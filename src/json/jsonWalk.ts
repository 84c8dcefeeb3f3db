import { isWhitespace, skipString, skipValue } from './jsonScan';

/**
 * A walk over a document's members and values, on the text, in one forward pass with an explicit
 * stack (no recursion: any nesting depth). Values are reported as spans of the text with the kind
 * of their token; nothing is decoded but key names. The text may be half typed: the walk stops
 * quietly where the JSON stops making sense, having reported everything before.
 */

export type ValueKind = 'object' | 'array' | 'string' | 'number' | 'true' | 'false' | 'null' | 'other';

export interface WalkVisitor<C extends { readonly path: string }> {
  /**
   * A key of an object at `parentPath` (`''` for the document's root). Returns what the walk
   * hands back with the member's values, or undefined to skip the value entirely.
   */
  member(parentPath: string, name: string, keyStart: number, keyEnd: number): C | undefined;
  /** Whether to walk into an object value of the member: its members then have the context's `path` as their parent. */
  entersObject(context: C): boolean;
  /**
   * The member's value, or each element of an array value (arrays of arrays flattened). An
   * object walked into is reported by its opening brace only; one not walked into, whole.
   */
  value(context: C, kind: ValueKind, start: number, end: number): void;
}

interface Frame<C> {
  readonly kind: 'object' | 'array';
  readonly path: string;
  readonly context?: C;
}

export function keyName(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  if (!inner.includes('\\')) return inner;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return inner;
  }
}

function kindOf(code: number): ValueKind {
  if (code === 0x22) return 'string';
  if (code === 0x2d || (code >= 0x30 && code <= 0x39)) return 'number';
  if (code === 0x74) return 'true';
  if (code === 0x66) return 'false';
  if (code === 0x6e) return 'null';
  return 'other';
}

function isScalarEnd(code: number): boolean {
  return isWhitespace(code) || code === 0x2c || code === 0x7d || code === 0x5d || code === 0x3a;
}

export function walkDocument<C extends { readonly path: string }>(text: string, visitor: WalkVisitor<C>): void {
  const length = text.length;
  const skipSpace = (from: number): number => {
    let i = from;
    while (i < length && isWhitespace(text.charCodeAt(i))) i++;
    return i;
  };
  let i = skipSpace(0);
  if (text.charCodeAt(i) !== 0x7b) return;
  i++;
  const stack: Array<Frame<C>> = [{ kind: 'object', path: '' }];

  /** Reads the value at `start` for `context`; returns where the walk goes on, or -1 to stop. */
  const readValue = (start: number, context: C | undefined): number => {
    const code = text.charCodeAt(start);
    if (code === 0x7b || code === 0x5b) {
      if (context === undefined) return skipValue(text, start);
      if (code === 0x5b) {
        stack.push({ kind: 'array', path: context.path, context });
        return start + 1;
      }
      if (visitor.entersObject(context)) {
        visitor.value(context, 'object', start, start + 1);
        stack.push({ kind: 'object', path: context.path });
        return start + 1;
      }
      const end = skipValue(text, start);
      visitor.value(context, 'object', start, end);
      return end;
    }
    // A member without its value yet (`"a": }` while typing): the walk stops there.
    if (code === 0x7d || code === 0x5d || code === 0x2c) return -1;
    let end: number;
    if (code === 0x22) {
      end = skipString(text, start);
      if (end < 0) return -1;
    } else {
      end = start + 1;
      while (end < length && !isScalarEnd(text.charCodeAt(end))) end++;
    }
    if (context !== undefined) visitor.value(context, kindOf(code), start, end);
    return end;
  };

  while (stack.length > 0) {
    i = skipSpace(i);
    if (i >= length) return;
    const frame = stack[stack.length - 1];
    const code = text.charCodeAt(i);
    if (code === 0x2c) {
      i++;
      continue;
    }
    if (frame.kind === 'object') {
      if (code === 0x7d) {
        stack.pop();
        i++;
        continue;
      }
      if (code !== 0x22) return;
      const keyEnd = skipString(text, i);
      if (keyEnd < 0) return;
      let at = skipSpace(keyEnd);
      if (text.charCodeAt(at) !== 0x3a) return;
      at = skipSpace(at + 1);
      if (at >= length) return;
      i = readValue(at, visitor.member(frame.path, keyName(text, i, keyEnd), i, keyEnd));
    } else {
      if (code === 0x5d) {
        stack.pop();
        i++;
        continue;
      }
      i = readValue(i, frame.context);
    }
    if (i < 0) return;
  }
}
