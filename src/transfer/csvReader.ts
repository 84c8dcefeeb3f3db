import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse';
import * as l10n from '@vscode/l10n';
import { validateJson } from '../json/jsonValidate';
import { csvSource, ID_COLUMN, ROUTING_COLUMN, type EmptyCells } from './model/csvColumns';
import { generatedId, type ImportItem } from './model/importReader';

export interface CsvReadOptions {
  /** The column that holds each document's id; `_id` when the header has it, else ids are generated. */
  readonly idColumn?: string;
  readonly empty: EmptyCells;
  /** The target mapping's field types by path (empty when the index is new). */
  readonly types: ReadonlyMap<string, string>;
}

/**
 * The documents of a CSV file (RFC 4180, a header row, `.gz` too) read as a stream through
 * `csv-parse`. A record that breaks the format (an unclosed quote, a wrong number of cells) is
 * a malformed item with its line; the others become sources as `csvSource` builds them.
 */
export async function* csvItems(file: string, fileName: string, options: CsvReadOptions): AsyncGenerator<ImportItem> {
  const input = fs.createReadStream(file);
  const parser = parse({ bom: true, info: true, raw: true, skip_empty_lines: true, skip_records_with_error: true });
  const skipped: ImportItem[] = [];
  parser.on('skip', (error: Error & { lines?: number; raw?: string }) => {
    const raw = error.raw ?? '';
    skipped.push({ kind: 'malformed', line: startLine(error.lines ?? 0, raw), reason: error.message, original: withoutBreak(raw) });
  });
  (file.endsWith('.gz') ? input.pipe(zlib.createGunzip()) : input).pipe(parser);
  let header: string[] | undefined;
  let idAt = -1;
  let routingAt = -1;
  for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    yield* skipped.splice(0);
    const line = startLine(row.info.lines, row.raw);
    if (header === undefined) {
      header = row.record;
      idAt = header.indexOf(options.idColumn ?? ID_COLUMN);
      routingAt = header.indexOf(ROUTING_COLUMN);
      if (options.idColumn !== undefined && idAt < 0) throw new Error(l10n.t('the CSV header has no column {0}', options.idColumn));
      continue;
    }
    const raw = withoutBreak(row.raw);
    const given = idAt >= 0 ? row.record[idAt] : '';
    const routing = routingAt >= 0 ? row.record[routingAt] : '';
    // The id column is the id, and stays in the source unless it is the `_id` column itself.
    const columns = header.map((column, i) => (i === idAt && column === ID_COLUMN ? '' : column));
    yield {
      kind: 'document',
      line,
      id: given || generatedId(fileName, line, raw),
      generated: given === '',
      ...(routing ? { routing } : {}),
      source: csvSource(columns, row.record, options.types, options.empty, (text) => validateJson(text).problem === undefined),
      original: raw,
    };
  }
  yield* skipped.splice(0);
}

/** csv-parse counts lines up to a record's end; a report names the line it starts on. */
function startLine(endLine: number, raw: string): number {
  let breaks = 0;
  for (const char of raw) if (char === '\n') breaks++;
  return Math.max(1, endLine - breaks);
}

function withoutBreak(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, '');
}
