// `npm run differential -- [--engine elasticsearch|opensearch]… [--major N] [--verbose]`
// Sends the same requests, in the same order, to a real engine and to the test server impersonating
// its version, and compares the answers after normalising what is truly volatile. Prints, per
// engine, `differential ENGINE VERSION: R requests, M mismatches (E explained, U unexplained)`.
import { startEsServer } from '../server/server';
import { compareAnswers, type Answer, type Difference } from './answerDiff';
import { STEPS, type Step, type Vars } from './differentialCases';
import { REAL_ENGINES, type RealEngine } from './engineBuild';
import { explanationOf } from './explainedDifferences';
import { startRealCluster, type RunningRealCluster } from './realCluster';
import { clusterUnderTest } from '../conformance/reset';

export interface DifferentialResult {
  readonly engine: RealEngine;
  readonly version: string;
  readonly requests: number;
  readonly explained: number;
  readonly unexplained: number;
  readonly line: string;
}

async function send(baseUrl: string, step: Step, vars: Vars): Promise<Answer & { body: unknown }> {
  const path = typeof step.path === 'function' ? step.path(vars) : step.path;
  const body = typeof step.body === 'function' ? step.body(vars) : step.body;
  const contentType = path.includes('/_bulk') ? 'application/x-ndjson' : 'application/json';
  const response = await fetch(baseUrl + path, { method: step.method, body, headers: body === undefined ? {} : { 'content-type': contentType } });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', product: response.headers.get('x-elastic-product') ?? undefined, text, body: parsed };
}

/** Runs every step against both; returns the differences per step. */
/** Whether `version` is `since` or later (dotted numbers). */
function atLeast(version: string, since: string): boolean {
  const [a, b] = [version, since].map((text) => text.split('.').map(Number));
  for (let i = 0; i < Math.max(a!.length, b!.length); i++) if ((a![i] ?? 0) !== (b![i] ?? 0)) return (a![i] ?? 0) > (b![i] ?? 0);
  return true;
}

async function compareTargets(engine: RealEngine, version: string, realUrl: string, testUrl: string, report: (step: Step, difference: Difference, reason: string | undefined) => void): Promise<{ requests: number; explained: number; unexplained: number }> {
  const vars = { real: {} as Vars, test: {} as Vars };
  let requests = 0;
  let explained = 0;
  let unexplained = 0;
  for (const step of STEPS) {
    if (step.only && step.only !== engine) continue;
    if (step.since && !atLeast(version, step.since)) continue;
    const real = await send(realUrl, step, vars.real);
    const test = await send(testUrl, step, vars.test);
    requests++;
    if (step.capture) {
      Object.assign(vars.real, step.capture(real.body, real.text));
      Object.assign(vars.test, step.capture(test.body, test.text));
    }
    const readSource = step.method === 'GET' && /\/_doc\//.test(typeof step.path === 'string' ? step.path : '');
    for (const difference of compareAnswers(real, test, { readSource, volatile: step.volatile })) {
      const reason = explanationOf(engine, step.name, difference.path, Number(version.split('.')[0]));
      if (reason) explained++;
      else unexplained++;
      report(step, difference, reason);
    }
  }
  return { requests, explained, unexplained };
}

/** Against `running` (emptied first) or a real engine of its own. */
export async function runDifferential(engine: RealEngine, verbose = false, running?: RunningRealCluster, major?: number): Promise<DifferentialResult> {
  const real = running ?? (await startRealCluster({ engine, ...(major === undefined ? {} : { major }) }));
  if (running) await (await clusterUnderTest(running.url)).reset();
  try {
    const test = await startEsServer({ distribution: engine, version: real.version, refreshIntervalMs: -1 });
    try {
      const result = await compareTargets(engine, real.version, real.url, test.url, (step, difference, reason) => {
        if (reason && !verbose) return;
        console.log(`${reason ? 'explained' : 'MISMATCH'} ${engine} · ${step.name} · ${difference.path}\n  real:        ${difference.real}\n  test server: ${difference.testServer}${reason ? `\n  why: ${reason}` : ''}`);
      });
      const mismatches = result.explained + result.unexplained;
      const line = `differential ${engine} ${real.version}: ${result.requests} requests, ${mismatches} mismatches (${result.explained} explained, ${result.unexplained} unexplained)`;
      return { engine, version: real.version, ...result, line };
    } finally {
      await test.close();
    }
  } finally {
    if (!running) await real.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engines = args.flatMap((arg, i) => (args[i - 1] === '--engine' ? [arg as RealEngine] : []));
  for (const engine of engines) if (!REAL_ENGINES.includes(engine)) throw new Error(`unknown engine [${engine}]`);
  const lines: string[] = [];
  let unexplained = 0;
  for (const engine of engines.length > 0 ? engines : REAL_ENGINES) {
    const major = args.includes('--major') ? Number(args[args.indexOf('--major') + 1]) : undefined;
    const result = await runDifferential(engine, args.includes('--verbose'), undefined, major);
    lines.push(result.line);
    unexplained += result.unexplained;
  }
  for (const line of lines) console.log(line);
  process.exitCode = unexplained > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
