// Dynamic mapping of an indexed document, read from its JSON tokens as Elasticsearch reads them: a number
// token with a fraction or exponent maps as `float`, an integer token as `long`; every value is then checked
// against its field's type, and a refused value fails the whole document (no mapping change is kept).
import { EsError } from '../errors';
import { JNumber, type JObject, type JValue, type ValueStarts, isJObject } from '../http/jnode';
import { checkFieldValue, lineColumn } from './field-value-checks';
import type { FieldMapping, Mapping, Props } from './mapping';

export interface DocumentText {
  readonly text: string;
  readonly starts: ValueStarts;
  readonly id: string;
  /** document_parsing_exception, or mapper_parsing_exception on indices created by 7.x. */
  readonly errorType: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$|^\d{4}\/\d{2}\/\d{2}( \d{2}:\d{2}:\d{2})?( [+-]\d{4})?$/;

function inferType(value: JValue): FieldMapping | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = inferType(v);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (value instanceof JNumber) return /[.eE]/.test(value.raw) ? { type: 'float' } : { type: 'long' };
  if (typeof value === 'string') {
    if (DATE_RE.test(value) && !Number.isNaN(Date.parse(value.replace(/\//g, '-')))) return { type: 'date' };
    return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
  }
  return { properties: {} };
}

/** "[line:column]" of a value's first character, the column counted in bytes as Jackson counts it. */
function location(text: string, offset: number): string {
  return `[${lineColumn(text, offset)}]`;
}

function objects(value: JValue): JObject[] {
  if (isJObject(value)) return [value];
  return Array.isArray(value) ? value.flatMap(objects) : [];
}

/**
 * Adds mappings for fields seen for the first time and refuses values the mapping cannot take.
 * Returns true when the mapping changed.
 */
/** `true`, `false`, `strict` or `runtime`, as a mapping or an object field sets it; inherited below. */
type DynamicMode = string;

export function applyDynamicMapping(mapping: Mapping, root: JObject, doc: DocumentText): boolean {
  const added: Array<[Props, string]> = [];

  const refuse = (offset: number, full: string, key: string, type: string, field: FieldMapping, value: JValue): void => {
    // Worked out only for a refusal: finding the line is linear in the text.
    const at = (): string => location(doc.text, offset);
    if (type === 'object' || type === 'nested') {
      if (value === null || isJObject(value)) return;
      throw new EsError(400, doc.errorType, `${at()} object mapping for [${full}] tried to parse field [${key}] as object, but found a concrete value`);
    }
    const refusal = checkFieldValue(type, value, { text: doc.text, start: offset }, { format: field.format as string | undefined, coerce: field.coerce as boolean | undefined });
    // ignore_malformed: the value stays in _source, unindexed, and the document is taken.
    if (!refusal || field.ignore_malformed === true) return;
    const where = refusal.atOffset === undefined ? at() : location(doc.text, refusal.atOffset);
    const reason = `${where} failed to parse field [${full}] of type [${type}] in document with id '${doc.id}'. Preview of field's value: '${refusal.preview}'`;
    // The parsing exception is its own root cause: what caused it is detail.
    throw new EsError(400, doc.errorType, reason, {}, refusal.cause, true);
  };

  /** Checks a value, or each element of an array at its own position. */
  const check = (container: JObject | JValue[], slot: string | number, value: JValue, full: string, key: string, type: string, field: FieldMapping): void => {
    const offset = doc.starts.of(container, slot) ?? 0;
    if (!Array.isArray(value)) return refuse(offset, full, key, type, field, value);
    value.forEach((element, i) => check(value, i, element, full, key, type, field));
  };

  const walk = (props: Props, obj: JObject, path: string, subobjects: boolean, dynamic: DynamicMode): void => {
    for (const [rawKey, value] of obj) {
      let key = rawKey;
      let val = value;
      if (subobjects && rawKey.includes('.') && !props[rawKey]) {
        // `a.b: 1` is `a: {b: 1}`; the inner value keeps the position of the original.
        const [head, ...rest] = rawKey.split('.');
        key = head!;
        const inner: JObject = new Map([[rest.join('.'), value]]);
        doc.starts.record(inner, rest.join('.'), doc.starts.of(obj, rawKey) ?? 0);
        val = inner;
      }
      const full = path ? `${path}.${key}` : key;
      let field = props[key];
      if (!field) {
        if (dynamic === 'strict') {
          const at = location(doc.text, doc.starts.of(obj, rawKey) ?? 0);
          throw new EsError(400, 'strict_dynamic_mapping_exception', `${at} mapping set to strict, dynamic introduction of [${key}] within [${path || '_doc'}] is not allowed`);
        }
        // false: kept in _source, neither mapped nor indexed; runtime: mapped at search time only.
        if (dynamic !== 'true') continue;
        const inferred = inferType(val);
        if (!inferred) continue;
        props[key] = field = inferred;
        added.push([props, key]);
      }
      const type = field.type ?? 'object';
      check(obj, rawKey, val, full, key, type, field);
      if ((type === 'object' || type === 'nested') && field.enabled !== false) {
        const inner = field.dynamic === undefined ? dynamic : String(field.dynamic);
        for (const o of objects(val)) walk((field.properties ??= {}), o, full, field.subobjects !== false, inner);
      }
    }
  };

  try {
    walk((mapping.properties ??= {}), root, '', mapping.subobjects !== false, String(mapping.dynamic ?? 'true'));
  } catch (e) {
    for (const [props, key] of added.reverse()) delete props[key];
    throw e;
  }
  return added.length > 0;
}
