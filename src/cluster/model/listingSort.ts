/**
 * The order documents are listed in: storage order (`_shard_doc`) or a sort on one field, always
 * followed by `_shard_doc` so that every hit has a unique position for `search_after`.
 */

export interface ListingSort {
  readonly field: string;
  readonly order: 'asc' | 'desc';
  /** The field's mapped type, sent as `unmapped_type` so an alias over indices lacking it still sorts. */
  readonly type?: string;
}

export interface SortableField {
  readonly field: string;
  readonly type: string;
}

const SORTABLE_TYPES = new Set([
  'keyword', 'constant_keyword', 'long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float',
  'unsigned_long', 'date', 'date_nanos', 'boolean', 'ip', 'version',
]);

interface FieldMapping {
  type?: unknown;
  doc_values?: unknown;
  properties?: Record<string, FieldMapping>;
  fields?: Record<string, FieldMapping>;
}

/**
 * The fields a listing can be sorted on, from a `GET {index}/_mapping` answer (several indices
 * for an alias): fields with doc values of a sortable type, sub-fields such as `title.keyword`
 * included; text and nested fields left out (Elasticsearch refuses to sort on them as such).
 */
export function sortableFields(mappingAnswer: Record<string, unknown>): SortableField[] {
  const found = new Map<string, string>();
  const visit = (properties: Record<string, FieldMapping> | undefined, prefix: string): void => {
    for (const [name, mapping] of Object.entries(properties ?? {})) {
      if (typeof mapping !== 'object' || mapping === null) continue;
      const path = prefix + name;
      const type = typeof mapping.type === 'string' ? mapping.type : mapping.properties ? 'object' : '';
      if (type === 'nested') continue;
      if (SORTABLE_TYPES.has(type) && mapping.doc_values !== false && !found.has(path)) found.set(path, type);
      visit(mapping.properties, `${path}.`);
      visit(mapping.fields, `${path}.`);
    }
  };
  for (const entry of Object.values(mappingAnswer)) {
    const mappings = (entry as { mappings?: { properties?: Record<string, FieldMapping> } } | null)?.mappings;
    visit(mappings?.properties, '');
  }
  return [...found].map(([field, type]) => ({ field, type })).sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * Whether the cluster sorts on `_id`: Elasticsearch 8 and later refuse it by default
 * (`indices.id_field_data.enabled` is false), 7.x allows it.
 */
export function sortsOnId(version: string): boolean {
  const major = Number.parseInt(version, 10);
  return Number.isFinite(major) && major < 8;
}

/** The `sort` of a listing's search, as JSON text; `_shard_doc` (or `_id` where there is none) is the tiebreaker. */
export function sortClause(sort: ListingSort | undefined, tiebreakerField: '_shard_doc' | '_id' = '_shard_doc'): string {
  const tiebreaker = `{"${tiebreakerField}":"asc"}`;
  if (sort?.field === tiebreakerField) return `[{"${tiebreakerField}":{"order":"${sort.order}"}}]`;
  if (sort === undefined) return `[${tiebreaker}]`;
  const unmapped = sort.type && !sort.field.startsWith('_') ? `,"unmapped_type":${JSON.stringify(sort.type)}` : '';
  return `[{${JSON.stringify(sort.field)}:{"order":"${sort.order}"${unmapped}}},${tiebreaker}]`;
}

/** A short label, e.g. `year ↓`. */
export function describeSort(sort: ListingSort): string {
  return `${sort.field} ${sort.order === 'asc' ? '↑' : '↓'}`;
}
