/**
 * `npm test`: every test layer in order, each one's output streamed through, then a summary.
 * A layer fails on a non-zero exit, and also when it ran no test at all: an empty glob or a
 * filter that matches nothing must not look like success.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface Layer {
  name: string;
  script: string;
  /** Tells how many tests ran from the layer's output; absent for layers without tests. */
  countTests?: (output: string) => number | undefined;
  /** A reason printed by the layer for running nothing on this machine (said, never silent). */
  skippedBecause?: (output: string) => string | undefined;
}

interface Outcome {
  layer: Layer;
  ok: boolean;
  seconds: number;
  note: string;
  /** For a failed layer, the lines that name what failed: the summary repeats them, since a long log is often read from its end. */
  failures?: string[];
}

/**
 * Mocha's spec reporter ends with "  N passing" (absent when it found no test file); a layer that
 * runs mocha more than once (the host layer's second, trust-on run) prints it once per run.
 */
function mochaPassing(output: string): number | undefined {
  const matches = [...output.matchAll(/^\s*(\d+) passing\b/gm)];
  return matches.length === 0 ? undefined : matches.reduce((sum, match) => sum + Number(match[1]), 0);
}

/** The UI tests end with "N passed, N failed". */
function uiPassed(output: string): number | undefined {
  const last = [...output.matchAll(/^(\d+) passed, \d+ failed$/gm)].at(-1);
  return last ? Number(last[1]) : undefined;
}

/** The real-engine layer ends with "N passed, M failed, K skipped". */
function realPassed(output: string): number | undefined {
  const last = [...output.matchAll(/^(\d+) passed, \d+ failed, \d+ skipped$/gm)].at(-1);
  return last ? Number(last[1]) : undefined;
}

const LAYERS: Layer[] = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', countTests: mochaPassing },
  { name: 'integration', script: 'test:integration', countTests: mochaPassing },
  { name: 'reliability', script: 'test:reliability', countTests: mochaPassing },
  { name: 'extension host', script: 'test:host', countTests: mochaPassing },
  { name: 'ui', script: 'test:ui', countTests: uiPassed },
  {
    name: 'real engines',
    script: 'test:real',
    countTests: realPassed,
    skippedBecause: (output) => /^skipped: real engines \((.*)\)$/m.exec(output)?.[1],
  },
];

function definedScripts(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return manifest.scripts ?? {};
}

/** Runs `npm run <script>`, echoing its output while keeping a copy to inspect. */
function runScript(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], {
      cwd: ROOT,
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      sink.write(chunk);
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runLayer(layer: Layer, scripts: Record<string, string>): Promise<Outcome> {
  console.log(`\n━━━ ${layer.name} (npm run ${layer.script}) ━━━`);
  const started = Date.now();
  const done = (ok: boolean, note: string): Outcome => ({ layer, ok, note, seconds: (Date.now() - started) / 1000 });
  if (!(layer.script in scripts)) {
    console.error(`npm script "${layer.script}" is not defined in package.json`);
    return done(false, `no "${layer.script}" script in package.json`);
  }
  const { code, output } = await runScript(layer.script);
  if (code !== 0) return { ...done(false, `exit code ${code}`), failures: failureLines(output) };
  if (!layer.countTests) return done(true, '');
  const skipped = layer.skippedBecause?.(output);
  if (skipped) return done(true, `skipped: ${skipped}`);
  const count = layer.countTests(output);
  if (!count) return done(false, 'ran no test');
  const tests = `${count} test${count === 1 ? '' : 's'}`;
  return done(true, [tests, ...partlySkipped(output)].join('; '));
}

const MAX_FAILURE_LINES = 12;

/**
 * The lines of a layer's output that say what failed: a UI check (`✘ …` and the message under it),
 * a mocha failure title (`  1) …`), a conformance or real-engine `FAIL …`, a runner's `error: …`.
 */
function failureLines(output: string): string[] {
  const lines = output.split('\n');
  const picked: string[] = [];
  lines.forEach((line, index) => {
    if (/^\s*✘ /.test(line) && !line.includes('(not run:')) picked.push(line.trim(), ...lines.slice(index + 1, index + 3).map((next) => `    ${next.trim()}`));
    else if (/^\s+\d+\) \S/.test(line) || /^(FAIL|error:) /.test(line)) picked.push(line.trim());
  });
  return picked.length > 0 ? picked.slice(0, MAX_FAILURE_LINES) : lines.filter((line) => line.trim() !== '').slice(-3);
}

/**
 * What a layer that ran said it skipped, one `skipped: …` line each (e.g. a REST suite absent from
 * this checkout), so that the summary shows it too.
 */
function partlySkipped(output: string): string[] {
  return [...new Set([...output.matchAll(/^skipped: (.+)$/gm)].map((match) => `skipped ${match[1]}`))];
}

function printSummary(outcomes: Outcome[]): void {
  const width = Math.max(...outcomes.map((o) => o.layer.name.length), 'layer'.length) + 2;
  console.log('\n━━━ summary ━━━');
  console.log(`${'layer'.padEnd(width)}${'result'.padEnd(8)}${'duration'.padStart(9)}  note`);
  for (const { layer, ok, seconds, note } of outcomes) {
    console.log(`${layer.name.padEnd(width)}${(ok ? 'passed' : 'FAILED').padEnd(8)}${`${seconds.toFixed(1)} s`.padStart(9)}  ${note}`);
  }
  for (const { layer, failures } of outcomes) {
    if (failures?.length) console.log(`\n${layer.name} failed at:\n${failures.map((line) => `  ${line}`).join('\n')}`);
  }
  const passed = outcomes.filter((o) => o.ok).length;
  console.log(`\n${passed} passed, ${outcomes.length - passed} failed`);
}

async function main(): Promise<void> {
  const scripts = definedScripts();
  const outcomes: Outcome[] = [];
  for (const layer of LAYERS) outcomes.push(await runLayer(layer, scripts));
  printSummary(outcomes);
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
}

void main();
