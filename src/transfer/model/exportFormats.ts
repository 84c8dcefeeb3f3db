import { stringify } from 'csv-stringify/sync';
import { compactJsonText } from '../../json/jsonText';
import { csvCells } from './csvColumns';

/**
 * The forms an export writes, one document at a time. Every `_source` is its exact text made
 * compact (only the whitespace between tokens goes), so big integers, `1.0`, escapes and key
 * order come out as the cluster holds them; metadata is written with `JSON.stringify`, which
 * only ever sees strings and safe integers.
 */
export type ExportFormat = 'ndjson' | 'bulk' | 'tokens' | 'json' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'bulk', 'tokens', 'json', 'csv'];

/** CSV's columns (see `csvColumns`) and whether the file starts with a byte order mark, for spreadsheets. */
export interface CsvLayout {
  readonly columns: readonly string[];
  readonly bom: boolean;
}

/** RFC 4180: CRLF between records, a field quoted when it holds a quote, a comma or a line break; formulas left as text. */
function csvRecord(cells: readonly string[]): string {
  return stringify([cells], { record_delimiter: 'windows' });
}

export interface ExportedDocument {
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
  readonly seqNo?: number;
  readonly primaryTerm?: number;
  /** The `_source` exactly as received. */
  readonly sourceText: string;
  /** `sourceText` has no whitespace between tokens already. */
  readonly compact?: boolean;
}

/**
 * Writes documents in one format: `start` before the first, `document` for each (its text, with
 * the separator the format needs), `end` after the last. Only the JSON array needs the first/next
 * distinction, which the writer keeps, so memory stays flat.
 */
export class ExportWriter {
  private written: number;

  /** `already`: documents an interrupted export wrote before (its start too), which a resumed one continues after. */
  constructor(
    readonly format: ExportFormat,
    private readonly csv: CsvLayout = { columns: ['_id'], bom: false },
    already = 0,
  ) {
    this.written = already;
  }

  start(): string {
    if (this.format === 'csv') return `${this.csv.bom ? '\uFEFF' : ''}${csvRecord(this.csv.columns)}`;
    return this.format === 'json' ? '[' : '';
  }

  document(document: ExportedDocument): string {
    if (this.format === 'csv') return csvRecord(csvCells(document.sourceText, this.csv.columns, document));
    const source = document.compact ? document.sourceText : compactJsonText(document.sourceText);
    const first = this.written++ === 0;
    switch (this.format) {
      case 'ndjson':
        return `${source}\n`;
      case 'bulk':
        return `${JSON.stringify({ index: address(document) })}\n${source}\n`;
      case 'tokens':
        return `${tokensLine(document, source)}\n`;
      case 'json':
        return `${first ? '\n' : ',\n'}${source}`;
    }
  }

  end(): string {
    if (this.format !== 'json') return '';
    return this.written === 0 ? ']\n' : '\n]\n';
  }
}

function address(document: ExportedDocument): Record<string, string> {
  return { _index: document.index, _id: document.id, ...(document.routing === undefined ? {} : { routing: document.routing }) };
}

/** `{"_index","_id","_routing","_seq_no","_primary_term","_source"}`: the form for offline edits and conditional re-import. */
function tokensLine(document: ExportedDocument, source: string): string {
  const head = JSON.stringify({
    _index: document.index,
    _id: document.id,
    ...(document.routing === undefined ? {} : { _routing: document.routing }),
    ...(document.seqNo === undefined ? {} : { _seq_no: document.seqNo }),
    ...(document.primaryTerm === undefined ? {} : { _primary_term: document.primaryTerm }),
  });
  return `${head.slice(0, -1)},"_source":${source}}`;
}
