import type { Row } from './measure';
import { ms, peerRatio, type Budget } from './report';
import type { Sizes } from './sizes';

/** The figures the extension promises, checked against one run's rows. */

const VSIX_LIMIT = 2 * 1024 * 1024;

function row(rows: readonly Row[], name: string): Row | undefined {
  return rows.find((r) => r.name === name);
}

function requestBudget(rows: readonly Row[], name: string, limit: number): Budget[] {
  const r = row(rows, name);
  if (r === undefined) return [];
  return [{ name: `requests: ${name}`, limit: `${limit}`, actual: `${r.requests.total}`, ok: r.requests.total <= limit }];
}

/** The extension's time against the peer baseline (what other tools do), measured in the same run. */
function peerBudget(rows: readonly Row[], name: string, limit: number): Budget[] {
  const r = row(rows, name);
  const value = r && peerRatio(r);
  if (value === undefined) return [];
  const capped = r!.extensionAtLeastMs !== undefined;
  const ext = capped ? `> ${ms(r!.extensionAtLeastMs)}` : ms(r!.extension.medianMs);
  return [{ name: `time ext/peer: ${name}`, limit: `≤ ${limit.toFixed(1)}×`, actual: `${capped ? '> ' : ''}${value.toFixed(2)}× (${ext} vs ${ms(r!.peer!.medianMs)} ms)`, ok: !capped && value <= limit }];
}

export function budgets(rows: readonly Row[], sizes: Sizes): Budget[] {
  const out: Budget[] = [
    ...requestBudget(rows, 'open 2 KB', 1),
    ...requestBudget(rows, 'save 2 KB', 1),
    ...requestBudget(rows, 'conflict 2 KB', 2),
    ...requestBudget(rows, 'open 5 MB', 1),
    ...requestBudget(rows, 'save 5 MB', 1),
    ...requestBudget(rows, 'list page 1', 1),
    ...requestBudget(rows, 'list page 200', 1),
    ...requestBudget(rows, 'list page 2,000', 1),
    ...requestBudget(rows, 'table page 200 (100 rows)', 1),
    ...requestBudget(rows, 'table save 1,000 staged rows', 2),
    // A snapshot of 10,000 read twice in pages of 1,000 (preview, apply), opened and closed, and 20 batches of 500.
    ...requestBudget(rows, 'bulk change of 10,000 documents (preview + apply)', 44),
    ...peerBudget(rows, 'open 2 KB', 1.1),
    ...peerBudget(rows, 'save 2 KB', 1.1),
    ...peerBudget(rows, 'open 5 MB', 1.0),
    ...peerBudget(rows, 'save 5 MB', 1.0),
  ];
  const first = row(rows, 'list page 1');
  const deep = row(rows, 'list page 2,000');
  if (first && deep) {
    const value = deep.extension.medianMs / first.extension.medianMs;
    out.push({ name: 'page 2,000 / page 1', limit: '≤ 1.5×', actual: `${value.toFixed(2)}× (${ms(deep.extension.medianMs)} vs ${ms(first.extension.medianMs)} ms)`, ok: value <= 1.5 });
  }
  const tableFirst = row(rows, 'table page 1 (100 rows)');
  const tableDeep = row(rows, 'table page 200 (100 rows)');
  if (tableFirst && tableDeep) {
    const value = tableDeep.extension.medianMs / tableFirst.extension.medianMs;
    out.push({ name: 'table page 200 / page 1', limit: '≤ 1.5×', actual: `${value.toFixed(2)}× (${ms(tableDeep.extension.medianMs)} vs ${ms(tableFirst.extension.medianMs)} ms)`, ok: value <= 1.5 });
  }
  out.push({ name: 'VSIX size', limit: '≤ 2 MB', actual: `${(sizes.vsixBytes / 1024).toFixed(1)} KiB`, ok: sizes.vsixBytes <= VSIX_LIMIT });
  return out;
}
