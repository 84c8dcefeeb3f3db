/**
 * Every request shape the extension sends (src/cluster/), the errors it reads, and the seed's
 * curl transcript, in one order: sent to a real engine and to the test server alike. A step may
 * use what an earlier answer of the same target said (a PIT id, a `_seq_no`, sort values).
 */
export type Vars = Record<string, string>;

export interface Step {
  readonly name: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  readonly path: string | ((vars: Vars) => string);
  readonly body?: string | ((vars: Vars) => string);
  /** Values of this answer later steps use, e.g. `{ pit: body.id }`. */
  readonly capture?: (body: unknown, text: string) => Vars;
  /** Paths of this answer that are generated afresh by each engine (a point in time's id). */
  readonly volatile?: readonly string[];
  /** Where a step is for one engine only. */
  readonly only?: 'elasticsearch' | 'opensearch';
  /** The first version of the engine with what the step asks for (OpenSearch's point in time: 2.4): skipped before. */
  readonly since?: string;
}

const json = (value: unknown): string => JSON.stringify(value);
const INTERSTELLAR = json({ genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar', year: 2014 });
const FOO = json({ genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar Foo', year: 2014 });
/** Exactness a client must not lose: the engines store `_source` as sent. */
const EXACT = '{"big":9007199254740993,"ratio":1.0,"name":"caf\\u00e9","10":1,"2":2}';
const MOVIES_INDEX = json({
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, year: { type: 'integer' }, genre: { type: 'keyword' } } },
});

const pitOf = (body: unknown): Vars => ({ pit: String((body as { id?: string; pit_id?: string }).id ?? (body as { pit_id?: string }).pit_id) });
const lastSort = (body: unknown): Vars => {
  const hits = (body as { hits?: { hits?: Array<{ sort?: unknown[] }> } }).hits?.hits ?? [];
  return { after: json(hits.at(-1)?.sort ?? []) };
};
const seqOf = (name: string) => (body: unknown): Vars => ({ [name]: String((body as { _seq_no?: number })._seq_no) });

function pitSearch(extra: string): (vars: Vars) => string {
  return (vars) => `{"size":2,"query":${extra},"pit":{"id":${json(vars.pit)},"keep_alive":"5m"},"sort":[{"_shard_doc":"asc"}],"track_total_hits":true,"seq_no_primary_term":true,"version":true,"_source":{"includes":["title"]}}`;
}

export const STEPS: readonly Step[] = [
  { name: 'GET / (version, product)', method: 'GET', path: '/' },
  { name: 'create index movies', method: 'PUT', path: '/movies', body: MOVIES_INDEX },
  // The seed's transcript, on a fresh movies index.
  { name: 'seed: index 109487', method: 'PUT', path: '/movies/_doc/109487?refresh=true', body: INTERSTELLAR },
  { name: 'seed: GET 109487 with _seq_no and _primary_term', method: 'GET', path: '/movies/_doc/109487' },
  { name: 'seed: conditional PUT', method: 'PUT', path: '/movies/_doc/109487?if_seq_no=0&if_primary_term=1', body: FOO },
  { name: 'seed: the same conditional PUT again: 409', method: 'PUT', path: '/movies/_doc/109487?if_seq_no=0&if_primary_term=1', body: FOO },
  { name: 'seed: misspelt parameters: did you mean', method: 'PUT', path: '/movies/_doc/109487?if_sql_no=6&id_primary_term=1', body: FOO },
  { name: 'seed: _update with retry_on_conflict', method: 'POST', path: '/movies/_update/109487?retry_on_conflict=5', body: '{"doc":{"title":"Interstellar Typooo"}}' },
  { name: 'GET after the update', method: 'GET', path: '/movies/_doc/109487' },
  // Conditional writes of each kind, and their refusals.
  { name: '_update changing nothing with a stale if_seq_no: 409', method: 'POST', path: '/movies/_update/109487?if_seq_no=0&if_primary_term=1', body: '{"doc":{"title":"Interstellar Typooo"}}' },
  { name: '_update with the current if_seq_no', method: 'POST', path: '/movies/_update/109487?if_seq_no=2&if_primary_term=1', body: '{"doc":{"year":2015}}' },
  { name: '_update with if_seq_no and retry_on_conflict: 400', method: 'POST', path: '/movies/_update/109487?if_seq_no=3&if_primary_term=1&retry_on_conflict=2', body: '{"doc":{"year":2016}}' },
  { name: '_update of a missing document: 404', method: 'POST', path: '/movies/_update/nope', body: '{"doc":{"a":1}}' },
  { name: 'if_seq_no without if_primary_term: 400', method: 'PUT', path: '/movies/_doc/109487?if_seq_no=3', body: FOO },
  { name: 'if_primary_term without if_seq_no: 400', method: 'PUT', path: '/movies/_doc/109487?if_primary_term=1', body: FOO },
  { name: 'conditional PUT on a missing document: 409', method: 'PUT', path: '/movies/_doc/missing?if_seq_no=0&if_primary_term=1', body: FOO },
  { name: 'conditional PUT with a stale primary term: 409', method: 'PUT', path: '/movies/_doc/109487?if_seq_no=3&if_primary_term=2', body: FOO },
  { name: '_create of an existing id: 409', method: 'PUT', path: '/movies/_create/109487', body: FOO },
  { name: '_create of a new id', method: 'PUT', path: '/movies/_create/exact?refresh=true', body: EXACT, capture: seqOf('exactSeq') },
  { name: 'GET keeps _source byte for byte', method: 'GET', path: '/movies/_doc/exact' },
  { name: 'an integer beyond long in a long field: 400', method: 'PUT', path: '/movies/_doc/huge', body: '{"big":12345678901234567890123}' },
  { name: 'an integer beyond long in a new field', method: 'PUT', path: '/movies/_doc/huge', body: '{"bigger":12345678901234567890123}' },
  { name: 'conditional DELETE with a stale if_seq_no: 409', method: 'DELETE', path: '/movies/_doc/exact?if_seq_no=0&if_primary_term=1' },
  { name: 'conditional DELETE', method: 'DELETE', path: (v) => `/movies/_doc/exact?if_seq_no=${v.exactSeq}&if_primary_term=1&refresh=true` },
  { name: 'conditional PUT after the delete: 409, no document', method: 'PUT', path: (v) => `/movies/_doc/exact?if_seq_no=${v.exactSeq}&if_primary_term=1`, body: EXACT },
  { name: 'GET a missing document: 404 found false', method: 'GET', path: '/movies/_doc/nope' },
  { name: 'GET in a missing index: 404', method: 'GET', path: '/no-such-index/_doc/1' },
  { name: 'DELETE a missing document: 404', method: 'DELETE', path: '/movies/_doc/nope?if_seq_no=0&if_primary_term=1' },
  { name: 'unknown parameter on GET: did you mean', method: 'GET', path: '/movies/_doc/109487?rooting=a' },
  { name: 'invalid JSON body: 400', method: 'PUT', path: '/movies/_doc/bad', body: '{"a":1,,}' },
  { name: 'id too long: 400', method: 'PUT', path: `/movies/_doc/${'x'.repeat(513)}`, body: FOO },
  // Mappings the editor checks against (mapping-aware editing): the same refusals as the cluster's.
  { name: 'a strict index', method: 'PUT', path: '/strict', body: json({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { dynamic: 'strict', properties: { title: { type: 'keyword' }, year: { type: 'short' }, released: { type: 'date', format: 'yyyy-MM-dd||epoch_millis' }, ip: { type: 'ip' }, ok: { type: 'boolean' }, rating: { type: 'float', coerce: false }, loose: { type: 'integer', ignore_malformed: true }, meta: { dynamic: false, properties: { a: { type: 'keyword' } } }, cast: { type: 'nested', properties: { name: { type: 'keyword' } } } } } }) },
  { name: 'strict: an unknown field: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"title":"x","rating2":1}' },
  { name: 'strict: a value out of range for short: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"year":40000}' },
  { name: 'strict: a string that is no number: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"year":"soon"}' },
  { name: 'strict: a number in a string is coerced', method: 'PUT', path: '/strict/_doc/1', body: '{"year":"2014"}' },
  { name: 'strict: coerce false refuses a string', method: 'PUT', path: '/strict/_doc/1', body: '{"rating":"4.5"}' },
  { name: 'strict: a date in none of the formats: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"released":"30/11/2026"}' },
  { name: 'strict: a date in the pattern format', method: 'PUT', path: '/strict/_doc/1', body: '{"released":"2026-11-30"}' },
  { name: 'strict: epoch_millis', method: 'PUT', path: '/strict/_doc/1', body: '{"released":1764460800000}' },
  { name: 'strict: a malformed ip: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"ip":"300.1.1.1"}' },
  { name: 'strict: a boolean as a string', method: 'PUT', path: '/strict/_doc/1', body: '{"ok":"true"}' },
  { name: 'strict: a boolean that is none: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"ok":"yes"}' },
  { name: 'strict: an object for a keyword: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"title":{"a":1}}' },
  { name: 'strict: a scalar for a nested field: 400', method: 'PUT', path: '/strict/_doc/1', body: '{"cast":"x"}' },
  { name: 'strict: ignore_malformed keeps the document', method: 'PUT', path: '/strict/_doc/2?refresh=true', body: '{"loose":"many"}' },
  { name: 'strict: dynamic false below keeps an unknown field in _source', method: 'PUT', path: '/strict/_doc/3?refresh=true', body: '{"meta":{"a":"x","b":1}}' },
  { name: 'strict: the mapping did not grow', method: 'GET', path: '/strict/_mapping' },
  { name: 'strict: ignored fields are listed', method: 'GET', path: '/strict/_doc/2' },
  // Routing.
  { name: 'create an index that requires routing', method: 'PUT', path: '/routed', body: json({ settings: { number_of_shards: 2, number_of_replicas: 0 }, mappings: { _routing: { required: true } } }) },
  { name: 'PUT with routing', method: 'PUT', path: '/routed/_doc/r1?routing=user-1&refresh=true', body: '{"a":1}' },
  { name: 'GET without the required routing: 400', method: 'GET', path: '/routed/_doc/r1' },
  { name: 'GET with routing', method: 'GET', path: '/routed/_doc/r1?routing=user-1' },
  { name: 'conditional PUT with routing', method: 'PUT', path: '/routed/_doc/r1?routing=user-1&if_seq_no=0&if_primary_term=1', body: '{"a":2}' },
  { name: 'PUT without the required routing: 400', method: 'PUT', path: '/routed/_doc/r2', body: '{"a":1}' },
  { name: 'routing mapping', method: 'GET', path: '/routed/_mapping' },
  // The tree: indices, mappings, aliases, data streams.
  { name: 'refresh before counting', method: 'POST', path: '/movies,routed/_refresh' },
  { name: '_cat/indices as the tree asks', method: 'GET', path: '/_cat/indices?format=json&h=index,health,docs.count&s=index&expand_wildcards=open' },
  { name: 'the mapping the sort picker reads', method: 'GET', path: '/movies/_mapping' },
  { name: 'add an alias', method: 'POST', path: '/_aliases', body: json({ actions: [{ add: { index: 'movies', alias: 'films' } }] }) },
  { name: '_alias', method: 'GET', path: '/_alias' },
  { name: 'GET through the alias', method: 'GET', path: '/films/_doc/109487' },
  { name: 'PUT through the alias', method: 'PUT', path: '/films/_doc/109487?if_seq_no=3&if_primary_term=1', body: INTERSTELLAR },
  { name: 'mapping through the alias', method: 'GET', path: '/films/_mapping' },
  { name: '_resolve/index', method: 'GET', path: '/_resolve/index/movies,films,routed' },
  { name: 'a data stream template', method: 'PUT', path: '/_index_template/logs-diff', body: json({ index_patterns: ['logs-diff*'], data_stream: {}, priority: 200, template: { settings: { number_of_shards: 1, number_of_replicas: 0 } } }) },
  { name: 'a document of the data stream', method: 'PUT', path: '/logs-diff/_create/l1?refresh=true', body: '{"@timestamp":"2026-11-30T12:00:00Z","message":"hello"}' },
  { name: '_data_stream', method: 'GET', path: '/_data_stream' },
  { name: 'PUT _doc to a data stream: 400', method: 'PUT', path: '/logs-diff/_doc/l1', body: '{"@timestamp":"2026-11-30T12:00:00Z","message":"hi"}' },
  // Paging: a point in time, search_after on _shard_doc, query_string.
  { name: 'more documents', method: 'POST', path: '/movies/_bulk?refresh=true', body: ['1', '2', '260', '318', '356'].map((id) => `{"index":{"_id":"${id}"}}\n{"title":"Film ${id}","year":${1990 + Number(id) % 30}}\n`).join('') },
  // Date sorts as the engines do them: a field's own formats and zones, missing, date_nanos exact, numeric_type across indices, a sort's format.
  { name: 'an index of dates', method: 'PUT', path: '/dates', body: json({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { ts: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss||strict_date_optional_time||epoch_millis' } } } }) },
  { name: 'an index of nanoseconds', method: 'PUT', path: '/dates-nanos', body: json({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { ts: { type: 'date_nanos' } } } }) },
  { name: 'dates in their formats and zones', method: 'POST', path: '/_bulk?refresh=true', body: [
    ['dates', 'd1', '{"ts":"2014-01-01 10:00:00"}'], ['dates', 'd2', '{"ts":"2014-01-01T09:30:00+02:00"}'], ['dates', 'd3', '{"ts":1388570400001}'], ['dates', 'd4', '{"other":1}'],
    ['dates-nanos', 'n1', '{"ts":"2014-01-01T08:00:00.000000001Z"}'], ['dates-nanos', 'n2', '{"ts":"2014-01-01T10:00:00.5Z"}'], ['dates-nanos', 'n3', '{"ts":"2014-01-01T07:30:00.000000001Z"}'],
  ].map(([index, id, source]) => `{"index":{"_index":"${index}","_id":"${id}"}}\n${source}\n`).join('') },
  { name: 'a date sort: epoch milliseconds of each instant, the missing one last', method: 'POST', path: '/dates/_search', body: '{"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date sort, missing first, descending', method: 'POST', path: '/dates/_search', body: '{"sort":[{"ts":{"order":"desc","missing":"_first"}}],"_source":false}' },
  { name: 'a date sort with a missing value', method: 'POST', path: '/dates/_search', body: '{"sort":[{"ts":{"order":"asc","missing":1388563200000}}],"_source":false}' },
  { name: 'a date sort with a missing date: 400', method: 'POST', path: '/dates/_search', body: '{"sort":[{"ts":{"order":"asc","missing":"2014-01-01T08:00:00Z"}}],"_source":false}' },
  { name: 'a date_nanos sort: nanoseconds, exact', method: 'POST', path: '/dates-nanos/_search', body: '{"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date_nanos sort, after an exact value', method: 'POST', path: '/dates-nanos/_search', body: '{"sort":[{"ts":"asc"}],"_source":false,"search_after":[1388563200000000001]}' },
  { name: 'date and date_nanos across indices in nanoseconds (numeric_type)', method: 'POST', path: '/dates,dates-nanos/_search', body: '{"sort":[{"ts":{"order":"asc","numeric_type":"date_nanos"}}],"_source":false}' },
  { name: 'a date sort on a field no index maps (unmapped_type)', method: 'POST', path: '/dates/_search', body: '{"sort":[{"never":{"order":"asc","unmapped_type":"date"}}],"_source":false}' },
  { name: 'a date_nanos sort printed in a format', method: 'POST', path: '/dates-nanos/_search', body: '{"sort":[{"ts":{"order":"asc","format":"strict_date_optional_time_nanos"}}],"_source":false}', only: 'elasticsearch' },
  { name: 'a date sort printed in a format', method: 'POST', path: '/dates/_search', body: '{"sort":[{"ts":{"order":"asc","format":"strict_date_optional_time"}}],"_source":false}', only: 'elasticsearch' },
  { name: 'search_after a value printed in the format', method: 'POST', path: '/dates-nanos/_search', body: '{"sort":[{"ts":{"order":"asc","format":"strict_date_optional_time_nanos"}}],"_source":false,"search_after":["2014-01-01T08:00:00.000000001Z"]}', only: 'elasticsearch' },
  // Range filters on dates as the engines read their bounds: date math, rounding up for gt and lte, a query's time zone and format.
  ...([
    ['a date-only lte bound takes the day\'s end', '{"lte":"2014-01-01"}'],
    ['a date-only gt bound skips the whole day', '{"gt":"2014-01-01"}'],
    ['a bound in a time zone', '{"gte":"2014-01-01T10:00:00","time_zone":"+02:00"}'],
    ['a zone in the bound wins over time_zone', '{"gte":"2014-01-01T10:00:00Z","time_zone":"+02:00"}'],
    ['date math after ||, rounded down for gte', '{"gte":"2014-01-01T10:00:00||/h"}'],
    ['date math after ||, rounded up for gt', '{"gt":"2014-01-01T10:00:00||/h"}'],
    ['date math with operations', '{"lt":"2014-01-01||+1d/d","gte":"2013-12-31||+1d"}'],
    ['a bound in the query\'s format', '{"gte":"01/01/2014 09:59","format":"dd/MM/yyyy HH:mm"}'],
    ['now, rounded', '{"lte":"now/d","gte":"now-20y/y"}'],
  ] as const).map(([name, range]): Step => ({ name: `a date range: ${name}`, method: 'POST', path: '/dates/_search', body: `{"query":{"range":{"ts":${range}}},"sort":[{"ts":"asc"}],"_source":false}` })),
  { name: 'a date term names a range: the whole day', method: 'POST', path: '/dates/_search', body: '{"query":{"term":{"ts":"2014-01-01"}},"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date term of a second: that second', method: 'POST', path: '/dates/_search', body: '{"query":{"term":{"ts":"2014-01-01T10:00:00Z"}},"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date in a query string: the whole day', method: 'POST', path: '/dates/_search', body: '{"query":{"query_string":{"query":"ts:2014-01-01"}},"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date range in a query string, to now', method: 'POST', path: '/dates/_search', body: '{"query":{"query_string":{"query":"ts:[2014-01-01T09:00:00Z TO now]"}},"sort":[{"ts":"asc"}],"_source":false}' },
  { name: 'a date range bound no format reads: 400', method: 'POST', path: '/dates/_search', body: '{"query":{"range":{"ts":{"gte":"soon"}}}}' },
  // A bulk change's script: each item an update conditional on its version. The document is read (missing: 404; stale token: 409) before the script is compiled.
  { name: 'scripted updates: stale and missing', method: 'POST', path: '/movies/_bulk', body: '{"update":{"_id":"1","if_seq_no":99,"if_primary_term":1}}\n{"script":{"source":"ctx._source.year += params.n","lang":"painless","params":{"n":1}}}\n{"update":{"_id":"missing","if_seq_no":0,"if_primary_term":1}}\n{"script":{"source":"ctx._source.year += 1","lang":"painless"}}\n' },
  { name: 'a scripted update where no script runs', method: 'POST', path: '/movies/_update/1', body: '{"script":{"source":"ctx._source.year += 1","lang":"painless"}}', only: 'elasticsearch' },
  { name: 'open a point in time', method: 'POST', path: '/movies/_pit?keep_alive=5m', capture: pitOf, volatile: ['id'], only: 'elasticsearch' },
  { name: 'the first page', method: 'POST', path: '/_search', body: pitSearch('{"match_all":{}}'), capture: lastSort, only: 'elasticsearch' },
  { name: 'the next page (search_after)', method: 'POST', path: '/_search', body: (v) => pitSearch('{"match_all":{}}')(v).replace(/}$/, `,"search_after":${v.after}}`), capture: lastSort, only: 'elasticsearch' },
  { name: 'a filtered page (query_string)', method: 'POST', path: '/_search', body: pitSearch('{"query_string":{"query":"title:film AND year:>1995"}}'), only: 'elasticsearch' },
  { name: 'a query_string syntax error: 400', method: 'POST', path: '/_search', body: pitSearch('{"query_string":{"query":"title:(unclosed"}}'), only: 'elasticsearch' },
  // A sliced export's requests: each slice its part of the point in time; what a slice may not be.
  { name: 'a slice without a point in time: 400', method: 'POST', path: '/movies/_search', body: '{"size":1,"slice":{"id":0,"max":2}}' },
  { name: 'a slice of one: 400', method: 'POST', path: '/_search', body: (v) => `{"size":0,"pit":{"id":${json(v.pit)}},"slice":{"id":0,"max":1}}`, only: 'elasticsearch' },
  { name: 'a slice beyond max: 400', method: 'POST', path: '/_search', body: (v) => `{"size":0,"pit":{"id":${json(v.pit)}},"slice":{"id":2,"max":2}}`, only: 'elasticsearch' },
  { name: 'a negative slice: 400', method: 'POST', path: '/_search', body: (v) => `{"size":0,"pit":{"id":${json(v.pit)}},"slice":{"id":-1,"max":2}}`, only: 'elasticsearch' },
  { name: 'close the point in time', method: 'DELETE', path: '/_pit', body: (v) => json({ id: v.pit }), only: 'elasticsearch' },
  // The scroll API, which scroll clients such as elasticdump page with.
  { name: 'open a scroll', method: 'POST', path: '/movies/_search?scroll=1m', body: '{"size":2,"sort":["_doc"],"_source":{"includes":["title"]}}', capture: (body) => ({ scroll: String((body as { _scroll_id?: string })._scroll_id) }),
    // A `_doc` sort value is Lucene's document number, which counts the deleted and replaced documents of a segment.
    volatile: ['_scroll_id', 'hits.hits.0.sort.0', 'hits.hits.1.sort.0'] },
  { name: 'the next page of the scroll', method: 'POST', path: '/_search/scroll', body: (v) => json({ scroll: '1m', scroll_id: v.scroll }), volatile: ['_scroll_id', 'hits.hits.0.sort.0', 'hits.hits.1.sort.0'] },
  { name: 'clear the scroll', method: 'DELETE', path: '/_search/scroll', body: (v) => json({ scroll_id: v.scroll }) },
  { name: 'clear it again: 404', method: 'DELETE', path: '/_search/scroll', body: (v) => json({ scroll_id: v.scroll }) },
  { name: 'search on the closed point in time: 404', method: 'POST', path: '/_search', body: pitSearch('{"match_all":{}}'), only: 'elasticsearch' },
  { name: 'open a point in time (OpenSearch)', method: 'POST', path: '/movies/_search/point_in_time?keep_alive=5m', capture: pitOf, volatile: ['pit_id', 'creation_time'], only: 'opensearch', since: '2.4' },
  { name: 'the first page (OpenSearch)', method: 'POST', path: '/_search', body: pitSearch('{"match_all":{}}'), capture: lastSort, only: 'opensearch', since: '2.4' },
  { name: 'close the point in time (OpenSearch)', method: 'DELETE', path: '/_search/point_in_time', body: (v) => json({ pit_id: [v.pit] }), only: 'opensearch', since: '2.4' },
];
