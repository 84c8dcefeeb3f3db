import type { BodyToken, TextSpan } from './consoleLexer';

/**
 * A span of a console body as plain JSON of the same length, for checking and completion with
 * `jsonc-parser`: comments become spaces, a `"""` string a JSON string of blanks, a variable
 * outside strings a `0` padded with spaces. Every offset of the mask is the offset of the same
 * character in the source, so what is found in it points at the text the user wrote.
 */
export function maskSpan(text: string, tokens: readonly BodyToken[], span: TextSpan): string {
  let out = '';
  let at = span.start;
  for (const token of tokens) {
    if (token.end <= span.start || token.start >= span.end) continue;
    out += text.slice(at, token.start);
    const length = token.end - token.start;
    const source = text.slice(token.start, token.end);
    if (token.kind === 'comment') out += source.replace(/[^\n]/g, ' ');
    else if (token.kind === 'triple') out += `"${' '.repeat(Math.max(0, length - 2))}"`;
    else if (token.kind === 'variable') out += `0${' '.repeat(length - 1)}`;
    else out += source;
    at = token.end;
  }
  out += text.slice(at, span.end);
  return out;
}
