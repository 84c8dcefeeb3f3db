import * as vscode from 'vscode';
import { ClusterError, describeFailure, type ClusterFailure } from '../core/clusterErrors';
import { describeConflict, readConflictReason } from '../core/conflicts';
import { checkDocumentText, describeProblem, prettyPrintJson } from '../core/jsonText';
import type { Settings } from '../config/settings';
import type { DocumentStore } from '../elastic/documentStore';
import type { Drafts } from './drafts';
import { addressOf, documentUri } from './documentUris';
import type { ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

export interface SaveConflict {
  readonly uri: vscode.Uri;
  readonly message: string;
  /** changed: someone wrote; deleted: someone deleted; exists: a new document's id is taken. */
  readonly kind: 'changed' | 'deleted' | 'exists';
}


/**
 * Documents as virtual files. Save, Save All and auto-save all end in `writeFile`, which makes
 * exactly one conditional write. A failed write throws, so VS Code keeps the editor dirty with
 * the user's text; a conflict is also announced through `onDidConflict` for the resolution flow.
 */
export class DocumentFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly fileChanges = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.fileChanges.event;
  private readonly conflicts = new vscode.EventEmitter<SaveConflict>();
  readonly onDidConflict = this.conflicts.event;
  // Stat is answered locally: VS Code stats before every save, and a request there would double
  // the round trips of a save.
  private readonly stats = new Map<string, vscode.FileStat>();
  private clock = 0;
  private readonly pendingCreates = new Set<string>();

  private readonly alreadySaved = new vscode.EventEmitter<vscode.Uri>();
  /** A save whose conflict was the user's own earlier write, applied but unanswered. */
  readonly onDidFindAlreadySaved = this.alreadySaved.event;

  constructor(
    private readonly documents: DocumentStore,
    private readonly tokens: TokenStore,
    private readonly settings: Settings,
    private readonly serverVersions: ServerVersions,
    private readonly drafts: Drafts,
  ) {}

  stat(uri: vscode.Uri): vscode.FileStat {
    addressOf(uri);
    return this.stats.get(uri.toString()) ?? { type: vscode.FileType.File, ctime: 0, mtime: 0, size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (this.drafts.isDraft(uri)) return new Uint8Array();
    const address = addressOf(uri);
    const result = await this.documents.get(address).catch((error: unknown) => {
      throw asFileSystemError(error, 'Opening the document');
    });
    if (!result.found) {
      throw vscode.FileSystemError.FileNotFound(`Document "${address.id}" was not found in index "${address.index}".`);
    }
    this.tokens.set(uri, result.token);
    // The modification time is left alone: VS Code learnt it from the stat just before this
    // read, and a later one would make its next save fail as "modified since".
    return Buffer.from(prettyPrintJson(result.sourceText), 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const address = addressOf(uri);
    const text = Buffer.from(content).toString('utf8');
    const check = checkDocumentText(text);
    if (!check.ok) throw vscode.FileSystemError.NoPermissions(`Not saved: ${describeProblem(check)}. Nothing was sent to the cluster.`);
    if (this.drafts.isDraft(uri)) return this.createDraft(uri, text, content.length);
    if (this.pendingCreates.delete(uri.toString())) return this.recreate(uri, text, content.length);
    const token = this.tokens.get(uri);
    if (token === undefined) {
      const message = 'Not saved: the version this text was based on is unknown, so the save could overwrite someone else\'s change. Compare with the server version first.';
      this.conflicts.fire({ uri, message, kind: 'changed' });
      throw vscode.FileSystemError.Unavailable(message);
    }
    try {
      const result = await this.documents.replace(address, text, token, this.settings.refreshOnSave);
      this.tokens.set(uri, result.token);
      this.touch(uri, content.length);
    } catch (error) {
      if (error instanceof ClusterError && error.failure.kind === 'conflict') {
        if (await this.serverHoldsText(uri, text)) return;
        const details = readConflictReason(error.failure.reason);
        const message = describeConflict(details, token.seqNo);
        this.conflicts.fire({ uri, message, kind: details.documentMissing ? 'deleted' : 'changed' });
        const choices = details.documentMissing ? 'Recreate, Compare or Discard' : 'Compare, Overwrite or Revert';
        throw vscode.FileSystemError.Unavailable(`Not saved: ${message} Your text is kept; choose ${choices}.`);
      }
      throw asFileSystemError(error, 'Saving', true);
    }
  }

  /** Makes the next save of `uri` create the document (it was deleted on the server) rather than replace it. */
  createOnNextSave(uri: vscode.Uri): void {
    this.pendingCreates.add(uri.toString());
  }

  private async recreate(uri: vscode.Uri, text: string, size: number): Promise<void> {
    try {
      const result = await this.documents.create(addressOf(uri), text, this.settings.refreshOnSave);
      this.tokens.set(uri, result.token);
      this.touch(uri, size);
    } catch (error) {
      if (error instanceof ClusterError && error.failure.kind === 'conflict') {
        if (await this.serverHoldsText(uri, text)) return;
        const message = 'The document was created again on the server by someone else.';
        this.conflicts.fire({ uri, message, kind: 'changed' });
        throw vscode.FileSystemError.Unavailable(`Not saved: ${message} Your text is kept; choose Compare, Overwrite or Revert.`);
      }
      throw asFileSystemError(error, 'Recreating the document');
    }
  }

  private async createDraft(uri: vscode.Uri, text: string, size: number): Promise<void> {
    const address = addressOf(uri);
    try {
      const result = await this.documents.create(address, text, this.settings.refreshOnSave);
      const created = { ...address, index: result.index ?? address.index };
      this.drafts.markCreated(uri, created);
      this.touch(uri, size);
      this.tokens.set(documentUri(created), result.token);
    } catch (error) {
      if (error instanceof ClusterError && error.failure.kind === 'conflict') {
        const message = `A document with the id "${address.id}" already exists in ${address.index}.`;
        this.conflicts.fire({ uri, message, kind: 'exists' });
        throw vscode.FileSystemError.FileExists(`Not created: ${message} Your text is kept; Compare shows the existing document.`);
      }
      throw asFileSystemError(error, 'Creating the document');
    }
  }

  /**
   * After a 409, whether the server already holds exactly the text being saved: the user's own
   * earlier write whose answer was lost. Then the save has in fact happened; nothing is written
   * again. The fetched version also serves the conflict flow, so a conflict costs one read.
   */
  private async serverHoldsText(uri: vscode.Uri, text: string): Promise<boolean> {
    this.serverVersions.forget(uri);
    const version = await this.serverVersions.fetchRaw(uri).catch(() => undefined);
    // Whitespace around the object is not part of the document; everything inside must match.
    if (!version?.exists || version.sourceText.trim() !== text.trim()) return false;
    this.tokens.set(uri, version.token);
    this.touch(uri, Buffer.byteLength(text));
    this.alreadySaved.fire(uri);
    return true;
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
    throw vscode.FileSystemError.NoPermissions('Elasticsearch documents have no folders.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete documents from the Elasticsearch view.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Elasticsearch documents cannot be renamed.');
  }

  dispose(): void {
    this.fileChanges.dispose();
    this.conflicts.dispose();
    this.alreadySaved.dispose();
  }

  private touch(uri: vscode.Uri, size: number): void {
    this.clock = Math.max(this.clock + 1, Date.now());
    this.stats.set(uri.toString(), { type: vscode.FileType.File, ctime: 0, mtime: this.clock, size });
  }
}

export function asFileSystemError(error: unknown, action: string, write = false): Error {
  if (error instanceof vscode.FileSystemError) return error;
  const failure: ClusterFailure = error instanceof ClusterError ? error.failure : { kind: 'malformed', reason: error instanceof Error ? error.message : String(error) };
  return vscode.FileSystemError.Unavailable(describeFailure(action, failure, write));
}
