import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { BufferBaselines } from './bufferBaselines';
import type { DocumentSaver, SaveConflict } from './documentSaver';
import { addressOf, existingDocumentUri, serverVersionUri } from './documentUris';
import type { ExplicitSave } from './explicitSave';
import type { MergeFlow } from './mergeFlow';
import type { ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

const CONFLICTED_CONTEXT = 'esdocs.conflictedDocuments';

type ConflictAction = 'merge' | 'compare' | 'overwrite' | 'revert' | 'recreate' | 'discard' | 'openExisting';

const ACTIONS: Record<SaveConflict['kind'], ConflictAction[]> = {
  changed: ['merge', 'compare', 'overwrite', 'revert'],
  deleted: ['recreate', 'compare', 'discard'],
  exists: ['compare', 'openExisting'],
};

/** The button of a conflict notification; the user's choice is matched against the same translated text. */
function actionLabel(action: ConflictAction): string {
  const comment = ['a button of the notification shown when a save conflicts with a change on the server'];
  switch (action) {
    case 'merge':
      return vscode.l10n.t({ message: 'Merge', comment });
    case 'compare':
      return vscode.l10n.t({ message: 'Compare', comment });
    case 'overwrite':
      return vscode.l10n.t({ message: 'Overwrite', comment });
    case 'revert':
      return vscode.l10n.t({ message: 'Revert', comment });
    case 'recreate':
      return vscode.l10n.t({ message: 'Recreate', comment });
    case 'discard':
      return vscode.l10n.t({ message: 'Discard', comment });
    case 'openExisting':
      return vscode.l10n.t({ message: 'Open Existing', comment });
  }
}

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
          vscode.l10n.t('Saved "{0}": the cluster already held exactly this text. An earlier save had reached it, but its answer was lost.', addressOf(uri).id),
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
    const title = version?.exists === false ? vscode.l10n.t('{0} (deleted on the server ↔ yours)', id) : vscode.l10n.t('{0} (server ↔ yours)', id);
    await vscode.commands.executeCommand('vscode.diff', serverVersionUri(uri), uri, title);
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
    const buttons = ACTIONS[conflict.kind].map((action) => ({ action, label: actionLabel(action) }));
    const choice = await vscode.window.showWarningMessage(conflict.message, ...buttons.map((button) => button.label));
    switch (buttons.find((button) => button.label === choice)?.action) {
      case 'merge':
        return this.merge(uri);
      case 'openExisting':
        this.markResolved(uri);
        await vscode.window.showTextDocument(existingDocumentUri(uri), { preview: false });
        return;
      case 'compare':
        return this.compare(uri);
      case 'overwrite':
      case 'recreate':
        await this.overwrite(uri);
        return;
      case 'revert':
        return this.revert(uri);
      case 'discard':
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
