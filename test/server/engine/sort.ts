// Sort specifications and the sort values Elasticsearch puts in hits: numbers for numeric and date
// fields (missing: Long.MAX/MIN_VALUE), strings for keywords (missing: null), `_shard_doc` as
// (shard ordinal << 32) + position.
import type { IndexState } from './index-state';
import type { DocRecord } from './shard';
import { fieldMapping, NUMERIC_TYPES } from './mapping';
import { valuesAt } from './field-values';
import { dateNanos, printDate } from './dates';
import { parsedSource } from './documents';
import { EsError, illegalArgument } from '../errors';
import { AllShardsFailed } from './shard-failures';
import { createdInEs7Dialect, openSearchMajorOf } from '../distribution';

export interface SortSpec {
  field: string;
  desc: boolean;
  missingFirst: boolean;
  unmappedType?: string;
  /** A date sort's `format`: its values come back printed in it, and search_after takes them so. */
  format?: string;
  /** `numeric_type`: date and date_nanos fields of several indices sorted in one unit. */
  numericType?: string;
  /** `missing` given as a value (not `_first`/`_last`): the sort value of a document without the field. */
  missingValue?: unknown;
}

export type SortValue = number | bigint | string | boolean | null;

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;
export const SHARD_DOC_SHIFT = 2 ** 32;

export function parseSort(input: unknown): SortSpec[] {
  if (input === undefined || input === null) return [];
  const list = Array.isArray(input) ? input : [input];
  const out: SortSpec[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      for (const part of item.split(',').filter(Boolean)) {
        const [field, order] = part.split(':');
        out.push(spec(field!, order ?? (field === '_score' ? 'desc' : 'asc')));
      }
      continue;
    }
    for (const [field, v] of Object.entries(item as Record<string, unknown>)) {
      if (typeof v === 'string') out.push(spec(field, v));
      else {
        const o = (v ?? {}) as Record<string, unknown>;
        const s = spec(field, String(o.order ?? (field === '_score' ? 'desc' : 'asc')));
        if (o.missing === '_first' || o.missing === '_last') s.missingFirst = o.missing === '_first';
        else if (o.missing !== undefined && o.missing !== null) s.missingValue = o.missing;
        if (o.unmapped_type !== undefined) s.unmappedType = String(o.unmapped_type);
        if (typeof o.format === 'string') s.format = o.format;
        if (typeof o.numeric_type === 'string') s.numericType = o.numeric_type;
        out.push(s);
      }
    }
  }
  return out;
}

function spec(field: string, order: string): SortSpec {
  const o = order.toLowerCase();
  if (o !== 'asc' && o !== 'desc') throw illegalArgument(`Unknown SortOrder [${order}]`);
  return { field, desc: o === 'desc', missingFirst: false };
}

const ID_FIELDDATA = 'Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled';

