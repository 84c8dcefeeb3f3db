// Where the YAML REST test suites are. Every developer's checkout and every CI run has them in
// `../shared` beside the project; an environment variable points elsewhere. A clone without them
// skips them and says so in one line, rather than failing or passing in silence.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RestSuite {
  /** What the suite is, as the skip line says it: "Elasticsearch REST tests". */
  readonly title: string;
  /** The environment variable that points at the suite's folder. */
  readonly variable: string;
  /** The folder looked in: the variable's value, else the one in `../shared`. */
  readonly dir: string;
  readonly found: boolean;
  /** True when the folder came from the variable: a folder named on purpose must be there. */
  readonly configured: boolean;
}

const PROJECT_ROOT = resolve(__dirname, '..', '..');

function locate(title: string, variable: string, sharedFolder: string): RestSuite {
  const value = process.env[variable]?.trim();
  const dir = value ? resolve(value) : resolve(PROJECT_ROOT, '..', 'shared', sharedFolder);
  const found = existsSync(dir) && statSync(dir).isDirectory();
  return { title, variable, dir, found, configured: Boolean(value) };
}

/** Elasticsearch's YAML REST tests (document, search and index APIs) with their API specification. */
export function elasticsearchRestTests(): RestSuite {
  return locate('Elasticsearch REST tests', 'ESDOCS_REST_TESTS', 'es-rest-tests');
}

/** OpenSearch's YAML REST tests of its point-in-time API, with their API specification. */
export function openSearchRestTests(): RestSuite {
  return locate('OpenSearch REST tests', 'ESDOCS_OPENSEARCH_REST_TESTS', 'opensearch-rest-tests');
}

/** The line printed when a suite is not there: `skipped: … not found at … (set …)`. */
export function skippedLine(suite: RestSuite): string {
  return `skipped: ${suite.title} not found at ${suite.dir} (set ${suite.variable})`;
}

/** Why a suite that is not there is an error rather than a skip: the variable named a folder that does not exist. */
export function misconfigured(suite: RestSuite): string | undefined {
  return suite.configured && !suite.found ? `${suite.variable} names ${suite.dir}, which is not a folder: no ${suite.title} there` : undefined;
}
