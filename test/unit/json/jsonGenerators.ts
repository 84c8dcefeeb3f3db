import fc from 'fast-check';
import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * JSON texts generated as text, not via JSON.stringify (every spelling of numbers, escapes and
 * whitespace), and their tokens as read by an independent scanner (jsonc-parser's).
 */

export function tokens(text: string): string[] {
  const scanner = createScanner(text, false);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    out.push(`${kind}:${text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength())}`);
  }
  return out;
}

export const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  \n  ');
const digits = fc.stringMatching(/^[0-9]{1,30}$/);
const number = fc.oneof(
  fc.constantFrom('0', '-0', '1.0', '-0.0', '1E+2', '1e-7', '12345678901234567890', '9007199254740993', '1.5e300', '0.1000'),
  fc.tuple(fc.constantFrom('', '-'), fc.stringMatching(/^(0|[1-9][0-9]{0,25})$/), fc.option(digits, { nil: undefined }), fc.option(fc.tuple(fc.constantFrom('e', 'E', 'e+', 'E-'), digits), { nil: undefined }))
    .map(([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : exp.join('')}`),
);
const escape = fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0000', '\\u00e9', '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\u2028', '\\uFFFF');
// Characters a string may hold raw: not a quote, a backslash or a control character.
const raw = fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => [...s].filter((c) => c !== '"' && c !== '\\' && c.charCodeAt(0) >= 0x20).join(''));
export const string = fc.array(fc.oneof(escape, raw, fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '  ', '//', '/*')), { maxLength: 8 }).map((parts) => `"${parts.join('')}"`);
const literal = fc.constantFrom('true', 'false', 'null');

export const { value } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    string,
    literal,
    fc.array(tie('value'), { maxLength: 5 }).chain((items) => fc.array(ws, { minLength: items.length * 2 + 2, maxLength: items.length * 2 + 2 }).map((w) => `[${w[0]}${items.map((it, n) => `${w[2 * n + 1]}${it}${w[2 * n + 2]}`).join(',')}${w[w.length - 1]}]`)),
    fc.uniqueArray(fc.tuple(string, tie('value')), { maxLength: 5, selector: ([key]) => key }).chain((members) => ws.map((w) => `{${w}${members.map(([k, v]) => `${k}${w}:${w}${v}`).join(`,${w}`)}${w}}`)),
  ),
}));
