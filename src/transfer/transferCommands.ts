import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GatewayPool } from '../cluster/gatewayPool';
import { exportDocuments, exportQuery, mappingColumns, type ExportResult } from './exporter';
import { continues, type ExportCheckpoint } from './model/exportCheckpoint';
import { importDocuments, isCsv, previewImport, type ImportResult } from './importer';
import type { EmptyCells } from './model/csvColumns';
import type { ImportMode } from './model/bulkImport';
import type { ExportFormat } from './model/exportFormats';
import { progressKey, resumes, type ImportProgress } from './model/importProgress';
import { progressText } from './model/progressText';
import { reportJson, summaryLine } from './model/importReport';
import { ProgressRecords } from './progressRecords';
import { indexExists, type NewIndexMapping } from './newIndex';
import { createForImport } from './newIndexPrompt';
import { listIndices } from '../cluster/indexCatalog';

/** The index an export reads or an import writes, and the filter the tree shows it with. */
export interface TransferTarget {
  readonly connectionId: string;
  readonly index: string;
  readonly queryString?: string;
}

/** `executeCommand('esdocs.exportDocuments', …)`: what is given is not asked. */
export interface ExportRequest extends TransferTarget {
  readonly format?: ExportFormat;
  /** The file to write (a path); `.gz` gzips. */
  readonly file?: string;
  /** A Query DSL query as JSON text. */
  readonly query?: string;
  /** CSV: the columns, in order (default: `_id` and every field of the mapping). */
  readonly columns?: readonly string[];
  /** CSV: start with a byte order mark (for spreadsheets). */
  readonly bom?: boolean;
  /** Slices read in parallel (default: the `esdocs.export.slices` setting). */
  readonly slices?: number;
  /** Continue an export of the same file that stopped within the last minutes, without asking (false: start over). */
  readonly resume?: boolean;
}

/** `executeCommand('esdocs.importDocuments', …)`: what is given is not asked. */
export interface ImportRequest extends TransferTarget {
  readonly file?: string;
  readonly mode?: ImportMode;
  /** Continue an interrupted import of the same file without asking (false: start over). */
  readonly resume?: boolean;
  /** CSV: what empty cells become (asked when not given). */
  readonly empty?: EmptyCells;
  /** CSV: the column holding the ids (default `_id` when the header has it). */
  readonly idColumn?: string;
  /** Create the index first, with this mapping (when it does not exist, how is asked). */
  readonly create?: NewIndexMapping;
}

/** The formats offered, worded when asked for (not when the extension loads). */
const formats = (): ReadonlyArray<{ format: ExportFormat; extension: string; label: string; detail: string }> => [
  { format: 'ndjson', extension: '.ndjson', label: vscode.l10n.t('NDJSON, sources'), detail: vscode.l10n.t('One _source per line, exactly as stored') },
  { format: 'tokens', extension: '.ndjson', label: vscode.l10n.t('NDJSON with tokens'), detail: vscode.l10n.t('_index, _id, _routing, _seq_no, _primary_term and _source: edit offline, import back conditionally') },
  { format: 'bulk', extension: '.ndjson', label: vscode.l10n.t('NDJSON, bulk'), detail: vscode.l10n.t('An action line and a source line per document, ready for _bulk') },
  { format: 'json', extension: '.json', label: vscode.l10n.t('JSON array'), detail: vscode.l10n.t('The sources as one array, for small sets') },
  { format: 'csv', extension: '.csv', label: vscode.l10n.t('CSV'), detail: vscode.l10n.t('_id and the fields of the mapping, chosen and in order; arrays and objects as JSON text') },
];

/**
 * Export Documents… and Import Documents…: the exporter and the importer with VS Code's dialogs,
 * a cancellable progress notification, and the import's progress records and rejected lines kept
 * in the extension's storage.
 */
export class TransferCommands {
  private readonly records: ProgressRecords<ImportProgress>;
  private readonly checkpoints: ProgressRecords<ExportCheckpoint>;

  constructor(
    private readonly gateways: GatewayPool,
    private readonly storageFolder: string,
    private readonly slices: () => number = () => 1,
  ) {
    this.records = new ProgressRecords(path.join(storageFolder, 'imports'));
    this.checkpoints = new ProgressRecords(path.join(storageFolder, 'exports'));
  }

