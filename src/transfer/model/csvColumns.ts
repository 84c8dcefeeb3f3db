import { compactJsonText } from '../../json/jsonText';
import { parseJsonTree, type JsonNode } from '../../json/jsonTree';
import { flatFieldPaths } from '../../mapping/model/fieldPaths';
import { OBJECT_TYPES, type MappingModel } from '../../mapping/model/mappingModel';

/**
 * CSV's columns and cells, both ways. Columns are the mapping's flattened field paths in mapping
 * order (`director.name`; multi-fields left out; a `nested` field is one column of JSON text),
 * after `_id`. A cell holds a string's characters, a number's or a boolean's exact text, and an
 * array's or object's exact JSON text; null and missing are an empty cell.
 */

export const ID_COLUMN = '_id';
export const ROUTING_COLUMN = '_routing';

export function csvColumns(model: MappingModel): string[] {
  return [ID_COLUMN, ...flatFieldPaths(model)];
}

/** The cells of one document for `columns`, from its exact `_source` text. */
export function csvCells(sourceText: string, columns: readonly string[], meta: { id: string; routing?: string }): string[] {
  const wanted = new Set(columns);
  const prefixes = new Set(columns.flatMap((column) => column.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  const found = new Map<string, string>();
  const walk = (node: JsonNode, path: string): void => {
    if (node.kind !== 'object') return;
    for (const member of node.members) {
      const full = path === '' ? member.name : `${path}.${member.name}`;
      if (wanted.has(full)) found.set(full, cellText(member.value));
      else if (prefixes.has(full)) walk(member.value, full);
    }
  };
  walk(parseJsonTree(sourceText), '');
  return columns.map((column) => (column === ID_COLUMN ? meta.id : column === ROUTING_COLUMN ? (meta.routing ?? '') : (found.get(column) ?? '')));
}

function cellText(node: JsonNode): string {
  if (node.kind === 'object') return compactJsonText(node.text);
  const text = node.text;
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text === 'null') return '';
  return text.startsWith('[') ? compactJsonText(text) : text;
}

const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** What an empty cell becomes: the field left out, or `null`. */
export type EmptyCells = 'missing' | 'null';

/**
 * The `_source` text of one CSV record: the header's paths nested (`director.name` inside
 * `director`), in column order. A cell's type comes from the target mapping: a number for a
 * numeric field (its text as written), a boolean, JSON text for an array, and for an object in an
 * object, `nested` or unmapped field; an unmapped cell that reads as a number or boolean is one;
 * anything else is a string.
 */
export function csvSource(header: readonly string[], cells: readonly string[], types: ReadonlyMap<string, string>, empty: EmptyCells, isJson: (text: string) => boolean): string {
  interface Branch { readonly children: Map<string, Branch | string> }
  const root: Branch = { children: new Map() };
  header.forEach((column, i) => {
    if (column === ID_COLUMN || column === ROUTING_COLUMN || column === '') return;
    const cell = cells[i] ?? '';
    if (cell === '' && empty === 'missing') return;
    const parts = column.split('.');
    let branch = root;
    for (const part of parts.slice(0, -1)) {
      const next = branch.children.get(part);
      if (typeof next === 'object') branch = next;
      else {
        const made: Branch = { children: new Map() };
        branch.children.set(part, made);
        branch = made;
      }
    }
    branch.children.set(parts[parts.length - 1], cell === '' ? 'null' : valueText(cell, types.get(column), isJson));
  });
  const render = (branch: Branch): string => `{${[...branch.children].map(([name, value]) => `${JSON.stringify(name)}:${typeof value === 'string' ? value : render(value)}`).join(',')}}`;
  return render(root);
}

function valueText(cell: string, type: string | undefined, isJson: (text: string) => boolean): string {
  // An array is written as its JSON text whatever the field's type (a keyword field often holds several).
  if (cell.startsWith('[') && isJson(cell)) return compactJsonText(cell);
  const object = cell.startsWith('{') && isJson(cell);
  if (type === undefined) {
    if (object) return compactJsonText(cell);
    return JSON_NUMBER.test(cell) || cell === 'true' || cell === 'false' ? cell : JSON.stringify(cell);
  }
  if (NUMERIC.has(type) && JSON_NUMBER.test(cell)) return cell;
  if (type === 'boolean' && (cell === 'true' || cell === 'false')) return cell;
  if (OBJECT_TYPES.has(type) && object) return compactJsonText(cell);
  return JSON.stringify(cell);
}
