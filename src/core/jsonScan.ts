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
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code === BACKSLASH) i++;
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

/**
 * Re-indents JSON text: only whitespace between tokens changes. Empty objects and arrays stay
 * `{}` and `[]`; the result ends with a newline.
 */
export function indentJson(text: string, indent = 2): string {
  // Written as UTF-16 code units into a growing buffer: millions of small string appends make
  // V8 build rope trees whose cost grows faster than the text.
  let out = new Uint16Array(text.length + (text.length >> 1) + 64);
  let n = 0;
  const reserve = (count: number): void => {
    if (n + count <= out.length) return;
    const bigger = new Uint16Array(Math.max(out.length * 2, n + count));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const newline = (level: number): void => {
    const spaces = level * indent;
    reserve(spaces + 1);
    out[n++] = 0x0a;
    out.fill(0x20, n, n + spaces);
    n += spaces;
  };
  let level = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
      i++;
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      let next = i + 1;
      while (next < length && isWhitespace(text.charCodeAt(next))) next++;
      reserve(2);
      out[n++] = code;
      // `{` + 2 is `}` and `[` + 2 is `]`: an empty container stays on one line.
      if (text.charCodeAt(next) === code + 2) {
        out[n++] = code + 2;
        i = next + 1;
      } else {
        newline(++level);
        i++;
      }
      continue;
    }
    if (code === 0x7d || code === 0x5d) {
      level = level > 0 ? level - 1 : 0;
      newline(level);
      reserve(1);
      out[n++] = code;
      i++;
      continue;
    }
    if (code === 0x2c) {
      reserve(1);
      out[n++] = code;
      newline(level);
      i++;
      continue;
    }
    if (code === 0x3a) {
      reserve(2);
      out[n++] = 0x3a;
      out[n++] = 0x20;
      i++;
      continue;
    }
    // A string, number or literal: copied as written.
    let end: number;
    if (code === QUOTE) {
      end = skipString(text, i);
      if (end < 0) end = length;
    } else {
      end = i + 1;
      while (end < length && !isDelimiter(text.charCodeAt(end))) end++;
    }
    reserve(end - i);
    for (; i < end; i++) out[n++] = text.charCodeAt(i);
  }
  reserve(1);
  out[n++] = 0x0a;
  return Buffer.from(out.buffer, out.byteOffset, n * 2).toString('utf16le');
}

function isDelimiter(code: number): boolean {
  return isWhitespace(code) || code === 0x2c || code === 0x3a || code === 0x7d || code === 0x5d || code === 0x7b || code === 0x5b || code === QUOTE;
}
