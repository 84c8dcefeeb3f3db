import { createHash } from 'node:crypto';
import type { ImportMode } from './bulkImport';
import type { ImportReport } from './importReport';

/**
 * What an import keeps after each acknowledged batch, so that Resume continues where it stopped:
 * the file as it was (path, size, modification time: a changed file is not resumed), the target,
 * the mode, the last line done and the report so far. A line after `lastLine` may still have been
 * applied (a batch in flight when the import died): create-only and conditional writes meet it as
 * existing or conflicting, never twice.
 */
export interface ImportProgress {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly index: string;
  readonly connection: string;
  readonly mode: ImportMode;
  /** CSV: what its empty cells became. */
  readonly empty?: 'missing' | 'null';
  readonly lastLine: number;
  readonly report: ImportReport;
}

/** The name a progress record is kept under: one per file, cluster and index. */
export function progressKey(file: string, connection: string, index: string): string {
  return createHash('sha256').update(`${file}\n${connection}\n${index}`).digest('hex').slice(0, 24);
}

/** Whether `progress` is the record of this file as it is now, into the same target. */
export function resumes(progress: ImportProgress, file: { path: string; size: number; mtimeMs: number }, connection: string, index: string): boolean {
  return progress.file === file.path && progress.size === file.size && progress.mtimeMs === file.mtimeMs && progress.connection === connection && progress.index === index;
}
