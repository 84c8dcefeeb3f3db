import type { ExportFormat } from './exportFormats';

/**
 * Where an export stands after its last page written, kept so that an interrupted export (a crash,
 * a cancel, a lost connection) can go on while its point in time lives: the file's length then,
 * the documents in it, and for each slice the sort values after which it reads on.
 */
export interface ExportCheckpoint {
  readonly file: string;
  readonly connection: string;
  readonly index: string;
  readonly format: ExportFormat;
  /** The query as sent (JSON text), and the CSV columns: a resumed export writes the same. */
  readonly query: string;
  readonly columns?: readonly string[];
  readonly bom?: boolean;
  readonly pitId: string;
  readonly bytes: number;
  readonly documents: number;
  readonly total?: number;
  readonly slices: ReadonlyArray<{ readonly after?: string; readonly done: boolean }>;
  /** When it was taken (ms since the epoch): a point in time is kept 5 minutes after its last read. */
  readonly time: number;
}

/** A point in time lives 5 minutes after its last read (`KEEP_ALIVE`); older checkpoints cannot be resumed. */
export const CHECKPOINT_LIFETIME_MS = 5 * 60_000;

/** Whether the checkpoint is of this export (the same file, target, format and query) and may still be alive. */
export function continues(checkpoint: ExportCheckpoint, wanted: { file: string; connection: string; index: string; format: ExportFormat; query: string }, now: number): boolean {
  return checkpoint.file === wanted.file && checkpoint.connection === wanted.connection && checkpoint.index === wanted.index
    && checkpoint.format === wanted.format && checkpoint.query === wanted.query && now - checkpoint.time < CHECKPOINT_LIFETIME_MS;
}
