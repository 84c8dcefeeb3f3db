/**
 * `npm run test:real`: the test server and the extension proven against the real engines.
 * - Elasticsearch: the YAML suites, the differential, the elastic-layer integration tests and
 *   the reliability torture on one node (the failover torture on three nodes of its own), and
 *   the editing loop inside the real VS Code host.
 * - OpenSearch: its own point-in-time tests, the differential, the elastic layer's integration
 *   tests and the same editing loop in the VS Code host; the Elasticsearch suites' figures
 *   are printed for information (they test Elasticsearch 8/9 features OpenSearch does not have).
 * Ends with `N passed, M failed, K skipped`. Without Java or Maven: `skipped: real engines (why)`.
 */
import * as path from 'node:path';
import Mocha from 'mocha';
import { runConformance } from '../conformance/runner';
import { elasticsearchRestTests, misconfigured, openSearchRestTests, skippedLine, type RestSuite } from '../conformance/suites';
import { runMain } from '../host/cleanup';
import { spawn } from 'node:child_process';
import { npmCommand } from '../host/proc';
import { runDifferential } from './differential';
import { runEsqlDifferential } from './esqlDifferential';
import { DEFAULT_MAJOR, ENGINE_LINES, realEnginesUnavailable, type RealEngine } from './engineBuild';
import { startRealCluster, type RunningRealCluster } from './realCluster';
import { useRealEngine } from './testCluster';

const ROOT = path.resolve(__dirname, '..', '..');
const ELASTIC_LAYER = [
  'test/integration/cluster/documentStore.test.ts',
  'test/integration/cluster/documentPager.test.ts',
  'test/integration/cluster/indexCatalog.test.ts',
  'test/integration/cluster/pathEncoding.test.ts',
  'test/integration/console/consoleCli.test.ts',
  'test/integration/transfer/transferCli.test.ts',
  'test/integration/table/tableWriter.test.ts',
  'test/integration/bulk/changeRunner.test.ts',
];
const TORTURE = ['test/reliability/concurrentEditors.test.ts', 'test/reliability/mergeEditors.test.ts'];
const EDITING_LOOP = 'Editing a document|Resolving conflicts|Merging with|Document operations';

interface Row {
  readonly what: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Printed, not counted. */
  readonly informational?: boolean;
}

const rows: Row[] = [];

function record(row: Row): void {
  rows.push(row);
  console.log(`\n[test:real] ${row.what}: ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped${row.informational ? ' (for information)' : ''}\n`);
}

async function withEngine<T>(engine: RealEngine, body: (cluster: RunningRealCluster) => Promise<T>, esql = false, major?: number): Promise<T> {
  const cluster = await startRealCluster({ engine, esql, ...(major === undefined ? {} : { major }) });
  console.log(`[test:real] ${engine} ${cluster.version} on ${cluster.url}, started in ${(cluster.startupMs / 1000).toFixed(1)} s`);
  try {
    return await body(cluster);
  } finally {
    await cluster.close();
  }
}

async function conformance(label: string, url: string, suite: RestSuite, informational = false): Promise<void> {
  const wrong = misconfigured(suite);
  if (wrong) throw new Error(wrong);
  if (!suite.found) {
    console.log(skippedLine(suite));
    record({ what: label, passed: 0, failed: 0, skipped: 1, informational });
    return;
  }
  const result = await runConformance({ dirs: [suite.dir], url, onFailure: (f) => console.log(`FAIL ${f.file} :: ${f.test}\n  at ${f.step}\n  ${f.message.slice(0, 400)}\n`) });
  record({ what: label, passed: result.passed, failed: result.failed, skipped: result.skipped, informational });
}

async function differential(engine: RealEngine, cluster: RunningRealCluster): Promise<void> {
  const result = await runDifferential(engine, false, cluster);
  console.log(result.line);
  record({ what: `differential ${engine} (${result.requests} requests, ${result.explained} explained)`, passed: result.unexplained === 0 ? 1 : 0, failed: result.unexplained === 0 ? 0 : 1, skipped: 0 });
}

async function mocha(label: string, cluster: RunningRealCluster, files: readonly string[]): Promise<void> {
  useRealEngine({ shared: cluster, startMultiNode: () => startRealCluster({ engine: cluster.engine, major: cluster.major, nodes: 3 }) });
  try {
    const run = new Mocha({ timeout: 600_000, reporter: 'spec' });
    for (const file of files) run.addFile(path.join(ROOT, file));
    const stats = await new Promise<Mocha.Stats>((resolve) => {
      const runner = run.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
    });
    // The same files run again against the next engine: they must be loaded afresh to register their tests.
    run.unloadFiles();
    const ran = stats.passes + stats.failures + stats.pending;
    // A run that found no test proves nothing: it counts as a failure.
    record({ what: label, passed: stats.passes, failed: ran === 0 ? 1 : stats.failures, skipped: stats.pending });
  } finally {
    useRealEngine(undefined);
  }
}

