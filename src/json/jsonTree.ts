import { isWhitespace, skipString, skipValue } from './jsonScan';

/**
 * JSON text seen as objects of members, where every value keeps the exact characters it was
 * written with: objects are split into members, while arrays and scalars stay whole (a merge
 * treats them as one value). The text is trusted to be well formed (checked before, or from
 * the cluster). Nothing goes through `JSON.parse` except a key's name.
 */
export type JsonNode = JsonObjectNode | JsonLeafNode;

export interface JsonObjectNode {
  readonly kind: 'object';
  readonly text: string;
  readonly members: readonly JsonMember[];
}

export interface JsonLeafNode {
  readonly kind: 'leaf';
  readonly text: string;
}

export interface JsonMember {
  /** The key's decoded name: what identifies it. */
  readonly name: string;
  /** The key as written, escapes included. */
  readonly keyText: string;
  readonly value: JsonNode;
}

export function parseJsonTree(text: string): JsonNode {
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  };

  const parseValue = (): JsonNode => {
    skipSpace();
    const start = i;
    if (text.charCodeAt(i) !== 0x7b) {
      i = skipValue(text, i);
      return { kind: 'leaf', text: text.slice(start, i) };
    }
    i++;
    const members: JsonMember[] = [];
    skipSpace();
    if (text.charCodeAt(i) === 0x7d) {
      i++;
      return { kind: 'object', text: text.slice(start, i), members };
    }
    for (;;) {
      skipSpace();
      const keyEnd = skipString(text, i);
      if (keyEnd < 0) throw new Error('unterminated key');
      const keyText = text.slice(i, keyEnd);
      i = keyEnd;
      skipSpace();
      i++; // the colon
      const value = parseValue();
      members.push({ name: JSON.parse(keyText) as string, keyText, value });
      skipSpace();
      const next = text.charCodeAt(i++);
      if (next === 0x7d) return { kind: 'object', text: text.slice(start, i), members };
      if (next !== 0x2c) throw new Error('malformed object');
    }
  };

  return parseValue();
}

/** The text without whitespace between tokens: two values are equal when these are. */
export function compactJson(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      const end = skipString(text, i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (isWhitespace(code)) {
      out += text.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return out + text.slice(runStart);
}

/** A node's text, compact; objects are rebuilt from their members, so a changed member shows. */
export function renderCompact(node: JsonNode): string {
  if (node.kind === 'leaf') return compactJson(node.text);
  return `{${node.members.map((member) => `${member.keyText}:${renderCompact(member.value)}`).join(',')}}`;
}
