import * as os from 'node:os';
import type { RequestCounts } from '../test/server/control';
import type { Row } from './measure';
import type { Sizes } from './sizes';
import type { Stats } from './stats';

/** The printed table, the budgets, and the JSON written with `--json FILE`. */

export interface Budget {
  readonly name: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** ext/raw of the medians; for an extension path given up on, the cap (a lower bound). */
export function ratio(row: Row): number | undefined {
  if (!row.baseline) return undefined;
  return (row.extensionAtLeastMs ?? row.extension.medianMs) / row.baseline.medianMs;
}

/** ext/peer of the medians, as `ratio`. */
export function peerRatio(row: Row): number | undefined {
  if (!row.peer) return undefined;
  return (row.extensionAtLeastMs ?? row.extension.medianMs) / row.peer.medianMs;
}

function times(value: number | undefined, capped: boolean): string {
  return value === undefined ? '—' : `${capped ? '> ' : ''}${value.toFixed(2)}×`;
}

function requests(counts: RequestCounts | undefined): string {
  if (counts === undefined) return '—';
  const routes = Object.entries(counts.byRoute).map(([route, n]) => (n > 1 ? `${n}× ${route}` : route));
  return `${counts.total} (${routes.join(', ')})`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

function statCells(stats: Stats | undefined, note: string | undefined): [string, string] {
  if (stats === undefined) return [note ?? '—', ''];
  return [ms(stats.medianMs), ms(stats.p95Ms)];
}

export function printTable(rows: readonly Row[], sizes: Sizes): void {
  const header = ['operation', 'ext median ms', 'ext p95 ms', 'peer median ms', 'peer p95 ms', 'raw median ms', 'raw p95 ms', 'ext/peer', 'ext/raw', 'runs', 'requests (extension)'];
  const lines = rows.map((row) => {
    const capped = row.extensionAtLeastMs !== undefined;
    return [
      row.name,
      ...(row.extensionNote ? [row.extensionNote, ''] : statCells(row.extension, undefined)),
      ...(row.peer ? statCells(row.peer, undefined) : ['', '']),
      ...statCells(row.baseline, row.baselineNote),
      times(peerRatio(row), capped),
      times(ratio(row), capped),
      String(row.extension.runs),
      requests(row.requests),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  console.log(pad(header, widths));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(pad(line, widths));
  console.log('');
  for (const row of rows) {
    const peer = row.peerRequests ? `; peer: ${requests(row.peerRequests)}` : '';
    const raw = `${peer}${row.baselineRequests ? `; raw: ${requests(row.baselineRequests)}` : ''}`;
    if (row.note || raw) console.log(`  ${row.name}: ${row.note ?? ''}${raw}`);
  }
  console.log('');
  const kib = (bytes: number | undefined): string => (bytes === undefined ? 'not found in the VSIX' : `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
  console.log(`VSIX ${sizes.vsixFile}: ${(sizes.vsixBytes / 1024).toFixed(1)} KiB (${sizes.vsixBytes} bytes)${sizes.packagedNow ? ', packaged by this run' : ''}`);
  console.log(`bundle dist/extension.js (production, as packaged, parsed at activation): ${kib(sizes.bundleBytes)}`);
  console.log(`bundle dist/elasticsearch-client.js (loaded on the first request): ${kib(sizes.clientBytes)}`);
  console.log('activation: measured separately, inside the real extension host (npm run bench:activation)');
}

export function printBudgets(budgets: readonly Budget[]): void {
  console.log('');
  console.log('budgets');
  const width = Math.max(...budgets.map((b) => b.name.length));
  for (const b of budgets) console.log(`  ${b.ok ? '✓' : '✗'} ${b.name.padEnd(width)}  ${b.actual} (budget ${b.limit})`);
  const missed = budgets.filter((b) => !b.ok).length;
  console.log(missed === 0 ? '  all budgets met' : `  ${missed} of ${budgets.length} budgets missed`);
}
