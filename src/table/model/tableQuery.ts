import type { ColumnView, SortKey } from './tableProtocol';

/**
 * The sort a table sends, from the clicked headers, always ending with the tiebreaker so every
 * row has one position for `search_after` (its query: `cluster/model/queryText.ts`).
 */

/** The sort clause as JSON text; keys of columns the engine cannot sort by are left out. */
export function sortOf(keys: readonly SortKey[], columns: readonly ColumnView[], tiebreaker: '_shard_doc' | '_id'): string {
  const byPath = new Map(columns.map((column) => [column.path, column]));
  const clauses = keys.flatMap((key) => {
    const column = byPath.get(key.path);
    if (column?.sortField === undefined) return [];
    const unmapped = column.type && !column.sortField.startsWith('_') ? `,"unmapped_type":${JSON.stringify(column.sortField === column.path ? column.type : 'keyword')}` : '';
    return [`{${JSON.stringify(column.sortField)}:{"order":"${key.order}"${unmapped}}}`];
  });
  // A sort on the tiebreaker itself (`_id`, where the engine sorts on it) already makes every position unique.
  const tail = clauses.some((clause) => clause.startsWith(`{"${tiebreaker}":`)) ? [] : [`{"${tiebreaker}":"asc"}`];
  return `[${[...clauses, ...tail].join(',')}]`;
}
