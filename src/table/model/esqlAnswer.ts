import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ColumnView } from './tableProtocol';

/**
 * An ES|QL answer (`POST /_query`) as a table reads it: its columns, with their ES|QL types, and
 * each row's values as the exact JSON text of the answer (a long beyond 2^53, `1.0`, a
 * multi-value's array), never decoded on the way.
 */

export interface EsqlAnswer {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly rows: ReadonlyArray<readonly string[]>;
}

export function readEsqlAnswer(text: string): EsqlAnswer {
  const root = parseTree(text);
  const columnsNode = root && findNodeAtLocation(root, ['columns']);
  const valuesNode = root && findNodeAtLocation(root, ['values']);
  if (columnsNode?.type !== 'array' || valuesNode?.type !== 'array') throw new Error(l10n.t('the ES|QL answer has no columns and values'));
  const columns = (columnsNode.children ?? []).map((column) => ({
    name: String(findNodeAtLocation(column, ['name'])?.value ?? ''),
    type: String(findNodeAtLocation(column, ['type'])?.value ?? ''),
  }));
  const rows = (valuesNode.children ?? []).map((row) => (row.children ?? []).map((value) => text.slice(value.offset, value.offset + value.length)));
  return { columns, rows };
}

/** The index an ES|QL query reads first (`FROM movies, other METADATA …` → `movies`), for the table's title and mapping. */
export function esqlSource(query: string): string | undefined {
  const match = /^\s*FROM\s+([^\s,|]+)/i.exec(query);
  return match?.[1];
}

/** The grid's columns for an answer: `_id` first when the query asked for it, then the answer's own order. */
export function esqlColumns(answer: EsqlAnswer): ColumnView[] {
  const columns = answer.columns.map((column) => ({ path: column.name, type: column.type, description: `${column.name}: ${column.type} (ES|QL)` }));
  const id = columns.findIndex((column) => column.path === '_id');
  return id <= 0 ? columns : [columns[id], ...columns.slice(0, id), ...columns.slice(id + 1)];
}

/** Whether the rows can be edited: each names its document (`METADATA _id, _index`). */
export function esqlEditable(answer: EsqlAnswer): boolean {
  const names = new Set(answer.columns.map((column) => column.name));
  return names.has('_id') && names.has('_index');
}
