/**
 * What an import did, by kind. Counts are exact; the ids (and, for what was not written, the line
 * and the reason) are kept for the first `IDS_KEPT` of each kind, so that a report of a million
 * documents stays small. The lines themselves go to the rejects file as they come.
 */
export const IDS_KEPT = 1000;

export type ReportKind = 'created' | 'updated' | 'conflicts' | 'existed' | 'refused' | 'malformed';

export const REPORT_KINDS: readonly ReportKind[] = ['created', 'updated', 'conflicts', 'existed', 'refused', 'malformed'];

export interface ReportEntry {
  readonly line: number;
  readonly id?: string;
  readonly reason?: string;
}

export interface ReportSection {
  count: number;
  readonly entries: ReportEntry[];
}

export type ImportReport = Record<ReportKind, ReportSection>;

export function emptyReport(): ImportReport {
  return Object.fromEntries(REPORT_KINDS.map((kind) => [kind, { count: 0, entries: [] }])) as unknown as ImportReport;
}

export function record(report: ImportReport, kind: ReportKind, entry: ReportEntry): void {
  const section = report[kind];
  section.count++;
  if (section.entries.length < IDS_KEPT) section.entries.push(entry);
}

/** `created 12 · updated 3 · conflicts 1 · …`, the kinds that happened. */
export function summaryLine(report: ImportReport): string {
  const parts = REPORT_KINDS.filter((kind) => report[kind].count > 0).map((kind) => `${kind} ${report[kind].count.toLocaleString('en-US')}`);
  return parts.length === 0 ? 'nothing to import' : parts.join(' · ');
}

/** The report as the headless import's `--json` prints it: counts, and the ids (lines, reasons) kept. */
export function reportJson(report: ImportReport): string {
  return JSON.stringify(Object.fromEntries(REPORT_KINDS.map((kind) => [kind, { count: report[kind].count, items: report[kind].entries }])));
}
