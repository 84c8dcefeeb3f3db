/**
 * An index mapping as the editor needs it: the fields a document may hold, by object path, with
 * their type, the dynamic mode that applies where a field is not mapped, and the properties that
 * change what a value means (`index`, `ignore_above`, `format`, `copy_to`, `coerce`,
 * `ignore_malformed`, `scaling_factor`). Read from the answer of `GET /{index}/_mapping`.
 */

export type DynamicMode = 'true' | 'false' | 'strict' | 'runtime';

export interface MappedField {
  /** The full dotted path, e.g. `cast.name`. */
  readonly path: string;
  readonly name: string;
  /** The mapped type; `object` for an object mapping without a type. */
  readonly type: string;
  /** For objects and `nested`: what applies to keys not mapped below it (inherited when not set). */
  readonly dynamic?: DynamicMode;
  /** `enabled: false` on an object: its content is kept in `_source` and never parsed. */
  readonly enabled?: boolean;
  readonly index?: boolean;
  readonly ignoreAbove?: number;
  readonly format?: string;
  readonly copyTo?: readonly string[];
  readonly coerce?: boolean;
  readonly ignoreMalformed?: boolean;
  readonly scalingFactor?: number;
  /** The field's multi-fields (`fields`: `keyword` of a `text`), by name, with their types. */
  readonly multiFields?: Readonly<Record<string, string>>;
}

export interface MappingModel {
  /** The concrete index whose mapping this is. */
  readonly index: string;
  /** The root's dynamic mode (`true` when not set). */
  readonly dynamic: DynamicMode;
  /** Every mapped field and object by full path; multi-fields are not keys and are absent. */
  readonly fields: ReadonlyMap<string, MappedField>;
  /** The names mapped directly below an object path (`''` for the root), in mapping order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}

export const OBJECT_TYPES: ReadonlySet<string> = new Set(['object', 'nested']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dynamicOf(value: unknown): DynamicMode | undefined {
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  if (value === 'strict' || value === 'runtime') return value;
  return undefined;
}

function booleanOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The mapping of one concrete index from the answer of `GET /{index}/_mapping`, which is keyed
 * by concrete index (an alias or a data stream answers with its indices): `preferred` when it is
 * one of them (the index a document was read from), else the first. Undefined when there is none.
 */
export function readMappingModel(answer: unknown, preferred?: string): MappingModel | undefined {
  if (!isObject(answer)) return undefined;
  const names = Object.keys(answer).filter((name) => isObject(answer[name]));
  const index = preferred !== undefined && names.includes(preferred) ? preferred : names[0];
  if (index === undefined) return undefined;
  const entry = answer[index] as Json;
  let mappings = isObject(entry.mappings) ? entry.mappings : {};
  // Elasticsearch 6 nests the mapping under its type name.
  if (!isObject(mappings.properties) && Object.keys(mappings).length === 1) {
    const only = mappings[Object.keys(mappings)[0]];
    if (isObject(only) && isObject(only.properties)) mappings = only;
  }
  const dynamic = dynamicOf(mappings.dynamic) ?? 'true';
  const fields = new Map<string, MappedField>();
  const children = new Map<string, string[]>();
  // Iterative: a mapping may be deep, and nothing here should depend on the stack's size.
  const pending: Array<{ properties: unknown; parent: string; inherited: DynamicMode }> = [{ properties: mappings.properties, parent: '', inherited: dynamic }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { properties, parent, inherited } = next;
    if (!isObject(properties)) continue;
    for (const [name, definition] of Object.entries(properties)) {
      if (!isObject(definition)) continue;
      // A dotted name in a mapping (`"a.b": {…}`) stands for objects; the answer normally has them expanded.
      const path = parent === '' ? name : `${parent}.${name}`;
      const field = readField(path, name, definition, inherited);
      fields.set(path, field);
      const siblings = children.get(parent) ?? [];
      siblings.push(name);
      children.set(parent, siblings);
      if (OBJECT_TYPES.has(field.type)) pending.push({ properties: definition.properties, parent: path, inherited: field.dynamic ?? inherited });
    }
  }
  return { index, dynamic, fields, children };
}

function readField(path: string, name: string, definition: Json, inherited: DynamicMode): MappedField {
  const type = typeof definition.type === 'string' ? definition.type : 'object';
  const copyTo = typeof definition.copy_to === 'string' ? [definition.copy_to] : Array.isArray(definition.copy_to) ? definition.copy_to.filter((t): t is string => typeof t === 'string') : undefined;
  const field: { -readonly [K in keyof MappedField]: MappedField[K] } = { path, name, type };
  if (OBJECT_TYPES.has(type)) field.dynamic = dynamicOf(definition.dynamic) ?? inherited;
  const enabled = booleanOf(definition.enabled);
  if (enabled !== undefined) field.enabled = enabled;
  const index = booleanOf(definition.index);
  if (index !== undefined) field.index = index;
  const ignoreAbove = numberOf(definition.ignore_above);
  if (ignoreAbove !== undefined) field.ignoreAbove = ignoreAbove;
  if (typeof definition.format === 'string') field.format = definition.format;
  if (copyTo !== undefined && copyTo.length > 0) field.copyTo = copyTo;
  const coerce = booleanOf(definition.coerce);
  if (coerce !== undefined) field.coerce = coerce;
  const ignoreMalformed = booleanOf(definition.ignore_malformed);
  if (ignoreMalformed !== undefined) field.ignoreMalformed = ignoreMalformed;
  const scalingFactor = numberOf(definition.scaling_factor);
  if (scalingFactor !== undefined) field.scalingFactor = scalingFactor;
  if (isObject(definition.fields)) {
    const multi = Object.entries(definition.fields).filter((entry): entry is [string, Json] => isObject(entry[1]));
    if (multi.length > 0) field.multiFields = Object.fromEntries(multi.map(([name, sub]) => [name, typeof sub.type === 'string' ? sub.type : 'object']));
  }
  return field;
}

/** The dynamic mode that applies to keys below the object at `path` (`''` is the root). */
export function dynamicAt(model: MappingModel, path: string): DynamicMode {
  if (path === '') return model.dynamic;
  return model.fields.get(path)?.dynamic ?? model.dynamic;
}

/** The mapped fields directly below an object path. */
export function fieldsBelow(model: MappingModel, path: string): MappedField[] {
  return (model.children.get(path) ?? []).map((name) => model.fields.get(path === '' ? name : `${path}.${name}`)).filter((f): f is MappedField => f !== undefined);
}

/** Every field a query can name, by path, with its type: the mapped fields and their multi-fields (`title.keyword`). */
export function queryableFields(model: MappingModel): Map<string, string> {
  const fields = new Map<string, string>();
  for (const field of model.fields.values()) {
    fields.set(field.path, field.type);
    for (const [name, type] of Object.entries(field.multiFields ?? {})) fields.set(`${field.path}.${name}`, type);
  }
  return fields;
}

/** The default formats of a date field when the mapping sets none. */
export function dateFormatOf(field: MappedField): string {
  return field.format ?? (field.type === 'date_nanos' ? 'strict_date_optional_time_nanos||epoch_millis' : 'strict_date_optional_time||epoch_millis');
}
