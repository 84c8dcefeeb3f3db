/**
 * `npm run bench:activation [-- --runs N] [--settle MS] [--dev]`: the extension's activation measured
 * inside a real extension host (code-server + headless Chromium), N times (5), each in a fresh
 * profile so that every run is a first activation. The entry waits MS (3000) for the host to finish
 * starting before it activates. Measures the production bundles (as packaged) unless --dev.
 * It reports against the 30 ms budget; it never fails on it (timings are judged, not asserted).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { ACTIVATION_MARKER, median, parseSample, type ActivationSample } from './activationSample';
import { openBrowser } from './browser';
import { runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { ensureHost } from './ensureHost';
import { startTestEsServer, type RunningEsServer } from './esServer';
import { PROJECT_ROOT } from './paths';
import { npmRun } from './proc';
import { remoteUri, workbenchUrl } from './workbench';

const BUDGET_MS = 30;
const OVERALL_TIMEOUT_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 2 * 60_000;
const ENTRY = path.join(PROJECT_ROOT, 'out', 'test', 'suite', 'measure', 'activation.js');
const BUNDLES = ['extension.js', 'elasticsearch-client.js'];

function step(message: string): void {
  console.log(`[bench:activation] ${message}`);
}

function intArg(name: string, fallback: number, min: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} takes an integer of at least ${min}`);
  return value;
}

/** One fresh code-server and browser; the entry activates the extension and prints its sample. */
async function oneRun(es: RunningEsServer, settleMs: number): Promise<ActivationSample> {
  const server = await startCodeServer({
    smokeTestDriver: true,
    settings: { 'esdocs.connections': [{ name: 'test', url: es.url }] },
    env: { ESDOCS_TEST_ES_URL: es.url, ESDOCS_ACTIVATION_SETTLE_MS: String(settleMs) },
  });
  const session = await openBrowser();
  try {
    let sample: ActivationSample | undefined;
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    // The host's console reaches us through the smoke-test driver, as (level, [format, ...args]).
    await session.page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      sample ??= parseSample(text);
      if (level === 'error') process.stderr.write(`${text}\n`);
      else if (text.startsWith('activation ms')) console.log(`  ${text}`);
    });
    await session.page.exposeFunction('codeAutomationExit', (code: unknown) => finish(typeof code === 'number' ? code : 1));
    session.page.on('crash', () => finish(1));
    const url = workbenchUrl(server, [
      ['extensionDevelopmentPath', remoteUri(server, PROJECT_ROOT)],
      ['extensionTestsPath', remoteUri(server, ENTRY)],
    ]);
    await session.page.goto(url);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), RUN_TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    if (code !== 0) throw new Error(code === -1 ? 'the activation entry did not finish in time' : `the activation entry exited with ${code}`);
    if (sample === undefined) throw new Error(`no ${ACTIVATION_MARKER} line came from the extension host`);
    return sample;
  } finally {
    await session.close();
    await server.stop();
  }
}

function ms(value: number): string {
  return value.toFixed(2).padStart(8);
}

function report(samples: readonly ActivationSample[]): void {
  const rows: Array<[string, (s: ActivationSample) => number | undefined]> = [
    ['activate → view registered (api.activationMs)', (s) => s.activationMs],
    ['extension.activate() in the host (load + activate)', (s) => s.hostActivateMs],
    ['first getChildren() of the tree', (s) => s.rootChildrenMs],
    ['load of dist/extension.js (fresh copy)', (s) => s.moduleLoadMs],
    ['load of dist/elasticsearch-client.js (first request)', (s) => s.clientLoadMs],
  ];
  console.log('');
  console.log(`${'measure'.padEnd(54)}  median ms   max ms   runs (ms)`);
  for (const [name, pick] of rows) {
    const values = samples.map(pick).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    console.log(`${name.padEnd(54)}  ${ms(median(values))} ${ms(Math.max(...values))}   ${values.map((v) => v.toFixed(1)).join(', ')}`);
  }
  const activation = samples.map((s) => s.activationMs);
  const worst = Math.max(...activation);
  console.log('');
  console.log(`budget: ${worst <= BUDGET_MS ? '✓' : '✗'} activation median ${median(activation).toFixed(2)} ms, max ${worst.toFixed(2)} ms (budget ≤ ${BUDGET_MS} ms)`);
  const eager = [...new Set(samples.flatMap((s) => s.clientModulesAtActivation))];
  console.log(`budget: ${eager.length === 0 ? '✓ the Elasticsearch client is not loaded at activation' : `✗ loaded at activation: ${eager.join(', ')}`}`);
  if (samples.some((s) => s.wasActive)) console.log('note: in some runs the extension was already active when the entry ran');
  for (const file of BUNDLES) {
    const full = path.join(PROJECT_ROOT, 'dist', file);
    if (fs.existsSync(full)) console.log(`bundle dist/${file}: ${(fs.statSync(full).size / 1024).toFixed(1)} KiB`);
  }
}

async function main(): Promise<number> {
  const runs = intArg('--runs', 5, 1);
  const settleMs = intArg('--settle', 3000, 0);
  const dev = process.argv.includes('--dev');
  await ensureHost();
  // The development build also writes the entry (out/); the production one then replaces dist/.
  await npmRun('build');
  if (!dev) await npmRun('build', ['--production']);
  if (!fs.existsSync(ENTRY)) throw new Error(`the build did not produce ${ENTRY}`);
  const es = await startTestEsServer();
  step(`${runs} runs, ${dev ? 'development' : 'production'} bundles, ${settleMs} ms settle, ES test server on ${es.url}`);
  const samples: ActivationSample[] = [];
  for (let i = 1; i <= runs; i++) {
    step(`run ${i} of ${runs}`);
    samples.push(await oneRun(es, settleMs));
  }
  report(samples);
  return 0;
}

runMain('bench:activation', main, OVERALL_TIMEOUT_MS);
