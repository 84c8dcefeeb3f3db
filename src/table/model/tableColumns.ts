import * as l10n from '@vscode/l10n';
import { flatFieldPaths } from '../../mapping/model/fieldPaths';
import type { MappingModel } from '../../mapping/model/mappingModel';
import { ID_PATH } from './tableProtocol';
import type { ColumnView } from './tableProtocol';

/**
 * A table's columns: `_id`, then the mapping's fields as flat paths in mapping order, then the
 * fields found in documents that the mapping does not list, in the order met. Each says what the
 * engine sorts by for it: the field itself for a sortable type, a text field's keyword sub-field,
 * nothing for text without one, objects, nested fields and geo types.
 */

const SORTABLE = new Set([
  'keyword', 'constant_keyword', 'long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float',
  'unsigned_long', 'date', 'date_nanos', 'boolean', 'ip', 'version',
]);

/** `idSortable`: the engine sorts on `_id` (Elasticsearch before 8 and OpenSearch; from 8 its field data is off by default). */
export function tableColumns(model: MappingModel | undefined, found: readonly string[] = [], idSortable = false): ColumnView[] {
  const columns: ColumnView[] = [described({ path: ID_PATH, type: 'keyword', ...(idSortable ? { sortField: ID_PATH } : {}) })];
  const mapped = model ? flatFieldPaths(model) : [];
  for (const path of mapped) {
    const field = model?.fields.get(path);
    const type = field?.type;
    let sortField: string | undefined;
    if (type !== undefined && SORTABLE.has(type)) sortField = path;
    else if (field?.multiFields) {
      const keyword = Object.entries(field.multiFields).find(([, subType]) => subType === 'keyword');
      if (keyword) sortField = `${path}.${keyword[0]}`;
    }
    columns.push(described({ path, ...(type === undefined ? {} : { type }), ...(sortField === undefined ? {} : { sortField }) }));
  }
  const known = new Set(mapped);
  for (const path of found) {
    if (known.has(path) || mapped.some((column) => path.startsWith(`${column}.`))) continue;
    known.add(path);
    columns.push(described({ path }));
  }
  return columns;
}

/** The header's tooltip, e.g. `title: text (sorts by title.keyword)`. */
function described(column: Omit<ColumnView, 'description'>): ColumnView {
  const type = column.type ?? l10n.t('not in the mapping');
  const sorts = column.sortField === undefined ? ` · ${l10n.t('not sortable')}` : column.sortField === column.path ? '' : ` · ${l10n.t('sorts by {0}', column.sortField)}`;
  return { ...column, description: `${column.path}: ${type}${sorts}` };
}
