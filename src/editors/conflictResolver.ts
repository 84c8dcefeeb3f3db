import * as vscode from 'vscode';
import { Disposable } from '../core/disposable';
import type { BufferBaselines } from './bufferBaselines';
import type { DocumentSaver, SaveConflict } from './documentSaver';
import { addressOf, existingDocumentUri, serverVersionUri } from './documentUris';
import type { ExplicitSave } from './explicitSave';
import type { MergeFlow } from './mergeFlow';
import type { ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

const CONFLICTED_CONTEXT = 'esdocs.conflictedDocuments';

const ACTIONS: Record<SaveConflict['kind'], string[]> = {
  changed: ['Merge', 'Compare', 'Overwrite', 'Revert'],
  deleted: ['Recreate', 'Compare', 'Discard'],
  exists: ['Compare', 'Open Existing'],
};

/**
 * What happens after a save conflicted: the user sees both versions and chooses. Every choice
 * keeps the user's text until the user discards it, and every write stays conditional. A diff
 * open on the document shows the server's current version after every resolution.
 */
export class ConflictResolver extends Disposable {
  private readonly conflicted = new Set<string>();

  constructor(
    private readonly saver: DocumentSaver,
    private readonly explicitSave: ExplicitSave,
    private readonly serverVersions: ServerVersions,
    private readonly tokens: TokenStore,
    private readonly baselines: BufferBaselines,
    private readonly mergeFlow: MergeFlow,
  ) {
    super();
    // A save that went through ends the conflict, however the text was arrived at.
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.markResolved(document.uri)));
    this.register(saver.onDidConflict((conflict) => void this.onConflict(conflict)));
    this.register(
      saver.onDidFindAlreadySaved((uri) => {
        this.markResolved(uri);
        void vscode.window.showInformationMessage(
          `Saved "${addressOf(uri).id}": the cluster already held exactly this text. An earlier save had reached it, but its answer was lost.`,
        );
      }),
    );
  }

  /** Merges the server's changes into the editor's text; the server version stays for Show Changes. */
  async merge(uri: vscode.Uri): Promise<void> {
    if ((await this.mergeFlow.merge(uri)) === 'merged') this.markResolved(uri);
  }

  async compare(uri: vscode.Uri): Promise<void> {
    const { id } = addressOf(uri);
    const version = await this.serverVersions.get(uri).catch(() => undefined);
    const left = version?.exists === false ? 'deleted on the server' : 'server';
    await vscode.commands.executeCommand('vscode.diff', serverVersionUri(uri), uri, `${id} (${left} ↔ yours)`);
  }

  /** Saves the user's text on top of the server version just fetched; a newer change conflicts again. */
  async overwrite(uri: vscode.Uri): Promise<boolean> {
    const version = await this.serverVersions.get(uri);
    if (version.exists) this.tokens.set(uri, version.token, version.text);
    else this.saver.createOnNextSave(uri);
    // The user chose to write this text on that version, whatever its history.
    this.baselines.rebase(uri);
    this.saver.resolved(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const saved = document.isDirty ? await this.explicitSave.save(document) : await document.save();
    if (saved) {
      this.markResolved(uri);
      this.serverVersions.forget(uri);
    }
    return saved;
  }

  /** Replaces the user's text with the server version; for a deleted document, closes the editor. */
  async revert(uri: vscode.Uri): Promise<void> {
    const version = await this.serverVersions.get(uri).catch(() => undefined);
    if (version?.exists === false) return this.discard(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    this.resolvedBy(uri);
  }

  /** Closes the editor of a document that was deleted on the server, dropping the user's text. */
  async discard(uri: vscode.Uri): Promise<void> {
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    this.resolvedBy(uri);
    // A diff still open on it has nothing left to compare.
    const diffs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
    await vscode.window.tabGroups.close(diffs);
  }

  private resolvedBy(uri: vscode.Uri): void {
    this.saver.resolved(uri);
    this.markResolved(uri);
    this.serverVersions.forget(uri);
  }

  private async onConflict(conflict: SaveConflict): Promise<void> {
    const { uri } = conflict;
    this.conflicted.add(uri.toString());
    this.publishContext();
    // Usually fetched already by the save; fetched once and shared by Compare and Overwrite.
    void this.serverVersions.get(uri).catch(() => undefined);
    const choice = await vscode.window.showWarningMessage(conflict.message, ...ACTIONS[conflict.kind]);
    switch (choice) {
      case 'Merge':
        return this.merge(uri);
      case 'Open Existing':
        this.markResolved(uri);
        await vscode.window.showTextDocument(existingDocumentUri(uri), { preview: false });
        return;
      case 'Compare':
        return this.compare(uri);
      case 'Overwrite':
      case 'Recreate':
        await this.overwrite(uri);
        return;
      case 'Revert':
        return this.revert(uri);
      case 'Discard':
        return this.discard(uri);
    }
  }

  private markResolved(uri: vscode.Uri): void {
    if (this.conflicted.delete(uri.toString())) this.publishContext();
  }

  private publishContext(): void {
    void vscode.commands.executeCommand('setContext', CONFLICTED_CONTEXT, [...this.conflicted]);
  }
}
