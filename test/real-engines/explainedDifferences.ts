import type { RealEngine } from './engineBuild';

/**
 * Every difference between a real engine and the test server that the differential accepts, each
 * with its reason: none of them is something the extension reads or depends on.
 */
interface Explained {
  readonly engine?: RealEngine;
  /** Only on this major of the engine. */
  readonly major?: number;
  /** The step's name, or a prefix of it. */
  readonly step: string;
  /** A path of the answer (`version.build_hash`); `*` stands for any characters. */
  readonly path: string;
  readonly reason: string;
}

const NODE_IDENTITY = 'The node and cluster names are configuration, not behaviour: the extension shows neither.';
const BUILD = 'The build of the impersonated version (hash, date, packaging) is not the build that runs here; the extension reads only version.number and the product header.';
const JACKSON = 'The wording of a JSON syntax error comes from the engine\'s parser (Jackson); the extension never sends invalid JSON (every text is checked before a request) and reads only the error types.';

const NO_DATA_STREAMS = 'The embedded Elasticsearch lacks the data-streams module (Elastic does not publish it to Maven Central): it has no _data_stream API. The test server\'s data streams follow Elasticsearch\'s YAML tests and SEMANTICS.md.';

const IGNORED = 'Elasticsearch 7 and OpenSearch list the fields ignore_malformed dropped in a GET; the test server does not keep that list. The extension reads no _ignored (the value stays in _source, which is compared).';

const SHARD_DOC = 'A _shard_doc sort value is the Lucene document id in the shard: updates and deletes leave older documents and tombstones that take ids, and merges renumber them. The order of the hits (compared by _id) is what matters; the extension passes the values back as they came.';

const PIT_COLUMN = 'The column of a parse error counts the characters before the field, the point in time\'s id among them, whose length is each engine\'s own: the field, the reason and its cause are the same.';

const EXPLAINED: readonly Explained[] = [
  { step: 'a slice of one', path: 'error.*reason', reason: PIT_COLUMN },
  { step: 'a slice beyond max', path: 'error.*reason', reason: PIT_COLUMN },
  { step: 'a negative slice', path: 'error.*reason', reason: PIT_COLUMN },
  { step: 'the first page', path: 'hits.hits.*.sort.0', reason: SHARD_DOC },
  { step: 'the next page', path: 'hits.hits.*.sort.0', reason: SHARD_DOC },
  { step: 'a filtered page', path: 'hits.hits.*.sort.0', reason: SHARD_DOC },
  { step: 'GET /', path: 'name', reason: NODE_IDENTITY },
  { step: 'GET /', path: 'cluster_name', reason: NODE_IDENTITY },
  { step: 'GET /', path: 'version.build_*', reason: BUILD },
  { step: 'invalid JSON body', path: 'error.*reason', reason: JACKSON },
  { engine: 'elasticsearch', step: '_data_stream', path: '*', reason: NO_DATA_STREAMS },
  {
    engine: 'opensearch',
    step: 'strict: ignored fields are listed',
    path: '_ignored',
    reason: IGNORED,
  },
  { engine: 'elasticsearch', major: 7, step: 'strict: ignored fields are listed', path: '_ignored', reason: IGNORED },
  // Elasticsearch 7's data streams are X-Pack's: the embedded node cannot compose a data stream template, so every data stream step differs.
  { engine: 'elasticsearch', major: 7, step: 'a data stream template', path: '*', reason: NO_DATA_STREAMS },
  { engine: 'elasticsearch', major: 7, step: 'a document of the data stream', path: '*', reason: NO_DATA_STREAMS },
  { engine: 'elasticsearch', major: 7, step: 'PUT _doc to a data stream', path: '*', reason: NO_DATA_STREAMS },
  { engine: 'elasticsearch', step: 'PUT _doc to a data stream', path: 'error.caused_by', reason: NO_DATA_STREAMS },
  {
    engine: 'elasticsearch',
    step: 'a scripted update where no script runs',
    path: 'error.caused_by.reason',
    reason: 'The embedded Elasticsearch has no Painless (Elastic does not publish lang-painless to Maven Central): it says "script_lang not supported [painless]". The test server answers as a cluster with scripting off ("cannot execute [inline] scripts"); the wrapping, type and status are the same, and the extension shows the reason as it comes.',
  },
];

export function explanationOf(engine: RealEngine, step: string, path: string, major?: number): string | undefined {
  return EXPLAINED.find((entry) =>
    (entry.engine === undefined || entry.engine === engine) &&
    (entry.major === undefined || entry.major === major) &&
    step.startsWith(entry.step) &&
    pattern(entry.path).test(path),
  )?.reason;
}

function pattern(path: string): RegExp {
  return new RegExp(`^${path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
