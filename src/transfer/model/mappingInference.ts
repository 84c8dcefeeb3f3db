import { parseTree, type Node } from 'jsonc-parser';

/**
 * A mapping for a new index, inferred from the first documents of a file to import, field by field
 * from their values' exact text: integers as `long` (or `unsigned_long` beyond it, `double` beyond
 * that), any fraction or exponent as `double` (where dynamic mapping would take `float` and round
 * what it indexes; `unsigned_long` only where no value is negative), strict ISO dates as `date`, other strings as `text` with a `keyword`
 * sub-field, as dynamic mapping makes them; a field whose values disagree (a number here, a string
 * there) is a `keyword`, one that is an object here and a value there is kept unindexed
 * (`"enabled": false`), so that no document is refused for it. Arrays take their elements' type.
 */

type Kind = 'integer' | 'negative' | 'big' | 'negativeBig' | 'decimal' | 'boolean' | 'date' | 'string' | 'object';

interface FieldKinds {
  readonly kinds: Set<Kind>;
  readonly children: Map<string, FieldKinds>;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const UNSIGNED_MAX = 2n ** 64n - 1n;
// strict_date_optional_time, which dynamic mapping detects first: a date, optionally a time and a zone.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}([.,]\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

export class MappingInference {
  private readonly root = new Map<string, FieldKinds>();
  private count = 0;

  /** `unsignedLong`: the cluster has the `unsigned_long` type (Elasticsearch 7.10 and later, OpenSearch 2.8 and later); else `double`. */
  constructor(private readonly unsignedLong = true) {}

  get documents(): number {
    return this.count;
  }

  /** One document's source (exact JSON text). */
  add(sourceText: string): void {
    const tree = parseTree(sourceText);
    if (tree?.type !== 'object') return;
    this.count++;
    this.members(tree, sourceText, this.root);
  }

  /** The mapping's `properties`, fields in the order first seen. */
  mapping(): { properties: Record<string, unknown> } {
    return { properties: propertiesOf(this.root, this.unsignedLong) };
  }

  /** `title: text (+keyword)`, one line per leaf field, for the user to confirm. */
  describe(): string[] {
    return describeFields(this.root, '', this.unsignedLong);
  }

  private members(object: Node, text: string, into: Map<string, FieldKinds>): void {
    for (const property of object.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key === undefined || value === undefined || typeof key.value !== 'string') continue;
      let field = into.get(key.value);
      if (field === undefined) into.set(key.value, (field = { kinds: new Set(), children: new Map() }));
      this.value(value, text, field);
    }
  }

  private value(node: Node, text: string, field: FieldKinds): void {
    switch (node.type) {
      case 'array':
        for (const element of node.children ?? []) this.value(element, text, field);
        return;
      case 'object':
        field.kinds.add('object');
        this.members(node, text, field.children);
        return;
      case 'boolean':
        field.kinds.add('boolean');
        return;
      case 'string':
        field.kinds.add(ISO_DATE.test(String(node.value)) ? 'date' : 'string');
        return;
      case 'number':
        field.kinds.add(numberKind(text.slice(node.offset, node.offset + node.length)));
        return;
      default:
        // null says nothing about the type.
        return;
    }
  }
}

function numberKind(text: string): Kind {
  if (!/^-?\d+$/.test(text)) return 'decimal';
  const value = BigInt(text);
  if (value >= LONG_MIN && value <= LONG_MAX) return value < 0n ? 'negative' : 'integer';
  return value >= 0n && value <= UNSIGNED_MAX ? 'big' : 'negativeBig';
}

function fieldMapping(field: FieldKinds, unsignedLong: boolean): Record<string, unknown> | undefined {
  const kinds = field.kinds;
  if (kinds.size === 0) return undefined;
  if (kinds.has('object')) return kinds.size === 1 ? { properties: propertiesOf(field.children, unsignedLong) } : { type: 'object', enabled: false };
  const numbers = [...kinds].every((kind) => kind === 'integer' || kind === 'negative' || kind === 'big' || kind === 'negativeBig' || kind === 'decimal');
  if (numbers) {
    // unsigned_long holds what is beyond long only if nothing is negative.
    if (kinds.has('decimal') || kinds.has('negativeBig') || (kinds.has('big') && (kinds.has('negative') || !unsignedLong))) return { type: 'double' };
    return { type: kinds.has('big') ? 'unsigned_long' : 'long' };
  }
  if (kinds.size === 1 && kinds.has('boolean')) return { type: 'boolean' };
  if (kinds.size === 1 && kinds.has('date')) return { type: 'date' };
  if ([...kinds].every((kind) => kind === 'string' || kind === 'date')) return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
  return { type: 'keyword' };
}

function propertiesOf(fields: ReadonlyMap<string, FieldKinds>, unsignedLong: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, field] of fields) {
    const mapping = fieldMapping(field, unsignedLong);
    if (mapping !== undefined) properties[name] = mapping;
  }
  return properties;
}

function describeFields(fields: ReadonlyMap<string, FieldKinds>, prefix: string, unsignedLong: boolean): string[] {
  return [...fields].flatMap(([name, field]) => {
    const mapping = fieldMapping(field, unsignedLong);
    if (mapping === undefined) return [];
    if ('properties' in mapping) return describeFields(field.children, `${prefix}${name}.`, unsignedLong);
    const type = mapping.type === 'text' ? 'text (+keyword)' : mapping.enabled === false ? 'object, not indexed (its values disagree)' : String(mapping.type);
    return [`${prefix}${name}: ${type}`];
  });
}
