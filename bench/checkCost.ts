import { documentBody } from '../src/json/jsonText';
import { findProblem, validateJson } from '../src/json/jsonValidate';
import { ms } from './report';
import { summarize } from './stats';

/**
 * The strict check of a save's text next to `JSON.parse` of the same text, in the same process:
 * the lean scan (what a save runs), the full pass (what every save ran before, and still runs to
 * describe a text the lean scan refuses), and the lean scan that also compacts the text.
 */

export interface CheckCost {
  readonly bytes: number;
  readonly jsonParseMs: number;
  readonly leanCheckMs: number;
  readonly fullPassMs: number;
  readonly checkAndCompactMs: number;
}

function median(op: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) op();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    op();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(samples).medianMs;
}

export function measureCheckCost(text: string, runs: number): CheckCost {
  const checks: Array<() => unknown> = [() => JSON.parse(text), () => validateJson(text), () => findProblem(text), () => documentBody(text, true)];
  const [jsonParseMs, leanCheckMs, fullPassMs, checkAndCompactMs] = checks.map((op) => median(op, runs));
  return { bytes: Buffer.byteLength(text), jsonParseMs, leanCheckMs, fullPassMs, checkAndCompactMs };
}

export function printCheckCost(cost: CheckCost): void {
  const x = (value: number): string => `${(value / cost.jsonParseMs).toFixed(2)}× JSON.parse`;
  console.log(`strict check of the ${(cost.bytes / 1024 / 1024).toFixed(1)} MB save text (median): JSON.parse ${ms(cost.jsonParseMs)} ms;`);
  console.log(`  lean scan ${ms(cost.leanCheckMs)} ms (${x(cost.leanCheckMs)}); full pass, as before ${ms(cost.fullPassMs)} ms (${x(cost.fullPassMs)}); lean scan + compact ${ms(cost.checkAndCompactMs)} ms (${x(cost.checkAndCompactMs)})`);
}
