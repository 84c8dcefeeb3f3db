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
  const out: string[] = [];
  const pad = (level: number): string => '\n' + ' '.repeat(level * indent);
  let level = 0;
  let i = 0;
  const nextToken = (from: number): number => {
    let j = from;
    while (j < text.length && isWhitespace(text.charCodeAt(j))) j++;
    return j;
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) {
      i++;
    } else if (code === QUOTE) {
      const end = skipString(text, i);
      const stop = end < 0 ? text.length : end;
      out.push(text.slice(i, stop));
      i = stop;
    } else if (code === 0x7b || code === 0x5b) {
      const close = code === 0x7b ? 0x7d : 0x5d;
      const next = nextToken(i + 1);
      if (text.charCodeAt(next) === close) {
        out.push(code === 0x7b ? '{}' : '[]');
        i = next + 1;
      } else {
        level++;
        out.push(text[i] + pad(level));
        i++;
      }
    } else if (code === 0x7d || code === 0x5d) {
      level = Math.max(0, level - 1);
      out.push(pad(level) + text[i]);
      i++;
    } else if (code === 0x2c) {
      out.push(',' + pad(level));
      i++;
    } else if (code === 0x3a) {
      out.push(': ');
      i++;
    } else {
      let end = i + 1;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (isWhitespace(c) || c === 0x2c || c === 0x3a || c === 0x7d || c === 0x5d || c === 0x7b || c === 0x5b || c === QUOTE) break;
        end++;
      }
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out.join('') + '\n';
}
