/**
 * A single forward pass over JSON text, by character code, with no recursion: linear in the
 * text's size (a 5 MB document, 10,000 levels of nesting) and allocating only the output.
 * Strings and numbers are always copied as written, never decoded.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The index just past the string starting at `start` (a quote), or -1 when it is not closed. */
export function skipString(text: string, start: number): number {
  // The engine's own search finds the next quote; it closes the string unless an odd number of
  // backslashes escapes it.
  let quote = text.indexOf('"', start + 1);
  while (quote >= 0) {
    let before = quote - 1;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if (((quote - 1 - before) & 1) === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

/** The index just past the value starting at `start`, trusting the text to be well formed. */
export function skipValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = skipString(text, i) - 1;
      if (i < 0) return text.length;
      if (depth === 0) return i + 1;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
    } else if (code === 0x7d || code === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (code === 0x2c || isWhitespace(code))) {
      return i;
    }
  }
  return text.length;
}

// Tables by UTF-16 code unit: one load answers what a unit is.
const IS_WHITESPACE = new Uint8Array(0x10000);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) IS_WHITESPACE[c] = 1;
/** Code units that end a number or literal. */
const IS_DELIMITER = new Uint8Array(0x10000);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x2c, 0x3a, 0x7d, 0x5d, 0x7b, 0x5b, QUOTE]) IS_DELIMITER[c] = 1;

/**
 * `skipValue` over a typed array: the text's UTF-16 code units (see `utf16Units`) or its UTF-8
 * bytes (every JSON delimiter is ASCII, and no byte of a multi-byte UTF-8 character is). For long
 * values, such as a response's `_source`, where reading a typed array beats charCodeAt.
 */
export function skipValueIn(units: Uint16Array | Uint8Array, start: number): number {
  const length = units.length;
  let depth = 0;
  for (let i = start; i < length; i++) {
    const code = units[i];
    if (code === QUOTE) {
      for (i++; i < length; i++) {
        const c = units[i];
        if (c === QUOTE) break;
        if (c === BACKSLASH) i++;
      }
      if (i >= length) return length;
      if (depth === 0) return i + 1;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
    } else if (code === 0x7d || code === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (code === 0x2c || IS_WHITESPACE[code] === 1)) {
      return i;
    }
  }
  return length;
}

/**
 * Re-indents JSON text: only whitespace between tokens changes. Empty objects and arrays stay
 * `{}` and `[]`; the result ends with a newline. Done on the UTF-8 bytes (see `indentJsonBytes`).
 */
export function indentJson(text: string, indent = 2): string {
  return indentJsonBytes(Buffer.from(text, 'utf8'), indent).toString('utf8');
}

/**
 * `indentJson` from UTF-8 bytes to UTF-8 bytes: a document read from the cluster goes to the
 * editor without being decoded and encoded again. Every byte the loop looks at is ASCII (a
 * multi-byte character never contains one), so tokens are copied byte for byte.
 */
export function indentJsonBytes(input: Uint8Array, indent = 2): Buffer {
  // One loop with local variables only (the engine keeps them in registers), reading and writing
  // typed arrays; millions of small string appends would instead make V8 build rope trees whose
  // cost grows faster than the text.
  const length = input.length;
  // Indenting compact text makes it about 1.5 to 2 times as long: room for that up front, as
  // growing would copy it all. Not zero-filled: every byte up to `n` is written before it is read.
  let out: Buffer = Buffer.allocUnsafe(2 * length + 64);
  let n = 0;
  let level = 0;
  let i = 0;
  while (i < length) {
    const code = input[i];
    if (IS_WHITESPACE[code] === 1) {
      i++;
      continue;
    }
    // Room for this character and the newline and indentation after it; a string or number is
    // given room below, once its length is known.
    if (n + 2 + (level + 1) * indent > out.length) out = grow(out, n, 2 + (level + 1) * indent);
    if (code === 0x7b || code === 0x5b) {
      let next = i + 1;
      while (next < length && IS_WHITESPACE[input[next]] === 1) next++;
      out[n++] = code;
      // `{` + 2 is `}` and `[` + 2 is `]`: an empty container stays on one line.
      if (input[next] === code + 2) {
        out[n++] = code + 2;
        i = next + 1;
      } else {
        level++;
        out[n++] = 0x0a;
        for (let k = level * indent; k > 0; k--) out[n++] = 0x20;
        i++;
      }
      continue;
    }
    if (code === 0x7d || code === 0x5d) {
      level = level > 0 ? level - 1 : 0;
      out[n++] = 0x0a;
      for (let k = level * indent; k > 0; k--) out[n++] = 0x20;
      out[n++] = code;
      i++;
      continue;
    }
    if (code === 0x2c) {
      out[n++] = code;
      out[n++] = 0x0a;
      for (let k = level * indent; k > 0; k--) out[n++] = 0x20;
      i++;
      continue;
    }
    if (code === 0x3a) {
      out[n++] = 0x3a;
      out[n++] = 0x20;
      i++;
      continue;
    }
    // A string, number or literal: copied as written.
    let end = i + 1;
    if (code === QUOTE) {
      while (end < length) {
        const c = input[end++];
        if (c === QUOTE) break;
        if (c === BACKSLASH) end++;
      }
      if (end > length) end = length;
    } else {
      while (end < length && IS_DELIMITER[input[end]] !== 1) end++;
    }
    if (n + (end - i) > out.length) out = grow(out, n, end - i);
    // A native copy pays off on long tokens only.
    if (end - i > 48) {
      out.set(input.subarray(i, end), n);
      n += end - i;
      i = end;
    } else {
      while (i < end) out[n++] = input[i++];
    }
  }
  if (n + 1 > out.length) out = grow(out, n, 1);
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

/** The text's UTF-16 code units. */
export function utf16Units(text: string): Uint16Array {
  const bytes = Buffer.from(text, 'utf16le');
  // A small buffer may sit at an odd offset of Node's shared pool: then it is copied.
  if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  return new Uint16Array(Uint8Array.from(bytes).buffer);
}

function grow(out: Buffer, used: number, more: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, used + more));
  out.copy(bigger, 0, 0, used);
  return bigger;
}
