import * as l10n from '@vscode/l10n';
import { isWhitespace, skipValue } from '../../json/jsonScan';
import type { ImportMalformed } from './importReader';

export type ArrayElement = { readonly kind: 'element'; readonly line: number; readonly text: string } | ImportMalformed;

/**
 * The elements of a JSON array as their exact texts, each with the 1-based line it starts on.
 * Each element is checked later as a document; here only the array's own punctuation is: where it
 * breaks, the rest is one malformed item and reading stops.
 */
export function* jsonArrayElements(text: string): Generator<ArrayElement> {
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (; counted < offset; counted++) if (text.charCodeAt(counted) === 0x0a) line++;
    return line;
  };
  let i = skipWhitespace(text, 0);
  if (text[i] !== '[') {
    yield { kind: 'malformed', line: lineAt(i), reason: l10n.t('not a JSON array'), original: text.slice(i) };
    return;
  }
  i = skipWhitespace(text, i + 1);
  if (text[i] === ']') return;
  for (;;) {
    const start = i;
    const end = skipValue(text, start);
    if (end <= start) {
      yield { kind: 'malformed', line: lineAt(start), reason: l10n.t('the array breaks here'), original: text.slice(start) };
      return;
    }
    yield { kind: 'element', line: lineAt(start), text: text.slice(start, end) };
    i = skipWhitespace(text, end);
    if (text[i] === ']') return;
    if (text[i] !== ',') {
      yield { kind: 'malformed', line: lineAt(i), reason: l10n.t('expected , or ] after an element of the array'), original: text.slice(i) };
      return;
    }
    i = skipWhitespace(text, i + 1);
  }
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}
