// The ES|QL subset of the test server (what the documents table sends: FROM with METADATA, WHERE,
// SORT, LIMIT, KEEP) against a real Elasticsearch with ES|QL loaded: the same index on both, the same
// queries, and the answers compared exactly where they are the data (status, `columns`, `values` as
// text, the error's type and reason, the default-limit Warning). What is the engine's own bookkeeping
// (`took`, `documents_found`, `values_loaded`) is not compared: explained, each with its reason.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { startEsServer } from '../server/server';
import type { RunningRealCluster } from './realCluster';

const INDEX = 'esql-movies';
const MAPPING = { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, year: { type: 'long' }, rating: { type: 'double' }, genre: { type: 'keyword' }, released: { type: 'date' } } };
const DOCS = [
  '{"title":"Interstellar","year":2014,"rating":8.6,"genre":"Sci-Fi","released":"2014-11-07"}',
  '{"title":"Arrival","year":2016,"rating":7.9,"genre":["A","B"],"released":"2016-11-11T10:20:30Z"}',
  '{"title":"No Rating","year":2005,"genre":"Drama","released":"2005-01-01"}',
  '{"title":"Bad Movie","year":2010,"rating":1.0,"genre":"A","released":"2010-06-15T12:34:56.789Z"}',
  '{"title":"Far Future","year":9007199254740993,"rating":5.5,"genre":"Sci-Fi"}',
  '{"title":"Old One","year":1990,"rating":7,"genre":"B","released":"1990-01-01"}',
];

export const ESQL_QUERIES = [
  `FROM ${INDEX} METADATA _id, _index | WHERE year > 2000 | SORT rating DESC | LIMIT 3`,
  `FROM ${INDEX} | KEEP title, year | LIMIT 2`,
  `FROM ${INDEX} METADATA _id | WHERE rating IS NULL`,
  `FROM ${INDEX} | WHERE NOT (year < 2000 OR genre == "A")`,
  `FROM ${INDEX}`,
  `FROM ${INDEX} | SORT year ASC NULLS FIRST, title.keyword DESC | LIMIT 4`,
  `FROM ${INDEX} METADATA _id, _index | WHERE rating >= 7 AND genre != "B" | KEEP _id, t*`,
  `FROM ${INDEX} | WHERE released IS NOT NULL | SORT released DESC | KEEP released, title`,
  `FROM ${INDEX} METADATA _id | WHERE title.keyword == "Arrival" OR year <= 1990 | SORT _id`,
  `FROM ${INDEX} | WHERE nope > 1`,
  'FROM esql-no-such-index',
  `FROM ${INDEX} | FOO`,
  `FROM ${INDEX}, esql-no-such-index`,
];

/** Not compared, with the reason: what each engine counts of its own work. */
export const ESQL_EXPLAINED: Readonly<Record<string, string>> = {
  took: 'the time each server took',
  documents_found: 'the documents the engine read, which depends on how it pushed the query down to Lucene',
  values_loaded: 'the values the engine loaded, likewise its own work',
};

interface Answer {
  readonly status: number;
  readonly warning: boolean;
  readonly text: string;
}

async function post(url: string, path: string, body: string, type = 'application/json'): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: response.status, warning: (response.headers.get('warning') ?? '').includes('No limit defined'), text: await response.text() };
}

async function seed(url: string): Promise<void> {
  await fetch(`${url}/${INDEX}`, { method: 'DELETE' });
  const created = await fetch(`${url}/${INDEX}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING }) });
  if (!created.ok) throw new Error(`creating ${INDEX} on ${url}: ${created.status} ${await created.text()}`);
  const lines = DOCS.map((doc, i) => `{"index":{"_id":"${i + 1}"}}\n${doc}\n`).join('');
  const bulk = await post(url, `/${INDEX}/_bulk?refresh=true`, lines, 'application/x-ndjson');
  if (bulk.status !== 200 || bulk.text.includes('"errors":true')) throw new Error(`seeding ${INDEX} on ${url}: ${bulk.text.slice(0, 300)}`);
}

/** What is compared of an answer: the data's exact text, or the error's type and reason. */
function essence(answer: Answer): string {
  const root = parseTree(answer.text);
  const slice = (path: string[]): string => {
    const node = root && findNodeAtLocation(root, path);
    return node === undefined ? '∅' : answer.text.slice(node.offset, node.offset + node.length);
  };
  const data = answer.status === 200 ? `columns ${slice(['columns'])}\nvalues ${slice(['values'])}` : `error ${slice(['error', 'type'])}: ${slice(['error', 'reason'])}\nroot ${slice(['error', 'root_cause'])}`;
  return `${answer.status}${answer.warning ? ' (default limit warning)' : ''}\n${data}`;
}

export interface EsqlDifferentialResult {
  readonly queries: number;
  readonly mismatches: ReadonlyArray<{ readonly query: string; readonly real: string; readonly test: string }>;
}

export async function runEsqlDifferential(cluster: RunningRealCluster): Promise<EsqlDifferentialResult> {
  const server = await startEsServer({ version: cluster.version });
  try {
    await seed(cluster.url);
    await seed(server.url);
    const mismatches: Array<{ query: string; real: string; test: string }> = [];
    for (const query of ESQL_QUERIES) {
      const body = JSON.stringify({ query });
      const [real, test] = [essence(await post(cluster.url, '/_query', body)), essence(await post(server.url, '/_query', body))];
      if (real !== test) mismatches.push({ query, real, test });
    }
    return { queries: ESQL_QUERIES.length, mismatches };
  } finally {
    await server.close();
  }
}
