import type { ApiTable, EndpointSpec, ObjectType, ParamSpec, TypeRef } from '../src/console/model/apiTable';

/** The parts of the specification's schema.json (elastic/elasticsearch-specification) read here. */
interface TypeName { name: string; namespace: string }
interface SchemaValue {
  kind: string;
  type?: TypeName;
  value?: SchemaValue;
  key?: SchemaValue;
  items?: SchemaValue[];
}
interface SchemaProperty { name: string; aliases?: string[]; description?: string; type: SchemaValue; deprecation?: unknown }
interface SchemaType {
  kind: string;
  name: TypeName;
  properties?: SchemaProperty[];
  members?: Array<{ name: string; aliases?: string[] }>;
  type?: SchemaValue;
  inherits?: { type: TypeName };
  behaviors?: Array<{ type: TypeName; generics?: SchemaValue[] }>;
  attachedBehaviors?: string[];
  path?: SchemaProperty[];
  query?: SchemaProperty[];
  body?: { kind: string; properties?: SchemaProperty[]; value?: SchemaValue };
}
interface SchemaEndpoint {
  name: string;
  description: string;
  docUrl?: string;
  urls: Array<{ path: string; methods: string[] }>;
  request: TypeName | null;
  requestMediaType?: string[];
  availability?: { stack?: { visibility?: string } };
}
export interface Schema { endpoints: SchemaEndpoint[]; types: SchemaType[] }

const key = (name: TypeName): string => `${name.namespace}:${name.name}`;
/** A property's name and its aliases (`aggregations` is also `aggs`). */
const namesOf = (property: SchemaProperty): string[] => [property.name, ...(property.aliases ?? [])];

