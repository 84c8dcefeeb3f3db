// Index mappings: validation of explicit mappings, merging of put-mapping updates, and field-type lookup
// for queries, sorting and stored fields (dynamic mapping of new fields is in dynamic-mapping.ts).
import { EsError, illegalArgument } from '../errors';

export type FieldMapping = Record<string, unknown> & { type?: string; properties?: Props; fields?: Props };
export type Props = Record<string, FieldMapping>;
export type Mapping = Record<string, unknown> & { properties?: Props };

const KNOWN_TYPES = new Set(
  ('text keyword long integer short byte double float half_float scaled_float unsigned_long date date_nanos boolean binary ' +
    'object nested flattened ip geo_point geo_shape point shape dense_vector sparse_vector match_only_text wildcard ' +
    'constant_keyword alias search_as_you_type completion token_count rank_feature rank_features version histogram ' +
    'integer_range long_range float_range double_range date_range ip_range percolator join semantic_text aggregate_metric_double counted_keyword').split(' '),
);
export const NUMERIC_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);
export const VECTOR_TYPES = new Set(['dense_vector', 'sparse_vector', 'rank_vectors']);

const mapperParsing = (reason: string): EsError => new EsError(400, 'mapper_parsing_exception', reason);

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Expands dotted names into object mappings, except below an object with `subobjects: false`. */
function normalizeProps(props: unknown, where: string, existing: Props | undefined, subobjects: boolean): Props {
  if (!isObj(props)) throw mapperParsing(`Failed to parse mapping: Expected map for property [properties] on field [${where}] but got a class java.lang.String`);
  const out: Props = {};
  for (const [rawName, def] of Object.entries(props)) {
    if (rawName === '') throw illegalArgument('field name cannot be an empty string');
    if (!isObj(def)) throw mapperParsing(`Expected map for property [fields] on field [${rawName}] but got a class java.lang.String`);
    const dot = rawName.indexOf('.');
    if (subobjects && dot > 0) {
      const head = rawName.slice(0, dot);
      const tail = rawName.slice(dot + 1);
      const prior = (out[head] ?? existing?.[head]) as FieldMapping | undefined;
      const childSub = prior?.subobjects !== false;
      const inner = normalizeProps({ [tail]: def }, rawName, prior?.properties, childSub);
      const merged = out[head] ?? {};
      merged.properties = { ...(merged.properties ?? {}), ...inner };
      if (prior?.subobjects === false) merged.subobjects = false;
      out[head] = merged;
      continue;
    }
    out[rawName] = normalizeField(rawName, def, existing?.[rawName]);
  }
  return out;
}

function normalizeField(name: string, def: Record<string, unknown>, existing: FieldMapping | undefined): FieldMapping {
  const field: FieldMapping = { ...def };
  // Elasticsearch keeps `dynamic` as a word: `false` comes back as "false".
  if (field.dynamic !== undefined) field.dynamic = String(field.dynamic);
  const type = field.type;
  if (type !== undefined && (typeof type !== 'string' || !KNOWN_TYPES.has(type))) {
    throw mapperParsing(
      `Failed to parse mapping: The mapper type [${String(type)}] declared on field [${name}] does not exist. It might have been created within a future version or requires a plugin to be installed. Check the documentation.`,
    );
  }
  if (field.properties !== undefined) {
    field.properties = normalizeProps(field.properties, name, existing?.properties, field.subobjects !== false && existing?.subobjects !== false);
  }
  if (field.fields !== undefined) {
    if (!isObj(field.fields)) throw mapperParsing(`Expected map for property [fields] on field [${name}]`);
    const subs: Props = {};
    for (const [sub, sdef] of Object.entries(field.fields)) {
      if (!isObj(sdef)) throw mapperParsing(`Expected map for property [fields] on field [${sub}]`);
      subs[sub] = normalizeField(sub, sdef, undefined);
    }
    field.fields = subs;
  }
  return field;
}

export function normalizeMapping(input: unknown, existing: Mapping = {}): Mapping {
  if (!isObj(input)) throw mapperParsing('Failed to parse mapping: Root mapping definition has unsupported parameters: [bad mappings]');
  const keys = Object.keys(input);
  if (keys.length === 1 && keys[0] === '_doc' && isObj(input._doc)) {
    throw illegalArgument('Types cannot be provided in put mapping requests');
  }
  const out: Mapping = { ...input };
  if (input.dynamic !== undefined) out.dynamic = String(input.dynamic);
  if (input.properties !== undefined) {
    out.properties = normalizeProps(input.properties, '_doc', existing.properties, input.subobjects !== false && existing.subobjects !== false);
  }
  if (input.runtime !== undefined) {
    if (!isObj(input.runtime)) throw mapperParsing('Failed to parse mapping: runtime must be a map type');
    for (const [name, def] of Object.entries(input.runtime)) {
      const t = isObj(def) ? def.type : undefined;
      if (!['keyword', 'long', 'double', 'date', 'boolean', 'ip', 'geo_point', 'composite', 'lookup'].includes(String(t))) {
        throw mapperParsing(
          `Failed to parse mapping: The mapper type [${String(t)}] declared on runtime field [${name}] does not exist. It might have been created within a future version or requires a plugin to be installed. Check the documentation.`,
        );
      }
    }
  }
  return out;
}

function mergeProps(old: Props, upd: Props, path: string): Props {
  const out: Props = { ...old };
  for (const [name, def] of Object.entries(upd)) {
    const full = path ? `${path}.${name}` : name;
    const prior = old[name];
    if (!prior) {
      out[name] = def;
      continue;
    }
    const oldType = prior.type ?? (prior.properties ? 'object' : undefined);
    const newType = def.type ?? (def.properties ? 'object' : undefined);
    if (oldType && newType && oldType !== newType) {
      throw illegalArgument(`mapper [${full}] cannot be changed from type [${oldType}] to [${newType}]`);
    }
    const merged: FieldMapping = { ...prior, ...def };
    if (prior.properties || def.properties) merged.properties = mergeProps(prior.properties ?? {}, def.properties ?? {}, full);
    if (prior.fields || def.fields) merged.fields = mergeProps(prior.fields ?? {}, def.fields ?? {}, full);
    out[name] = merged;
  }
  return out;
}

export function mergeMapping(existing: Mapping, update: Mapping): Mapping {
  const out: Mapping = { ...existing, ...update };
  if (existing.properties || update.properties) out.properties = mergeProps(existing.properties ?? {}, update.properties ?? {}, '');
  return out;
}

/** Looks up a field's mapping by dotted path, including multi-fields (`title.keyword`). */
export function fieldMapping(mapping: Mapping, path: string): FieldMapping | undefined {
  const parts = path.split('.');
  let props: Props | undefined = mapping.properties;
  let current: FieldMapping | undefined;
  for (let i = 0; i < parts.length; i++) {
    if (!props) return undefined;
    const rest = parts.slice(i).join('.');
    if (props[rest]) return props[rest];
    current = props[parts[i]!];
    if (!current) return undefined;
    if (i < parts.length - 1) {
      const sub = current.fields?.[parts.slice(i + 1).join('.')];
      if (sub) return sub;
      props = current.properties;
    }
  }
  return current;
}

export function leafFields(mapping: Mapping, pred: (f: FieldMapping) => boolean): string[] {
  const out: string[] = [];
  const walk = (props: Props | undefined, prefix: string): void => {
    for (const [k, f] of Object.entries(props ?? {})) {
      const full = prefix + k;
      if (pred(f)) out.push(full);
      walk(f.properties, full + '.');
    }
  };
  walk(mapping.properties, '');
  return out;
}
