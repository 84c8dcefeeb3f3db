import type { ClusterGateway } from '../cluster/clusterGateway';
import { readIndexMappings } from '../cluster/indexMappings';
import { SnapshotReader, type SlicePage } from '../cluster/snapshotReader';
import { readMappingModel } from '../mapping/model/mappingModel';
import { csvColumns } from './model/csvColumns';
import type { ExportCheckpoint } from './model/exportCheckpoint';
import { FileSink } from './fileSink';
import { ExportWriter, type ExportFormat } from './model/exportFormats';

export interface ExportOptions {
  readonly index: string;
  readonly format: ExportFormat;
  /** The file written; gzipped when it ends in `.gz`. */
  readonly out: string;
  /** A Lucene query string. */
  readonly queryString?: string;
  /** A Query DSL query as JSON text, sent as written. */
  readonly query?: string;
  /** Documents per page (default 1,000). */
  readonly pageSize?: number;
  /** Slices of the point in time read in parallel (default 1); the file then holds each slice's pages as they come. */
  readonly slices?: number;
  /** CSV: the columns, in order (default: `_id` and the mapping's fields, see `csvColumns`). */
  readonly columns?: readonly string[];
  /** CSV: start with a byte order mark, which spreadsheets read as UTF-8. */
  readonly bom?: boolean;
  /** An interrupted export of the same file to continue (its point in time still alive). */
  readonly resume?: ExportCheckpoint;
  /** Where the export stands after each page written (plain files only: a gzip stream cannot be continued). */
  readonly onCheckpoint?: (checkpoint: ExportCheckpoint) => void;
  /** The connection's id, named in checkpoints. */
  readonly connection?: string;
  readonly onProgress?: (done: number, total: number | undefined) => void;
  /** Asked between pages: true stops the export, keeping what was written. */
  readonly cancelled?: () => boolean;
}

export interface ExportResult {
  readonly documents: number;
  readonly total?: number;
  /** Stopped before the end: the file holds the first `documents`. */
  readonly cancelled: boolean;
  /** Stopped with its point in time left open: the export can be resumed from its last checkpoint for a few minutes. */
  readonly resumable?: boolean;
}

/** The query an export sends, as JSON text: the same text a resumed export must send again. */
export function exportQuery(options: { queryString?: string; query?: string }): string {
  return options.query ?? (options.queryString ? `{"query_string":{"query":${JSON.stringify(options.queryString)}}}` : '{"match_all":{}}');
}

/**
 * Exports an index (or what a query matches) from one point in time: the file is that snapshot,
 * no document twice and none missing whatever is written meanwhile. Pages are read with
 * `search_after` on the tiebreaker, so there is no 10,000 wall; with slices, each slice of the
 * point in time is read at once and its pages written as they come. Each page is written as it
 * arrives, the next one already asked for, so memory holds a page per slice. Every `_source` goes
 * to the file as its exact text, made compact. Stopped (cancelled, or failed), the point in time
 * is left to expire rather than closed, so that the export can be resumed from its checkpoint.
 */
export async function exportDocuments(gateway: ClusterGateway, options: ExportOptions): Promise<ExportResult> {
  const query = options.resume?.query ?? exportQuery(options);
  const reader = new SnapshotReader(gateway, options.index, query, options.pageSize ?? 1000, { tokens: options.format === 'tokens', ...(options.resume ? { pitId: options.resume.pitId } : {}) });
  const columns = options.format === 'csv' ? (options.resume?.columns ?? options.columns ?? (await mappingColumns(gateway, options.index))) : [];
  const bom = options.resume?.bom ?? options.bom === true;
  let documents = options.resume?.documents ?? 0;
  const writer = new ExportWriter(options.format, { columns, bom }, documents);
  const sink = new FileSink(options.out, options.resume?.bytes);
  const consistent = await reader.consistent();
  const count = consistent ? Math.max(1, Math.floor(options.resume?.slices.length ?? options.slices ?? 1)) : 1;
  const slices = options.resume?.slices.map((slice) => ({ ...slice })) ?? Array.from({ length: count }, () => ({ after: undefined as string | undefined, done: false }));
  let total = options.resume?.total;
  const totals: number[] = [];
  let cancelled = false;
  let finished = false;
  const pages = merged(slices.map((slice, id) => (slice.done ? undefined : reader.slicePages(count > 1 ? { id, max: count } : undefined, slice.after))));
  try {
    if (!options.resume) await sink.write(writer.start());
    for await (const { slice, page } of pages) {
      if (options.cancelled?.()) {
        cancelled = true;
        break;
      }
      let text = '';
      for (const hit of page.hits) {
        text += writer.document({
          index: hit.index,
          id: hit.id,
          ...(hit.routing === undefined ? {} : { routing: hit.routing }),
          ...(hit.token ? { seqNo: hit.token.seqNo, primaryTerm: hit.token.primaryTerm } : {}),
          sourceText: hit.sourceText ?? '{}',
          ...(hit.sourceCompact ? { compact: true } : {}),
        });
      }
      await sink.write(text);
      documents += page.hits.length;
      slices[slice] = { after: page.after, done: page.done };
      if (page.total !== undefined && !options.resume) totals[slice] = page.total;
      if (totals.filter((value) => value !== undefined).length === count) total = totals.reduce((sum, value) => sum + value, 0);
      const pitId = consistent && sink.resumable ? reader.pointInTime : undefined;
      if (pitId !== undefined) options.onCheckpoint?.({ file: options.out, connection: options.connection ?? '', index: options.index, format: options.format, query, ...(options.format === 'csv' ? { columns, bom } : {}), pitId, bytes: sink.length, documents, ...(total === undefined ? {} : { total }), slices: slices.map((s) => ({ ...s })), time: Date.now() });
      options.onProgress?.(documents, total);
    }
    if (!cancelled) await sink.write(writer.end());
    finished = !cancelled;
  } finally {
    // Pages still on their way are let finish before the point in time is closed or left.
    await pages.return(undefined).catch(() => undefined);
    await sink.close();
    if (finished || !consistent || !sink.resumable) await reader.close();
    else reader.detach();
  }
  return { documents, cancelled, ...(total === undefined ? {} : { total }), ...(cancelled && consistent && sink.resumable ? { resumable: true } : {}) };
}

/**
 * The pages of several slices as they come: each slice's next page is asked for as soon as its
 * previous one is handed out (so it is read while that one is written); undefined slices are done.
 */
async function* merged(slices: ReadonlyArray<AsyncGenerator<SlicePage> | undefined>): AsyncGenerator<{ slice: number; page: SlicePage }> {
  const pending = new Map<number, Promise<{ slice: number; result: IteratorResult<SlicePage> }>>();
  const ask = (slice: number): void => void pending.set(slice, slices[slice]!.next().then((result) => ({ slice, result })));
  slices.forEach((generator, slice) => generator && ask(slice));
  try {
    while (pending.size > 0) {
      const { slice, result } = await Promise.race(pending.values());
      pending.delete(slice);
      if (result.done) continue;
      if (!result.value.done) ask(slice);
      yield { slice, page: result.value };
    }
  } finally {
    await Promise.allSettled(pending.values());
  }
}

/** The CSV columns of an index: `_id` and its mapping's fields. */
export async function mappingColumns(gateway: ClusterGateway, index: string): Promise<string[]> {
  const model = readMappingModel(await readIndexMappings(gateway, index));
  return model ? csvColumns(model) : ['_id'];
}