/** The first sentence of a description, on one line and at most 200 characters. */
function summaryOf(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const line = description.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  const sentence = /^(.*?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}…` : sentence;
}

const LEAVES: Record<string, string> = {
  '_types:Field': 'field',
  '_types:Fields': 'fields',
  '_types:IndexName': 'index',
  '_types:Indices': 'index',
  '_types:IndexAlias': 'index',
  '_builtins:string': 'string',
  '_builtins:boolean': 'boolean',
  '_builtins:number': 'number',
  '_builtins:null': 'null',
  '_builtins:binary': 'string',
  '_builtins:void': 'any',
  '_types:Duration': 'time',
  '_types:DurationLarge': 'time',
};

/**
 * OpenSearch's point in time, which Elasticsearch's specification does not have (OpenSearch's
 * REST API reference, "Point in Time"): written here, as the specification's endpoints are.
 */
const OPENSEARCH_DOC = 'https://docs.opensearch.org/latest/api-reference/search-apis/point-in-time-api/';
const OPENSEARCH_ENDPOINTS: EndpointSpec[] = [
  {
    name: 'opensearch.create_pit',
    summary: 'Create a point in time (OpenSearch).',
    doc: OPENSEARCH_DOC,
    urls: [{ path: '/{index}/_search/point_in_time', methods: ['POST'] }],
    params: {
      keep_alive: { type: 'time', summary: 'How long to keep the point in time.' },
      preference: { type: 'string' },
      routing: { type: 'string' },
      expand_wildcards: { type: 'enum', values: ['all', 'open', 'closed', 'hidden', 'none'] },
      allow_partial_pit_creation: { type: 'boolean' },
    },
    body: 'none',
  },
  {
    name: 'opensearch.delete_pit',
    summary: 'Delete points in time (OpenSearch).',
    doc: OPENSEARCH_DOC,
    urls: [
      { path: '/_search/point_in_time', methods: ['DELETE'] },
      { path: '/_search/point_in_time/_all', methods: ['DELETE'] },
    ],
    params: {},
    body: 'json',
  },
  {
    name: 'opensearch.get_all_pits',
    summary: 'List every point in time (OpenSearch).',
    doc: OPENSEARCH_DOC,
    urls: [{ path: '/_search/point_in_time/_all', methods: ['GET'] }],
    params: {},
    body: 'none',
  },
];

export function reduceSchema(schema: Schema, source: string): ApiTable {
  const byName = new Map(schema.types.map((type) => [key(type.name), type]));
  const objects: Record<string, ObjectType> = {};
  const visiting = new Set<string>();

  function refOf(value: SchemaValue | undefined, depth = 0): TypeRef {
    if (!value || depth > 30) return 'any';
    switch (value.kind) {
      case 'instance_of': {
        const name = key(value.type!);
        if (LEAVES[name]) return LEAVES[name];
        const type = byName.get(name);
        if (!type) return 'any';
        if (type.kind === 'type_alias') {
          if (visiting.has(name)) return 'any';
          visiting.add(name);
          try {
            return refOf(type.type, depth + 1);
          } finally {
            visiting.delete(name);
          }
        }
        if (type.kind === 'enum') return { enum: (type.members ?? []).map((member) => member.name) };
        if (type.kind === 'interface') {
          objectOf(name, type);
          return { ref: name };
        }
        return 'any';
      }
      case 'array_of':
        return { array: refOf(value.value, depth + 1) };
      case 'dictionary_of': {
        const keyRef = refOf(value.key, depth + 1);
        return { dict: refOf(value.value, depth + 1), ...(keyRef === 'field' ? { key: 'field' } : {}) };
      }
      case 'union_of': {
        const items = (value.items ?? []).map((item) => refOf(item, depth + 1));
        const unique = [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
        return unique.length === 1 ? unique[0] : { union: unique };
      }
      case 'literal_value':
        return { enum: [String((value as unknown as { value: unknown }).value)] };
      default:
        return 'any';
    }
  }

  function propertiesOf(type: SchemaType): SchemaProperty[] {
    const parent = type.inherits ? byName.get(key(type.inherits.type)) : undefined;
    return [...(parent ? propertiesOf(parent) : []), ...(type.properties ?? [])];
  }

  function objectOf(name: string, type: SchemaType): void {
    if (objects[name]) return;
    const props: Record<string, TypeRef> = {};
    const object: { props: Record<string, TypeRef>; extra?: ObjectType['extra'] } = { props };
    objects[name] = object;
    for (const property of propertiesOf(type)) for (const name of namesOf(property)) props[name] = refOf(property.type);
    const additional = type.behaviors?.find((behavior) => /^AdditionalPropert(y|ies)$/.test(behavior.type.name));
    if (additional?.generics?.length === 2) {
      const keyRef = refOf(additional.generics[0]);
      object.extra = { key: keyRef === 'field' ? 'field' : 'string', value: refOf(additional.generics[1]) };
    }
  }

  function paramOf(property: SchemaProperty): ParamSpec {
    const ref = refOf(property.type);
    const summary = summaryOf(property.description);
    const base = ((): ParamSpec => {
      if (typeof ref === 'string') return { type: ref === 'field' || ref === 'fields' || ref === 'index' ? 'list' : ref };
      if ('enum' in ref) return { type: 'enum', values: ref.enum };
      if ('array' in ref) return { type: 'list' };
      if ('union' in ref) {
        const values = ref.union.flatMap((item) => (typeof item === 'object' && 'enum' in item ? item.enum : typeof item === 'object' && 'array' in item && typeof item.array === 'object' && 'enum' in item.array ? item.array.enum : []));
        if (values.length > 0) return { type: 'enum', values: [...new Set(values)] };
        if (ref.union.includes('boolean')) return { type: 'boolean' };
        if (ref.union.includes('number')) return { type: 'number' };
        return { type: 'string' };
      }
      return { type: 'any' };
    })();
    return { ...base, ...(summary ? { summary } : {}) };
  }

  const paramsOf = (properties: SchemaProperty[] | undefined): Record<string, ParamSpec> =>
    Object.fromEntries((properties ?? []).map((property) => [property.name, paramOf(property)]));

  const endpoints: EndpointSpec[] = [];
  for (const endpoint of schema.endpoints) {
    // Elastic's own internal APIs are not for users' consoles.
    if (endpoint.name.startsWith('_internal') || endpoint.availability?.stack?.visibility === 'private') continue;
    const request = endpoint.request ? byName.get(key(endpoint.request)) : undefined;
    const ndjson = endpoint.requestMediaType?.includes('application/x-ndjson') ?? false;
    const bodyKind = request?.body?.kind ?? 'no_body';
    const body = bodyKind === 'no_body' ? 'none' : ndjson ? 'ndjson' : 'json';
    let bodyType: TypeRef | undefined;
    if (request?.body?.kind === 'properties') {
      const name = `${endpoint.name}:body`;
      objects[name] = { props: Object.fromEntries((request.body.properties ?? []).flatMap((property) => namesOf(property).map((alias) => [alias, refOf(property.type)]))) };
      bodyType = { ref: name };
    } else if (request?.body?.kind === 'value') {
      bodyType = refOf(request.body.value);
    }
    const summary = summaryOf(endpoint.description) ?? endpoint.name;
    endpoints.push({
      name: endpoint.name,
      summary,
      ...(endpoint.docUrl ? { doc: endpoint.docUrl } : {}),
      urls: endpoint.urls.map((url) => ({ path: url.path, methods: url.methods })),
      params: paramsOf(request?.query),
      body,
      ...(bodyType && bodyType !== 'any' ? { bodyType } : {}),
    });
  }
  const common = paramsOf(byName.get('_spec_utils:CommonQueryParameters')?.properties);
  const catCommon = paramsOf(byName.get('_spec_utils:CommonCatQueryParameters')?.properties);
  endpoints.sort((a, b) => a.name.localeCompare(b.name));
  const types = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => a.localeCompare(b)));
  return { source, common, catCommon, endpoints, opensearch: OPENSEARCH_ENDPOINTS, types };
}
