import type { ClusterGateway } from '../cluster/clusterGateway';
import { DocumentPager } from '../cluster/documentPager';
import type { SearchHit } from '../cluster/model/searchPage';
import { readIndexMappings } from '../cluster/indexMappings';
import { readMappingModel } from '../mapping/model/mappingModel';
import { csvColumns } from './model/csvColumns';
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
  /** CSV: the columns, in order (default: `_id` and the mapping's fields, see `csvColumns`). */
  readonly columns?: readonly string[];
  /** CSV: start with a byte order mark, which spreadsheets read as UTF-8. */
  readonly bom?: boolean;
  readonly onProgress?: (done: number, total: number | undefined) => void;
  /** Asked between pages: true stops the export, keeping what was written. */
  readonly cancelled?: () => boolean;
}

export interface ExportResult {
  readonly documents: number;
  readonly total?: number;
  /** Stopped before the end: the file holds the first `documents`. */
  readonly cancelled: boolean;
}

/**
 * Exports an index (or what a query matches) from one point in time: the file is that snapshot,
 * no document twice and none missing whatever is written meanwhile. Pages are read with
 * `search_after` on the tiebreaker, so there is no 10,000 wall, each page is written as it comes,
 * and memory holds one page. Every `_source` goes to the file as its exact text, made compact.
 */
export async function exportDocuments(gateway: ClusterGateway, options: ExportOptions): Promise<ExportResult> {
  const pager = new DocumentPager(gateway, options.index, options.pageSize ?? 1000, {
    ...(options.queryString ? { queryString: options.queryString } : {}),
    ...(options.query ? { query: options.query } : {}),
    rememberSeen: false,
  });
  const columns = options.format === 'csv' ? (options.columns ?? (await mappingColumns(gateway, options.index))) : [];
  const writer = new ExportWriter(options.format, { columns, bom: options.bom === true });
  const sink = new FileSink(options.out);
  let documents = 0;
  let cancelled = false;
  let next: Promise<SearchHit[]> | undefined;
  try {
    await sink.write(writer.start());
    // The next page is asked for before this one is written: the cluster searches while we write.
    next = pager.nextPage();
    while (next) {
      const hits = await next;
      next = undefined;
      if (options.cancelled?.()) {
        cancelled = true;
        break;
      }
      if (!pager.done) next = pager.nextPage();
      let text = '';
      for (const hit of hits) {
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
      documents += hits.length;
      options.onProgress?.(documents, pager.total?.value);
    }
    await sink.write(writer.end());
  } finally {
    // A page still on its way when writing failed is let finish before the point in time is closed.
    await next?.catch(() => undefined);
    await pager.close();
    await sink.close();
  }
  return { documents, cancelled, ...(pager.total ? { total: pager.total.value } : {}) };
}

/** The CSV columns of an index: `_id` and its mapping's fields. */
export async function mappingColumns(gateway: ClusterGateway, index: string): Promise<string[]> {
  const model = readMappingModel(await readIndexMappings(gateway, index));
  return model ? csvColumns(model) : ['_id'];
}