  async exportDocuments(request: ExportRequest): Promise<ExportResult | undefined> {
    const format = request.format ?? (await vscode.window.showQuickPick(formats().map((item) => ({ ...item })), { title: vscode.l10n.t('Export {0}: format', describe(request)), ignoreFocusOut: true }))?.format;
    if (format === undefined) return undefined;
    const extension = formats().find((item) => item.format === format)?.extension ?? '.ndjson';
    const file = request.file ?? (await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export {0} to', describe(request)), defaultUri: defaultFolder(`${request.index}${extension}`), saveLabel: vscode.l10n.t('Export') }))?.fsPath;
    if (file === undefined) return undefined;
    const gateway = this.gateways.get(request.connectionId);
    const csv = format === 'csv' ? await this.csvLayout(request, await mappingColumns(gateway, request.index)) : undefined;
    if (format === 'csv' && csv === undefined) return undefined;
    const resume = await this.resumable(request, file, format);
    if (resume === null) return undefined;
    const started = performance.now();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', describe(request)), cancellable: true }, (progress, cancel) =>
      exportDocuments(gateway, {
        index: request.index, format, out: file, ...(csv ?? {}), slices: request.slices ?? this.slices(),
        ...(request.queryString ? { queryString: request.queryString } : {}), ...(request.query ? { query: request.query } : {}),
        ...(resume ? { resume } : {}), connection: request.connectionId, onCheckpoint: (checkpoint) => this.checkpoints.write(checkpoint),
        cancelled: () => cancel.isCancellationRequested,
        onProgress: (done, total) => progress.report({ message: progressText(done, total, performance.now() - started) }),
      }),
    );
    if (result.cancelled) {
      const deleteFile = vscode.l10n.t('Delete the File');
      const later = result.resumable ? vscode.l10n.t(' Exporting it to the same file again within 5 minutes continues it.') : '';
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Export stopped: the first {0} documents are in {1}.', result.documents.toLocaleString(), path.basename(file)) + later, vscode.l10n.t('Keep the File'), deleteFile);
      if (choice === deleteFile) {
        fs.rmSync(file, { force: true });
        this.checkpoints.remove(file, request.connectionId, request.index);
      }
      return result;
    }
    this.checkpoints.remove(file, request.connectionId, request.index);
    const open = vscode.l10n.t('Open File');
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} documents of {1} to {2}.', result.documents.toLocaleString(), request.index, path.basename(file)), open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(file));
    });
    return result;
  }

  /**
   * The checkpoint of an export of the same file that stopped within the point in time's life:
   * continued when the caller says `resume: true` or the user chooses Resume; undefined to start
   * over; null when the user left.
   */
  private async resumable(request: ExportRequest, file: string, format: ExportFormat): Promise<ExportCheckpoint | undefined | null> {
    const earlier = this.checkpoints.read(file, request.connectionId, request.index);
    const wanted = { file, connection: request.connectionId, index: request.index, format, query: exportQuery(request) };
    if (earlier === undefined || request.resume === false || !continues(earlier, wanted, Date.now()) || !fs.existsSync(file)) return undefined;
    if (request.resume === true) return earlier;
    const resume = vscode.l10n.t('Resume');
    const over = vscode.l10n.t('Start Over');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('An export of {0} to {1} stopped after {2} documents.', request.index, path.basename(file), earlier.documents.toLocaleString()), { modal: true, detail: vscode.l10n.t('Resume continues on the same snapshot, which is kept a few minutes after the last read.') }, resume, over);
    return choice === resume ? earlier : choice === over ? undefined : null;
  }

  async importDocuments(request: ImportRequest): Promise<ImportResult | undefined> {
    const file = request.file ?? (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Import into {0} from', request.index), defaultUri: defaultFolder(''), canSelectMany: false, filters: { [vscode.l10n.t('NDJSON, JSON or CSV')]: ['ndjson', 'jsonl', 'json', 'csv', 'gz'], [vscode.l10n.t('All files')]: ['*'] }, openLabel: vscode.l10n.t('Import') }))?.[0]?.fsPath;
    if (file === undefined) return undefined;
    const preview = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0}', path.basename(file)) }, () => previewImport(file, request.idColumn ? { idColumn: request.idColumn } : undefined));
    if (preview.documents === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} holds no document to import ({1} malformed lines).', path.basename(file), preview.malformed));
      return undefined;
    }
    const stat = fs.statSync(file);
    const earlier = this.records.read(file, request.connectionId, request.index);
    let resumeFrom = earlier && resumes(earlier, { path: file, size: stat.size, mtimeMs: stat.mtimeMs }, request.connectionId, request.index) ? earlier : undefined;
    if (resumeFrom && request.resume === undefined) {
      const resume = vscode.l10n.t('Resume');
      const over = vscode.l10n.t('Start Over');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('An import of {0} into {1} stopped after line {2}.', path.basename(file), request.index, resumeFrom.lastLine), { modal: true }, resume, over);
      if (choice === undefined) return undefined;
      if (choice === over) resumeFrom = undefined;
    } else if (request.resume === false) {
      resumeFrom = undefined;
    }
    const malformed = preview.malformed === 0 ? '' : vscode.l10n.t(' · {0} malformed (line {1})', preview.malformed, preview.malformedLines.slice(0, 5).map((entry) => entry.line).join(', '));
    const counted = vscode.l10n.t('{0} documents from {1}{2}', preview.documents.toLocaleString(), path.basename(file), malformed);
    const gateway = this.gateways.get(request.connectionId);
    // An index that does not exist yet is created first (how: asked, or the caller's `create`); its documents are then created.
    const fresh = !resumeFrom && (request.create !== undefined || !(await indexExists(gateway, request.index)));
    const mode = resumeFrom?.mode ?? request.mode ?? (fresh ? 'create' : await this.chooseMode(request, counted, preview.form === 'tokens'));
    if (mode === undefined) return undefined;
    const empty = isCsv(file) ? (resumeFrom?.empty ?? request.empty ?? (await chooseEmptyCells())) : 'missing';
    if (empty === undefined) return undefined;
    const csv = { empty, ...(request.idColumn ? { idColumn: request.idColumn } : {}) };
    if (fresh && !(await createForImport(gateway, request.index, file, request.create, async () => (await listIndices(gateway, false)).map((index) => index.name), csv))) return undefined;
    const rejectsFile = path.join(this.storageFolder, 'imports', `${progressKey(file, request.connectionId, request.index)}.rejects.ndjson`);
    fs.mkdirSync(path.dirname(rejectsFile), { recursive: true });
    const rejects = fs.createWriteStream(rejectsFile, { flags: resumeFrom ? 'a' : 'w' });
    let result: ImportResult;
    const started = performance.now();
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing into {0}', request.index), cancellable: true }, (progress, cancel) =>
        importDocuments(gateway, {
          index: request.index, file, mode, csv,
          ...(resumeFrom ? { resumeAfterLine: resumeFrom.lastLine, report: resumeFrom.report } : {}),
          cancelled: () => cancel.isCancellationRequested,
          onRejected: (original) => void rejects.write(`${original}\n`),
          onAcknowledged: (lastLine, report) => {
            this.records.write({ file, size: stat.size, mtimeMs: stat.mtimeMs, index: request.index, connection: request.connectionId, mode, empty, lastLine, report });
            const done = report.created.count + report.updated.count + report.conflicts.count + report.existed.count + report.refused.count;
            progress.report({ message: `${progressText(done, preview.documents, performance.now() - started)} · ${summaryLine(report)}` });
          },
        }),
      );
    } finally {
      await new Promise((resolve) => rejects.end(resolve));
    }
    if (!result.cancelled) this.records.remove(file, request.connectionId, request.index);
    void this.showReport(result, request.index, rejectsFile);
    return result;
  }

  /** CSV's columns (all of the mapping's, unticked ones left out) and the byte order mark, asked unless given. */
  private async csvLayout(request: ExportRequest, available: readonly string[]): Promise<{ columns: readonly string[]; bom: boolean } | undefined> {
    let columns = request.columns;
    if (columns === undefined) {
      const picked = await vscode.window.showQuickPick(available.map((column) => ({ label: column, picked: true })), { title: vscode.l10n.t('Export {0}: the columns of the CSV file', describe(request)), canPickMany: true, ignoreFocusOut: true });
      if (picked === undefined || picked.length === 0) return undefined;
      const chosen = new Set(picked.map((item) => item.label));
      columns = available.filter((column) => chosen.has(column));
    }
    if (request.bom !== undefined) return { columns, bom: request.bom };
    const withBom = { label: vscode.l10n.t('UTF-8 for spreadsheets'), detail: vscode.l10n.t('Starts with a byte order mark, by which Excel reads the file as UTF-8'), bom: true };
    const plain = { label: vscode.l10n.t('UTF-8'), detail: vscode.l10n.t('No byte order mark, for other programs'), bom: false };
    const encoding = await vscode.window.showQuickPick([withBom, plain], { title: vscode.l10n.t('Export {0}: encoding', describe(request)), ignoreFocusOut: true });
    return encoding && { columns, bom: encoding.bom };
  }

  private async chooseMode(target: TransferTarget, counted: string, hasTokens: boolean): Promise<ImportMode | undefined> {
    const items: Array<vscode.QuickPickItem & { mode: ImportMode }> = [
      { mode: 'create', label: vscode.l10n.t('Create only'), detail: vscode.l10n.t('A document whose id exists is never touched: it is reported') },
      { mode: 'conditional', label: vscode.l10n.t('Conditional update'), detail: hasTokens ? vscode.l10n.t('Each document is written only if unchanged on the server since the export; one changed is reported as a conflict') : vscode.l10n.t('Needs a file exported with tokens; documents without one are created only') },
      { mode: 'overwrite', label: vscode.l10n.t('Overwrite'), detail: vscode.l10n.t('Replaces any document with the same id, whatever it holds now') },
    ];
    if (hasTokens) items.unshift(...items.splice(1, 1));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Import into {0}: {1}', target.index, counted), ignoreFocusOut: true });
    if (picked?.mode !== 'overwrite') return picked?.mode;
    const overwrite = vscode.l10n.t('Overwrite');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Overwrite documents of {0}?', target.index), { modal: true, detail: vscode.l10n.t('{0}. Each document with the same id is replaced, whatever it holds now.', counted) }, overwrite);
    return choice === overwrite ? 'overwrite' : undefined;
  }

  private async showReport(result: ImportResult, index: string, rejectsFile: string): Promise<void> {
    const { report } = result;
    const showReport = vscode.l10n.t('Show Report');
    const showRejected = vscode.l10n.t('Open the Lines Not Imported');
    const rejected = report.conflicts.count + report.existed.count + report.refused.count + report.malformed.count;
    const text = result.cancelled
      ? vscode.l10n.t('Import into {0} stopped after line {1}: {2}. Import the same file again to resume.', index, result.lastLine.toLocaleString(), summaryLine(report))
      : vscode.l10n.t('Imported into {0}: {1}.', index, summaryLine(report));
    const show = rejected > 0 ? vscode.window.showWarningMessage(text, showReport, showRejected) : vscode.window.showInformationMessage(text, showReport);
    const choice = await show;
    if (choice === showRejected) await vscode.window.showTextDocument(vscode.Uri.file(rejectsFile));
    if (choice === showReport) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(JSON.parse(reportJson(report)), null, 2) }));
  }
}

async function chooseEmptyCells(): Promise<EmptyCells | undefined> {
  const items: Array<vscode.QuickPickItem & { empty: EmptyCells }> = [
    { empty: 'missing', label: vscode.l10n.t('Leave empty cells out'), detail: vscode.l10n.t('A document has no field where its cell is empty') },
    { empty: 'null', label: vscode.l10n.t('Empty cells are null'), detail: vscode.l10n.t('A document has the field, set to null, where its cell is empty') },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Import CSV: empty cells'), ignoreFocusOut: true }))?.empty;
}

function describe(target: ExportRequest): string {
  return target.queryString ? `${target.index} · ${target.queryString}` : target.index;
}

function defaultFolder(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && (name ? vscode.Uri.joinPath(folder, name) : folder);
}
