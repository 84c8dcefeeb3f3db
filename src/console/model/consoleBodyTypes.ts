import type { ApiTable, ObjectType, TypeRef } from './apiTable';

/**
 * Walking a body's type through the specification's graph: what a key of an object holds, what
 * an array's items are, which keys are field names. Unions are tried alternative by alternative,
 * as the specification means them (`sort` is a field, an object, or an array of either).
 */

/** The alternatives a type stands for, unions flattened. */
export function alternatives(ref: TypeRef | undefined): TypeRef[] {
  if (ref === undefined) return [];
  if (typeof ref === 'object' && 'union' in ref) return ref.union.flatMap(alternatives);
  return [ref];
}

function objectOf(table: ApiTable, ref: TypeRef): ObjectType | undefined {
  return typeof ref === 'object' && 'ref' in ref ? table.types[ref.ref] : undefined;
}

export interface MemberType {
  readonly type: TypeRef | undefined;
  /** The key is a field name of the mapping (`match: { title: … }`). */
  readonly keyIsField: boolean;
  /** The key is one the type names (not an open dictionary's). */
  readonly known: boolean;
}

/** What `key` holds inside a value of type `ref`. */
export function memberType(table: ApiTable, ref: TypeRef | undefined, key: string): MemberType {
  let open: MemberType | undefined;
  for (const alternative of alternatives(ref)) {
    const object = objectOf(table, alternative);
    if (object) {
      if (key in object.props) return { type: object.props[key], keyIsField: false, known: true };
      if (object.extra) open ??= { type: object.extra.value, keyIsField: object.extra.key === 'field', known: false };
    } else if (typeof alternative === 'object' && 'dict' in alternative) {
      open ??= { type: alternative.dict, keyIsField: alternative.key === 'field', known: false };
    } else if (alternative === 'any') {
      open ??= { type: 'any', keyIsField: false, known: false };
    }
  }
  return open ?? { type: undefined, keyIsField: false, known: false };
}

/** The type of an array's items; a type that is not an array stands for itself (one or many). */
export function itemType(ref: TypeRef | undefined): TypeRef | undefined {
  const items = alternatives(ref).flatMap((alternative) => (typeof alternative === 'object' && 'array' in alternative ? alternatives(alternative.array) : []));
  if (items.length === 0) return ref;
  return items.length === 1 ? items[0] : { union: items };
}

/** The keys an object of this type names, for completion. */
export function keysOf(table: ApiTable, ref: TypeRef | undefined): Array<{ name: string; type: TypeRef }> {
  const keys = new Map<string, TypeRef>();
  for (const alternative of alternatives(ref)) {
    const object = objectOf(table, alternative);
    if (object) for (const [name, type] of Object.entries(object.props)) if (!keys.has(name)) keys.set(name, type);
  }
  return [...keys].map(([name, type]) => ({ name, type }));
}

/** Whether an object of this type takes field names as keys (a `match`, a `sort` item). */
export function takesFieldKeys(table: ApiTable, ref: TypeRef | undefined): boolean {
  return alternatives(ref).some((alternative) => {
    const object = objectOf(table, alternative);
    if (object) return object.extra?.key === 'field';
    return typeof alternative === 'object' && 'dict' in alternative && alternative.key === 'field';
  });
}

/** Whether a string in this position names a field (`"field": "genre"`, `"sort": "year"`). */
export function isFieldValue(ref: TypeRef | undefined): boolean {
  return alternatives(ref).some((alternative) => alternative === 'field' || alternative === 'fields');
}

/** The enumeration values a string in this position may take. */
export function enumValues(ref: TypeRef | undefined): string[] {
  return alternatives(ref).flatMap((alternative) => (typeof alternative === 'object' && 'enum' in alternative ? [...alternative.enum] : []));
}

/** A short name of a type for completion details and hovers (`QueryContainer`, `number`, `field`). */
export function typeLabel(ref: TypeRef | undefined): string {
  if (ref === undefined) return '';
  if (typeof ref === 'string') return ref;
  if ('ref' in ref) return ref.ref.replace(/^.*:/, '');
  if ('array' in ref) return `${typeLabel(ref.array)}[]`;
  if ('dict' in ref) return `{ ${ref.key === 'field' ? 'field' : 'key'}: ${typeLabel(ref.dict)} }`;
  if ('enum' in ref) return ref.enum.join(' | ');
  return ref.union.map(typeLabel).join(' | ');
}
