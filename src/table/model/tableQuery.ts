import * as l10n from '@vscode/l10n';
import { validateJson } from '../../json/jsonValidate';
import type { ColumnView, SortKey } from './tableProtocol';

/**
 * The search a table sends: its query from the filter box (query-string syntax, or a Query DSL
 * object as JSON text, sent as written) and its sort from the clicked headers, always ending with
 * the tiebreaker so every row has one position for `search_after`.
 */

export type QueryText = { readonly ok: true; readonly query: string } | { readonly ok: false; readonly reason: string };

export function queryOf(filter: string): QueryText {
  const text = filter.trim();
  if (text === '') return { ok: true, query: '{"match_all":{}}' };
  if (!text.startsWith('{')) return { ok: true, query: `{"query_string":{"query":${JSON.stringify(text)}}}` };
  const shape = validateJson(text);
  if (shape.problem) return { ok: false, reason: l10n.t('the query is not valid JSON: {0}', shape.problem.message) };
  return { ok: true, query: text };
}

/** The sort clause as JSON text; keys of columns the engine cannot sort by are left out. */
export function sortOf(keys: readonly SortKey[], columns: readonly ColumnView[], tiebreaker: '_shard_doc' | '_id'): string {
  const byPath = new Map(columns.map((column) => [column.path, column]));
  const clauses = keys.flatMap((key) => {
    const column = byPath.get(key.path);
    if (column?.sortField === undefined) return [];
    const unmapped = column.type && !column.sortField.startsWith('_') ? `,"unmapped_type":${JSON.stringify(column.sortField === column.path ? column.type : 'keyword')}` : '';
    return [`{${JSON.stringify(column.sortField)}:{"order":"${key.order}"${unmapped}}}`];
  });
  return `[${[...clauses, `{"${tiebreaker}":"asc"}`].join(',')}]`;
}
