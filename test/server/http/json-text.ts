// Response bodies are built as plain objects, but a document's `_source` must reach the client as the
// exact bytes it sent. RawJson marks such pre-serialized text so the serializer splices it in unchanged.
import { JNumber, type JValue, stringifyJNode } from './jnode';

export class RawJson {
  constructor(readonly text: string) {}
}

export function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RawJson) return value.text;
  if (value instanceof JNumber || value instanceof Map) return stringifyJNode(value as JValue);
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) return '[' + value.map(toJsonText).join(',') + ']';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    parts.push(JSON.stringify(k) + ':' + toJsonText(v));
  }
  return '{' + parts.join(',') + '}';
}

/**
 * Re-indents JSON text token by token in Jackson's default pretty style (what `?pretty` gives on
 * Elasticsearch), so numbers and strings keep their exact text.
 */
export function prettyJsonText(text: string): string {
  let out = '';
  let depth = 0;
  let i = 0;
  const nl = (): string => '\n' + '  '.repeat(depth);
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === close) {
        out += c + ' ' + close;
        i = j + 1;
        continue;
      }
      depth++;
      out += c + nl();
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      depth--;
      out += nl() + c;
      i++;
      continue;
    }
    if (c === ',') {
      out += ',' + nl();
      i++;
      continue;
    }
    if (c === ':') {
      out += ' : ';
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s,:{}[\]"]/.test(text[j]!)) j++;
    out += text.slice(i, j);
    i = j;
  }
  return out + '\n';
}