/** The extension-host suite's editing loop, in the real VS Code host, against `url`. */
async function editingLoop(url: string, engine: string): Promise<void> {
  let output = '';
  const code = await new Promise<number>((resolve) => {
    const child = spawn(npmCommand(), ['run', 'test:host'], { cwd: ROOT, env: { ...process.env, ESDOCS_EXTERNAL_ES_URL: url, ESDOCS_TEST_GREP: EDITING_LOOP }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      sink.write(chunk);
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', () => resolve(1));
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  const count = (word: string): number => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(output)?.[1] ?? 0);
  record({ what: `editing loop in the VS Code host on ${engine}`, passed: count('passing'), failed: Math.max(count('failing'), code), skipped: count('pending') });
}

async function main(): Promise<number> {
  const unavailable = await realEnginesUnavailable();
  if (unavailable) {
    console.log(`skipped: real engines (${unavailable})`);
    console.log('0 passed, 0 failed, 1 skipped');
    return 0;
  }
  // `--others`: only the other lines of the matrix (what `--all` adds), for working on them.
  const others = process.argv.includes('--others');
  if (!others) await defaultLines();
  if (others || process.argv.includes('--all')) await otherLines();
  const counted = rows.filter((row) => !row.informational);
  const sum = (key: 'passed' | 'failed' | 'skipped'): number => counted.reduce((total, row) => total + row[key], 0);
  console.log('\nreal engines:');
  for (const row of rows) console.log(`  ${row.what}: ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped${row.informational ? ' (for information)' : ''}`);
  console.log(`${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
  return sum('failed') > 0 ? 1 : 0;
}

/** Elasticsearch 8.19 and OpenSearch 2.19, and the differential on the newest of each: what `npm test` runs. */
async function defaultLines(): Promise<void> {
  await withEngine('elasticsearch', async (es) => {
    await conformance(`YAML suites on Elasticsearch ${es.version}`, es.url, elasticsearchRestTests());
    await differential('elasticsearch', es);
    await mocha(`integration and reliability on Elasticsearch ${es.version}`, es, [...ELASTIC_LAYER, ...TORTURE]);
    await editingLoop(es.url, `Elasticsearch ${es.version}`);
  });
  // ES|QL needs X-Pack core loaded, which changes answers the steps above compare: a node of its own.
  await withEngine('elasticsearch', async (es) => {
    const result = await runEsqlDifferential(es);
    for (const { query, real, test } of result.mismatches) console.log(`ES|QL mismatch: ${query}\n  Elasticsearch: ${real.replace(/\n/g, '\n    ')}\n  test server:   ${test.replace(/\n/g, '\n    ')}`);
    record({ what: `ES|QL on Elasticsearch ${es.version} (${result.queries} queries, ${result.mismatches.length} mismatches; took, documents_found and values_loaded not compared)`, passed: result.queries - result.mismatches.length, failed: result.mismatches.length, skipped: 0 });
    await mocha(`the table's ES|QL rows on Elasticsearch ${es.version}`, es, ['test/integration/table/esqlListing.test.ts']);
  }, true);
  await withEngine('opensearch', async (os) => {
    await conformance(`OpenSearch ${os.version}: its point-in-time tests`, os.url, openSearchRestTests());
    await conformance(`OpenSearch ${os.version}: the Elasticsearch YAML suites`, os.url, elasticsearchRestTests(), true);
    await differential('opensearch', os);
    await mocha(`the elastic layer's integration tests on OpenSearch ${os.version}`, os, ELASTIC_LAYER);
    await editingLoop(os.url, `OpenSearch ${os.version}`);
  });
  // The newest line of each engine, quickly: the differential alone (the whole matrix: --all).
  for (const { engine, major } of NEWEST) {
    if (major === DEFAULT_MAJOR[engine]) continue;
    const why = await realEnginesUnavailable([engine], { [engine]: [major] });
    if (why) {
      record({ what: `${engine} ${major}: not run (${why})`, passed: 0, failed: 0, skipped: 1 });
      continue;
    }
    await withEngine(engine, (cluster) => differential(engine, cluster), false, major);
  }
}

/** Each engine's newest line of the matrix. */
const NEWEST = (['elasticsearch', 'opensearch'] as const).map((engine) => ({ engine, major: Math.max(...ENGINE_LINES.filter((line) => line.engine === engine).map((line) => line.major)) }));

/** The other lines of the matrix, one JVM after another: the YAML suites, the differential (the test server answering as that version) and the elastic layer's integration tests. */
async function otherLines(): Promise<void> {
  for (const { engine, major } of ENGINE_LINES.filter((line) => line.major !== DEFAULT_MAJOR[line.engine])) {
    const why = await realEnginesUnavailable([engine], { [engine]: [major] });
    if (why) {
      record({ what: `${engine} ${major}: not run (${why})`, passed: 0, failed: 0, skipped: 1 });
      continue;
    }
    await withEngine(engine, async (cluster) => {
      // The visible YAML suites are Elasticsearch 8/9's: counted on 9, for information on 7; OpenSearch's point-in-time tests need 2.4.
      if (engine === 'elasticsearch') await conformance(`YAML suites on Elasticsearch ${cluster.version}`, cluster.url, elasticsearchRestTests(), major < 8);
      else await conformance(`OpenSearch ${cluster.version}: its point-in-time tests`, cluster.url, openSearchRestTests(), major < 2);
      await differential(engine, cluster);
      await mocha(`the elastic layer's integration tests on ${engine} ${cluster.version}`, cluster, ELASTIC_LAYER);
    }, false, major);
  }
}

runMain('test:real', main, 60 * 60_000);
