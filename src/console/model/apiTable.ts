/**
 * The console's view of Elasticsearch's REST API: a table reduced at build time from the official
 * specification (`npm run console:api`, see scripts/consoleApiReduce.ts), shipped in the VSIX and
 * read once when a console first needs it. Nothing of it is downloaded at run time.
 */

/** A query parameter or a path part: its type, and the values an enumeration allows. */
export interface ParamSpec {
  /** `string`, `number`, `boolean`, `list` (comma-separated), `time`, `enum`, or `any`. */
  readonly type: string;
  readonly values?: readonly string[];
  readonly summary?: string;
}

export interface EndpointUrl {
  readonly path: string;
  readonly methods: readonly string[];
}

export interface EndpointSpec {
  /** The specification's name of the API, e.g. `search`, `indices.create`. */
  readonly name: string;
  readonly summary: string;
  readonly doc?: string;
  readonly urls: readonly EndpointUrl[];
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** `none`: no body; `ndjson`: one JSON value per line (`_bulk`, `_msearch`). */
  readonly body: 'none' | 'json' | 'ndjson';
  /** The body's type, for completion inside it. */
  readonly bodyType?: TypeRef;
}

/**
 * A value's type in a request body, as completion walks it. Strings name leaves: `field` (a field of
 * the index mapping), `fields` (one or several), `index`, `string`, `number`, `boolean`, `any`.
 */
export type TypeRef =
  | string
  | { readonly ref: string }
  | { readonly array: TypeRef }
  | { readonly dict: TypeRef; readonly key?: string }
  | { readonly union: readonly TypeRef[] }
  | { readonly enum: readonly string[] };

/** An object type of a body: its named members, and what any other key holds (keyed by a field, say). */
export interface ObjectType {
  readonly props: Readonly<Record<string, TypeRef>>;
  readonly extra?: { readonly key: string; readonly value: TypeRef };
}

export interface ApiTable {
  /** Where the table comes from, e.g. `@elastic/request-converter 9.5.0`. */
  readonly source: string;
  /** Parameters every API takes (`pretty`, `filter_path`, …). */
  readonly common: Readonly<Record<string, ParamSpec>>;
  /** Parameters every `_cat` API takes (`format`, `h`, `v`, …). */
  readonly catCommon: Readonly<Record<string, ParamSpec>>;
  readonly endpoints: readonly EndpointSpec[];
  /** OpenSearch's own APIs where they differ from Elasticsearch's (its point in time), for OpenSearch connections. */
  readonly opensearch: readonly EndpointSpec[];
  readonly types: Readonly<Record<string, ObjectType>>;
}
