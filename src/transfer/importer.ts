import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { encodePathSegment, type ClusterGateway } from '../cluster/clusterGateway';
import { ClusterError, failureFromResponse } from '../cluster/model/clusterErrors';
import { readMappingModel } from '../mapping/model/mappingModel';
import { csvItems, type CsvReadOptions } from './csvReader';
import { fileLines } from './fileSink';
import type { EmptyCells } from './model/csvColumns';
import { bulkLines, readBulkOutcomes, type ImportMode } from './model/bulkImport';
import { jsonArrayElements } from './model/jsonArrayElements';
import { detectForm, ImportReader, type ImportDocument, type ImportForm, type ImportItem } from './model/importReader';
import { emptyReport, record, type ImportReport } from './model/importReport';

export interface ImportOptions {
  readonly index: string;
  readonly file: string;
  readonly mode: ImportMode;
  /** A `.csv` file: its id column and what its empty cells become. */
  readonly csv?: CsvImportOptions;
  /** Documents per `_bulk` request (default 500). */
  readonly batchDocuments?: number;
  /** Bytes per `_bulk` request (default 5 MiB); a bigger document goes alone. */
  readonly batchBytes?: number;
  /** Lines up to this one were imported before (Resume): they are read, not sent. */
  readonly resumeAfterLine?: number;
  /** The report of the run being resumed, which this one carries on. */
  readonly report?: ImportReport;
  /** Every line up to `line` is done: the progress record moves on. */
  readonly onAcknowledged?: (line: number, report: ImportReport) => void | Promise<void>;
  /** The original lines of each document not written (conflict, existed, refused, malformed), as they were in the file. */
  readonly onRejected?: (original: string) => void | Promise<void>;
  /** Asked between batches: true stops the import after the batch in flight. */
  readonly cancelled?: () => boolean;
  /** Waits before a 429 is sent again; a test makes it instant. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface CsvImportOptions {
  readonly idColumn?: string;
  readonly empty?: EmptyCells;
}

/** What a file is read as: one of the three NDJSON forms, a JSON array, or CSV. */
export type FileForm = ImportForm | 'json' | 'csv';

export interface ImportResult {
  readonly form: FileForm;
  readonly report: ImportReport;
  /** The last line read (and, unless cancelled or failed, done). */
  readonly lastLine: number;
  readonly cancelled: boolean;
}

const MAX_ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 250;

/**
 * Imports a file (NDJSON in any of the export's three forms, or a JSON array; `.gz` too) into an
 * index through `_bulk`, in batches by count and bytes. Every item is written as the mode says:
 * create-only never touches an existing document, conditional writes carry the exported token.
 * A 429 item was not applied and is sent again with backoff (its condition still guards it);
 * nothing else is resent. The file is read as a stream: memory holds one batch.
 */
export async function importDocuments(gateway: ClusterGateway, options: ImportOptions): Promise<ImportResult> {
  if (gateway.readOnly) throw new ClusterError({ kind: 'readOnly', reason: l10n.t('the connection is read-only') });
  const report = options.report ?? emptyReport();
  const sender = new BatchSender(gateway, options, report);
  const found: { form: FileForm } = { form: 'ndjson' };
  const csv = isCsv(options.file) ? { ...options.csv, empty: options.csv?.empty ?? 'missing', types: await fieldTypes(gateway, options.index) } : undefined;
  let lastLine = 0;
  let cancelled = false;
  for await (const item of readItems(options.file, found, csv)) {
    lastLine = item.line;
    if (item.line <= (options.resumeAfterLine ?? 0)) continue;
    if (item.kind === 'malformed') {
      record(report, 'malformed', { line: item.line, reason: item.reason });
      await options.onRejected?.(item.original);
      continue;
    }
    // Made once per document: its size decides the batch, and the text is what is sent (again, on a 429).
    const lines = bulkLines(item, options.mode);
    if (sender.wouldOverflow(lines)) {
      await sender.flush();
      if (options.cancelled?.()) {
        cancelled = true;
        break;
      }
    }
    sender.add(item, lines);
  }
  if (!cancelled) await sender.flush();
  // What was imported is searchable when the import says it is done (one request, not one per batch).
  if (sender.sentAny) await gateway.send({ method: 'POST', path: `/${encodePathSegment(options.index)}/_refresh` });
  return { form: found.form, report, lastLine: cancelled ? sender.acknowledged : lastLine, cancelled };
}

export interface ImportPreview {
  readonly form: FileForm;
  readonly documents: number;
  readonly malformed: number;
  /** The first malformed lines, with why. */
  readonly malformedLines: ReadonlyArray<{ readonly line: number; readonly reason: string }>;
}

/** What an import of `file` would send, read through once before anything is: documents and malformed lines. */
export async function previewImport(file: string, csv?: CsvImportOptions): Promise<ImportPreview> {
  const found: { form: FileForm } = { form: 'ndjson' };
  let documents = 0;
  let malformed = 0;
  const malformedLines: Array<{ line: number; reason: string }> = [];
  const csvRead = isCsv(file) ? { ...csv, empty: csv?.empty ?? 'missing', types: new Map<string, string>() } : undefined;
  for await (const item of readItems(file, found, csvRead)) {
    if (item.kind === 'document') {
      documents++;
    } else {
      malformed++;
      if (malformedLines.length < 100) malformedLines.push({ line: item.line, reason: item.reason });
    }
  }
  return { form: found.form, documents, malformed, malformedLines };
}

/** The sources of the file's first `limit` documents (a new index's mapping is inferred from them). */
export async function sampleSources(file: string, limit: number, csv?: CsvImportOptions): Promise<string[]> {
  const sources: string[] = [];
  const csvRead = isCsv(file) ? { ...csv, empty: csv?.empty ?? 'missing', types: new Map<string, string>() } : undefined;
  for await (const item of readItems(file, { form: 'ndjson' }, csvRead)) {
    if (item.kind !== 'document') continue;
    sources.push(item.source);
    if (sources.length >= limit) break;
  }
  return sources;
}

/**
 * The file's items, in order, read in one pass; `found.form` is set at the first line that holds
 * something. NDJSON is read line by line; a JSON array is gathered whole (the form is for small sets).
 */
async function* readItems(file: string, found: { form: FileForm }, csv: CsvReadOptions | undefined): AsyncGenerator<ImportItem> {
  const name = path.basename(file);
  if (csv) {
    found.form = 'csv';
    yield* csvItems(file, name, csv);
    return;
  }
  let reader: ImportReader | undefined;
  let arrayText: string | undefined;
  let number = 0;
  for await (const line of fileLines(file)) {
    number++;
    if (arrayText !== undefined) {
      arrayText += `\n${line}`;
      continue;
    }
    if (reader === undefined) {
      if (line.trim() === '') continue;
      if (line.trimStart().startsWith('[')) {
        found.form = 'json';
        // Blank lines before it keep the elements' line numbers right.
        arrayText = '\n'.repeat(number - 1) + line;
        continue;
      }
      found.form = detectForm(line);
      reader = new ImportReader(found.form, name);
    }
    yield* reader.line(number, line);
  }
  if (reader) yield* reader.end();
  if (arrayText === undefined) return;
  const sources = new ImportReader('ndjson', name);
  for (const element of jsonArrayElements(arrayText)) {
    if (element.kind === 'malformed') yield element;
    else yield* sources.line(element.line, element.text);
  }
}

/** CSV is told by its name (`.csv`, `.csv.gz`): its content could read as anything. */
export function isCsv(file: string): boolean {
  return /\.csv(\.gz)?$/i.test(file);
}

/** The target's field types by path, which type CSV cells; none for an index that does not exist yet. */
async function fieldTypes(gateway: ClusterGateway, index: string): Promise<Map<string, string>> {
  const answer = await gateway.send({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` });
  const model = answer.status === 200 ? readMappingModel(JSON.parse(answer.text) as unknown) : undefined;
  return new Map([...(model?.fields.values() ?? [])].map((field) => [field.path, field.type]));
}

/** Collects documents into a `_bulk` body and sends it, retrying only what the cluster did not apply for load (429). */
/** A document of a batch with its two `_bulk` lines. */
interface Queued {
  readonly document: ImportDocument;
  readonly lines: string;
}

class BatchSender {
  private documents: Queued[] = [];
  private bytes = 0;
  /** Every line up to this one is done. */
  acknowledged = 0;
  sentAny = false;

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly options: ImportOptions,
    private readonly report: ImportReport,
  ) {}

  wouldOverflow(lines: string): boolean {
    if (this.documents.length === 0) return false;
    return this.documents.length >= (this.options.batchDocuments ?? 500) || this.bytes + lines.length > (this.options.batchBytes ?? 5 * 1024 * 1024);
  }

  add(document: ImportDocument, lines: string): void {
    this.documents.push({ document, lines });
    this.bytes += lines.length;
  }

  async flush(): Promise<void> {
    if (this.documents.length === 0) return;
    let pending = this.documents;
    this.documents = [];
    this.bytes = 0;
    const lastLine = pending[pending.length - 1].document.line;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await (this.options.sleep ?? delay)(FIRST_BACKOFF_MS * 2 ** (attempt - 2));
      const retry = await this.send(pending, attempt === MAX_ATTEMPTS);
      pending = retry;
    }
    this.acknowledged = lastLine;
    await this.options.onAcknowledged?.(lastLine, this.report);
  }

  /** One `_bulk` request; the documents to send again (429), unless this was the last attempt. */
  private async send(queued: readonly Queued[], last: boolean): Promise<Queued[]> {
    const { mode } = this.options;
    const body = queued.map((entry) => entry.lines).join('');
    const documents = queued.map((entry) => entry.document);
    this.sentAny = true;
    const answer = await this.gateway.send({ method: 'POST', path: `/${encodePathSegment(this.options.index)}/_bulk`, body, contentType: 'application/x-ndjson' });
    // The whole request refused for load: nothing of it was applied.
    if (answer.status === 429 && !last) return [...queued];
    if (answer.status >= 300) throw new ClusterError(failureFromResponse(answer.status, answer.text));
    const outcomes = readBulkOutcomes(answer.text, documents, mode);
    const retry: Queued[] = [];
    for (let i = 0; i < documents.length; i++) {
      const document = documents[i];
      const outcome = outcomes[i];
      const entry = { line: document.line, id: document.id };
      if (outcome.kind === 'retry' && !last) {
        retry.push(queued[i]);
        continue;
      }
      if (outcome.kind === 'created' || outcome.kind === 'updated' || outcome.kind === 'existed') record(this.report, outcome.kind, entry);
      else if (outcome.kind === 'conflict') record(this.report, 'conflicts', { ...entry, reason: outcome.reason });
      else if (outcome.kind === 'refused') record(this.report, 'refused', { ...entry, reason: outcome.reason });
      else record(this.report, 'refused', { ...entry, reason: l10n.t('too many requests, after {0} attempts', MAX_ATTEMPTS) });
      if (outcome.kind !== 'created' && outcome.kind !== 'updated') await this.options.onRejected?.(document.original);
    }
    return retry;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
