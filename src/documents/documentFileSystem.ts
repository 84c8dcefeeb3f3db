import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { ScreenText } from '../cluster/model/clusterErrors';
import { prettyPrintJsonBytes } from '../json/jsonText';
import type { DocumentStore } from '../cluster/documentStore';
import type { BufferBaselines } from './bufferBaselines';
import type { DocumentSaver, SaveOutcome } from './documentSaver';
import type { Drafts } from './drafts';
import { addressOf } from './documentUris';
import type { SaveIntent } from './saveIntent';

/**
 * Documents as virtual files. Every save VS Code makes (Save, Save All, an auto-save) ends in
 * `writeFile`, which hands it to the one write path, `DocumentSaver`. A refused save throws, so
 * VS Code keeps the editor dirty with the user's text. The extension's own Save command writes
 * first and then lets VS Code save (`markWritten`), so that a refusal shows one message, ours.
 */
export class DocumentFileSystem extends Disposable implements vscode.FileSystemProvider {
  private readonly fileChanges = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.fileChanges.event;
  // Stat is answered locally: VS Code stats before every save, and a request there would double
  // the round trips of a save.
  private readonly stats = new Map<string, vscode.FileStat>();
  private clock = 0;
  // Texts the Save command has just written, which VS Code's own save of the editor then finds done.
  private readonly written = new Map<string, string>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly saver: DocumentSaver,
    private readonly baselines: BufferBaselines,
    private readonly intent: SaveIntent,
    private readonly drafts: Drafts,
    /** Redacts text bound for the screen: a cluster's answer may echo a secret. */
    private readonly screen: ScreenText,
  ) {
    super();
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    addressOf(uri);
    return this.stats.get(uri.toString()) ?? { type: vscode.FileType.File, ctime: 0, mtime: 0, size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (this.drafts.isDraft(uri)) return new Uint8Array();
    const address = addressOf(uri);
    const result = await this.documents.getBytes(address).catch((error: unknown) => {
      throw vscode.FileSystemError.Unavailable(this.screen.error(vscode.l10n.t('Opening the document'), error));
    });
    if (!result.found) {
      throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('Document "{0}" was not found in index "{1}".', address.id, address.index));
    }
    // Indented from the bytes received to the bytes the editor reads; decoded once, for the baseline.
    const bytes = prettyPrintJsonBytes(result.sourceBytes);
    // The token moves only if the editor takes this text (see BufferBaselines).
    this.baselines.offer(uri, bytes.toString('utf8'), result.token);
    // The modification time is left alone: VS Code learnt it from the stat just before this
    // read, and a later one would make its next save fail as "modified since".
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const text = Buffer.from(content).toString('utf8');
    const automatic = this.intent.takeIsAutomatic(uri);
    const done = this.written.get(uri.toString());
    this.written.delete(uri.toString());
    if (done === text) return this.touch(uri, content.length);
    const outcome = await this.saver.save(uri, text, automatic);
    if (!outcome.ok) throw asRefusal({ ...outcome, message: this.screen.text(outcome.message) });
    this.touch(uri, content.length);
  }

  /** The Save command wrote `text` already: VS Code's save of the same text only marks the editor saved. */
  markWritten(uri: vscode.Uri, text: string): void {
    this.written.set(uri.toString(), text);
  }

  /** Tells VS Code that a document changed on the server, so editors that are not dirty reload. */
  announceChange(uri: vscode.Uri): void {
    this.touch(uri, this.stat(uri).size);
    this.fileChanges.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Elasticsearch documents have no folders.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Delete documents from the Elasticsearch view.'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Elasticsearch documents cannot be renamed.'));
  }

  private touch(uri: vscode.Uri, size: number): void {
    this.clock = Math.max(this.clock + 1, Date.now());
    this.stats.set(uri.toString(), { type: vscode.FileType.File, ctime: 0, mtime: this.clock, size });
  }
}

function asRefusal(outcome: Exclude<SaveOutcome, { ok: true }>): Error {
  switch (outcome.kind) {
    case 'exists':
      return vscode.FileSystemError.FileExists(outcome.message);
    case 'invalid':
    case 'automatic':
      return vscode.FileSystemError.NoPermissions(outcome.message);
    default:
      return vscode.FileSystemError.Unavailable(outcome.message);
  }
}
