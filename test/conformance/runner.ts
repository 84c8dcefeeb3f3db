// Runs Elasticsearch YAML REST test files against the test server, each test in a fresh cluster state.
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { ApiRegistry } from './api-spec';
import { Executor } from './executor';
import { conditionSkipReason, reportedClusterFeatures, versionInRanges } from './conditions';
import { findYamlFiles, loadTestFile, type Step, type TestFile } from './yaml-suite';
import { DROPPED_ASSERTIONS, NAMED_SKIPS } from './skips';
import { startEsServer, type EsServerOptions } from '../server/server';
import { send } from './http-client';
import { clusterUnderTest } from './reset';

export interface Failure {
  file: string;
  test: string;
  step: string;
  message: string;
}

export interface ConformanceResult {
  passed: number;
  failed: number;
  skipped: number;
  failures: Failure[];
  skips: { file: string; test: string; reason: string }[];
}

export interface ConformanceOptions {
  dirs: string[];
  /** Run against this server instead of starting one in-process. */
  url?: string;
  server?: EsServerOptions;
  onFailure?: (f: Failure) => void;
}

/** The suite root of a folder: the nearest folder (itself or above) that has an `api/` folder. */
function suiteRoot(dir: string): string {
  let d = resolve(dir);
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(d, 'api'))) return d;
    d = dirname(d);
  }
  return resolve(dir);
}

function dropAssertions(tf: TestFile, steps: Step[]): Step[] {
  const drops = DROPPED_ASSERTIONS.filter((d) => d.file === tf.file);
  if (!drops.length) return steps;
  return steps.flatMap((step) => {
    const [kind, arg] = Object.entries(step)[0] ?? [];
    if (!kind || !arg || typeof arg !== 'object') return [step];
    const kept = Object.fromEntries(Object.entries(arg).filter(([path]) => !drops.some((d) => d.assertion === `${kind} ${path}`)));
    return Object.keys(kept).length ? [{ [kind]: kept }] : [];
  });
}

function describe(step: Step, i: number): string {
  return `step ${i + 1} ${JSON.stringify(step, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).slice(0, 160)}`;
}

export async function runConformance(opts: ConformanceOptions): Promise<ConformanceResult> {
  const server = opts.url ? undefined : await startEsServer({ refreshIntervalMs: 1000, ...opts.server });
  const url = opts.url ?? server!.url;
  const result: ConformanceResult = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
  try {
    const info = await send(url, 'GET', '/', {});
    const { number, distribution } = (info.body as { version: { number: string; distribution?: string } }).version;
    // OpenSearch forked Elasticsearch 7.10.2: the suites' version conditions are Elasticsearch's.
    const version = distribution === 'opensearch' ? '7.10.2' : number;
    const cluster = await clusterUnderTest(url);
    const reset = cluster.reset;
    const features = cluster.testServer ? undefined : await reportedClusterFeatures(url);
    for (const dir of opts.dirs) {
      const root = suiteRoot(dir);
      const apis = new ApiRegistry([join(root, 'api')]);
      for (const path of findYamlFiles(resolve(dir))) {
        const tf = loadTestFile(path, root);
        for (const test of tf.tests) {
          const named = NAMED_SKIPS.find((s) => s.file === tf.file && (s.test === undefined || s.test === test.name) && (s.versions === undefined || versionInRanges(version, s.versions)));
          const reason = named?.reason ?? (await conditionSkipReason([...tf.setup, ...test.steps], version, url, features));
          if (reason) {
            result.skipped++;
            result.skips.push({ file: tf.file, test: test.name, reason });
            continue;
          }
          const ex = new Executor(url, apis);
          const sections: [string, Step[]][] = [['setup', tf.setup], ['test', dropAssertions(tf, test.steps)], ['teardown', tf.teardown]];
          let failure: Failure | undefined;
          for (const [section, steps] of sections) {
            for (let i = 0; i < steps.length && !failure; i++) {
              try {
                await ex.run(steps[i]!);
              } catch (e) {
                failure = { file: tf.file, test: test.name, step: `${section} ${describe(steps[i]!, i)}`, message: (e as Error).message };
              }
            }
          }
          await reset();
          if (failure) {
            result.failed++;
            result.failures.push(failure);
            opts.onFailure?.(failure);
          } else result.passed++;
        }
      }
    }
  } finally {
    await server?.close();
  }
  return result;
}