export function checkSortable(index: IndexState, s: SortSpec): void {
  // From Elasticsearch 8.0, `indices.id_field_data.enabled` is false by default: sorting on _id fails on every shard.
  if (s.field === '_id' && !createdInEs7Dialect(index.setting('index.version.created'))) {
    const cause = illegalArgument(ID_FIELDDATA);
    const failures = index.shards.map((_, shard) => ({ shard, index: index.name, cause }));
    throw new AllShardsFailed(400, failures, new EsError(400, 'illegal_argument_exception', ID_FIELDDATA, {}, illegalArgument(ID_FIELDDATA)));
  }
  // OpenSearch knew no _shard_doc before 3 (a sort on it fails as on an unmapped field).
  const openSearchMajor = openSearchMajorOf(index.setting('index.version.created'));
  if (s.field.startsWith('_') && !(openSearchMajor !== undefined && openSearchMajor < 3 && s.field === '_shard_doc')) return;
  const fm = fieldMapping(index.mappings, s.field);
  if (!fm && !s.unmappedType) {
    throw new EsError(400, 'query_shard_exception', `No mapping found for [${s.field}] in order to sort on`, { index_uuid: index.uuid, index: index.name });
  }
  if (fm?.type === 'text') {
    throw illegalArgument(
      `${openSearchMajor !== undefined ? '' : `Fielddata is disabled on [${s.field}] in [${index.name}]. `}Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${s.field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
    );
  }
}

export function sortValue(index: IndexState, rec: DocRecord, s: SortSpec, shardOrdinal: number): SortValue {
  switch (s.field) {
    case '_score':
      return 1;
    case '_doc':
      return rec.position;
    case '_shard_doc':
      return shardOrdinal * SHARD_DOC_SHIFT + rec.position;
    case '_id':
      return rec.id;
    default:
      break;
  }
  const mapped = fieldMapping(index.mappings, s.field);
  const type = mapped?.type ?? s.unmappedType;
  const fieldFormat = typeof mapped?.format === 'string' ? mapped.format : undefined;
  const numeric = type !== undefined && (NUMERIC_TYPES.has(type) || type === 'date' || type === 'date_nanos');
  let vals = valuesAt(parsedSource(rec), s.field.replace(/\.keyword$/, ''));
  if (!s.field.endsWith('.keyword')) vals = valuesAt(parsedSource(rec), s.field);
  // Where a document has no value: `missing` as given, else Long's bounds (last by default, first on request).
  const absent = (): SortValue => {
    // A numeric field's (and a date's) missing value is read as a number, as Long.parseLong does.
    if (s.missingValue !== undefined) return missingNumber(index, s.missingValue);
    return s.desc === s.missingFirst ? LONG_MAX : LONG_MIN;
  };
  if (type === 'date' || type === 'date_nanos') {
    // Nanoseconds since the epoch, exact: a date_nanos field's sort value is that long; a date field's, its milliseconds.
    const nanos = vals.map((v) => dateNanos(v, fieldFormat)).filter((n): n is bigint => n !== undefined);
    if (nanos.length === 0) return absent();
    return inUnit(type, s, nanos.reduce((best, n) => ((s.desc ? n > best : n < best) ? n : best)));
  }
  if (numeric) {
    const nums = vals.map((v) => Number(v)).filter((n) => !Number.isNaN(n));
    if (nums.length === 0) return absent();
    return s.desc ? Math.max(...nums) : Math.min(...nums);
  }
  if (type === 'boolean') {
    if (vals.length === 0) return null;
    const b = vals.map((v) => (v === true || v === 'true' ? 1 : 0));
    return s.desc ? Math.max(...b) : Math.min(...b);
  }
  const strs = vals.map(String).sort();
  if (strs.length === 0) return null;
  return s.desc ? strs[strs.length - 1]! : strs[0]!;
}

function missingNumber(index: IndexState, value: unknown): number {
  const n = typeof value === 'number' ? value : /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isNaN(n)) return n;
  const reason = `For input string: "${String(value)}"`;
  const cause = new EsError(400, 'number_format_exception', reason);
  // Elasticsearch also gives the search failure the shard's cause, itself caused by the same parse.
  throw new AllShardsFailed(400, index.shards.map((_, shard) => ({ shard, index: index.name, cause })), new EsError(400, 'number_format_exception', reason, {}, new EsError(400, 'number_format_exception', reason)));
}

/**
 * A date's sort value in the unit the sort compares in: nanoseconds (a bigint) for date_nanos or
 * `numeric_type: date_nanos`, else milliseconds; `value` is nanoseconds (a bigint) or a plain number.
 */
function inUnit(type: string | undefined, s: SortSpec, value: unknown): SortValue {
  if (typeof value !== 'bigint') return typeof value === 'number' ? value : Number(value);
  const nanosUnit = s.numericType === 'date_nanos' || (type === 'date_nanos' && s.numericType !== 'date');
  if (nanosUnit) return value;
  return Number(value / 1_000_000n - (value % 1_000_000n < 0n ? 1n : 0n));
}

/** A hit's sort value as the answer shows it: printed in the sort's `format` where it has one and the field is a date. */
export function shownSortValue(index: IndexState, s: SortSpec, value: SortValue): SortValue {
  if (s.format === undefined) return value;
  const type = fieldMapping(index.mappings, s.field)?.type ?? s.unmappedType;
  if (type !== 'date' && type !== 'date_nanos') return value;
  // A document without the field has no date to print (Elasticsearch 7 prints Long's bound as a date).
  if (value === LONG_MAX || value === LONG_MIN) {
    const created = index.setting('index.version.created');
    if (!createdInEs7Dialect(created) || openSearchMajorOf(created) !== undefined) return null;
    if (s.format.startsWith('epoch')) return String(value);
    return value === LONG_MAX ? '+292278994-08-17T07:12:55.807Z' : '-292275055-05-16T16:47:04.192Z';
  }
  if (typeof value === 'bigint') return printDate(value, s.format);
  return typeof value === 'number' ? printDate(BigInt(value) * 1_000_000n, s.format) : value;
}

/** A search_after value for a date sort, given as the sort's `format` prints it (or any format the field reads), in the sort's unit. */
export function afterInUnit(index: IndexState, s: SortSpec, value: SortValue): SortValue {
  if (typeof value !== 'string') return value;
  const mapped = fieldMapping(index.mappings, s.field);
  const type = mapped?.type ?? s.unmappedType;
  if (type !== 'date' && type !== 'date_nanos') return value;
  const nanos = dateNanos(value, s.format ?? (typeof mapped?.format === 'string' ? mapped.format : undefined));
  return nanos === undefined ? value : inUnit(type, s, nanos);
}

function cmpOne(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'string' || typeof b === 'string') return String(a) < String(b) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareKeys(a: SortValue[], b: SortValue[], specs: SortSpec[]): number {
  for (let i = 0; i < specs.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null ? 1 : -1) * (specs[i]!.missingFirst ? -1 : 1);
    }
    const c = cmpOne(x, y);
    if (c !== 0) return specs[i]!.desc ? -c : c;
  }
  return 0;
}

/** Coerces client-sent search_after values to the comparable form of each sort. */
export function coerceAfter(values: unknown[], specs: SortSpec[]): SortValue[] {
  if (values.length !== specs.length) {
    throw illegalArgument(`search_after has ${values.length} value(s) but sort has ${specs.length}.`);
  }
  return values.map((v) => {
    if (typeof v === 'bigint') return v;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v as SortValue;
    if (typeof v === 'number') return Number.isSafeInteger(v) || !Number.isInteger(v) ? v : BigInt(Math.round(v)) > LONG_MAX ? LONG_MAX : v;
    return String(v);
  });
}
