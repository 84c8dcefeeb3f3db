import { valueTextAt } from '../../json/jsonPaths';
import { isWhitespace, skipValue } from '../../json/jsonScan';
import { compactJsonText } from '../../json/jsonText';
import { parseJsonTree, type JsonNode } from '../../json/jsonTree';
import type { CellKind, CellView } from './tableProtocol';


/**
 * What a table shows of a document: for each column (a flat field path), the value's kind and its
 * text — a string's characters, a number's or a boolean's exact text, an array's or an object's
 * exact JSON text made compact — with `null` and a missing field told apart. Read on the exact
 * `_source` text; nothing is decoded but strings for display.
 */


export function kindOfValue(text: string): CellKind {
  const first = text.charCodeAt(0);
  if (first === 0x22) return 'string';
  if (first === 0x7b) return 'object';
  if (first === 0x5b) return 'array';
  if (text === 'true' || text === 'false') return 'boolean';
  if (text === 'null') return 'null';
  return 'number';
}

export function cellOf(valueText: string | undefined): CellView {
  if (valueText === undefined) return { kind: 'missing', text: '' };
  const kind = kindOfValue(valueText);
  if (kind === 'string') return { kind, text: JSON.parse(valueText) as string };
  if (kind === 'object' || kind === 'array') return { kind, text: compactJsonText(valueText) };
  return { kind, text: valueText };
}

/**
 * The value texts of `sourceText` at each path of `paths` that it has, and the leaf paths it has
 * that are not among them and not below one of them (fields the mapping does not list).
 */
export function readValues(sourceText: string, paths: ReadonlySet<string>): { values: Map<string, string>; others: string[] } {
  const values = new Map<string, string>();
  const others: string[] = [];
  const walk = (node: JsonNode, prefix: string): void => {
    if (node.kind !== 'object') return;
    for (const member of node.members) {
      const path = prefix === '' ? member.name : `${prefix}.${member.name}`;
      if (paths.has(path)) values.set(path, member.value.text);
      else if (member.value.kind === 'object' && member.value.members.length > 0) walk(member.value, path);
      else if (member.value.text.startsWith('[') && below(paths, path).length > 0) {
        // An array of objects (not `nested`): each mapped field below it shows its values, read-only.
        for (const field of below(paths, path)) {
          const found = arrayElements(member.value.text).map((element) => valueTextAt(element, field.slice(path.length + 1))).filter((text) => text !== undefined);
          if (found.length > 0) values.set(field, `[${found.join(',')}]`);
        }
      } else {
        values.set(path, member.value.text);
        others.push(path);
      }
    }
  };
  walk(parseJsonTree(sourceText), '');
  return { values, others };
}

function below(paths: ReadonlySet<string>, path: string): string[] {
  return [...paths].filter((candidate) => candidate.startsWith(`${path}.`));
}

/** The exact texts of an array's elements. */
export function arrayElements(arrayText: string): string[] {
  const elements: string[] = [];
  let i = 1;
  for (;;) {
    while (i < arrayText.length && (isWhitespace(arrayText.charCodeAt(i)) || arrayText.charCodeAt(i) === 0x2c)) i++;
    if (i >= arrayText.length || arrayText.charCodeAt(i) === 0x5d) return elements;
    const end = skipValue(arrayText, i);
    elements.push(arrayText.slice(i, end));
    i = end;
  }
}

/** Whether the value at `path` would sit inside an array (an array of objects): it is not one place to write. */
export function underArray(sourceText: string, path: string): boolean {
  const segments = path.split('.');
  for (let n = 1; n < segments.length; n++) {
    if (valueTextAt(sourceText, segments.slice(0, n).join('.'))?.startsWith('[')) return true;
  }
  return false;
}
