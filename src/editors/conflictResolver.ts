import * as vscode from 'vscode';
import type { DocumentFileSystem, SaveConflict } from './documentFileSystem';
import { addressOf, documentUri, serverVersionUri } from './documentUris';
import type { ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

const CONFLICTED_CONTEXT = 'esdocs.conflictedDocuments';

const ACTIONS: Record<SaveConflict['kind'], string[]> = {
  changed: ['Compare', 'Overwrite', 'Revert'],
  deleted: ['Recreate', 'Compare', 'Discard'],
  exists: ['Compare', 'Open Existing'],
};

/** The editable document of a draft: the same address without the draft mark. */
function editableDocumentUri(uri: vscode.Uri): vscode.Uri {
  return documentUri(addressOf(uri));
}

/**
 * What happens after a save conflicted: the user sees both versions and chooses. Every choice
 * keeps the user's text until the user discards it, and every write stays conditional.
 */
export class ConflictResolver implements vscode.Disposable {
  private readonly conflicted = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly files: DocumentFileSystem,
    private readonly serverVersions: ServerVersions,
    private readonly tokens: TokenStore,
  ) {
    this.subscription = vscode.Disposable.from(
      files.onDidConflict((conflict) => void this.onConflict(conflict)),
      files.onDidFindAlreadySaved((uri) => {
        this.markResolved(uri);
        void vscode.window.showInformationMessage(
          `Saved "${addressOf(uri).id}": the cluster already held exactly this text. An earlier save had reached it, but its answer was lost.`,
        );
      }),
    );
  }

  async compare(uri: vscode.Uri): Promise<void> {
    const { id } = addressOf(uri);
    await vscode.commands.executeCommand('vscode.diff', serverVersionUri(uri), uri, `${id} (server ↔ yours)`);
  }

  /** Saves the user's text on top of the server version just fetched; a newer change conflicts again. */
  async overwrite(uri: vscode.Uri): Promise<boolean> {
    const version = await this.serverVersions.get(uri);
    if (version.exists) this.tokens.set(uri, version.token);
    else this.files.createOnNextSave(uri);
    this.markResolved(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return document.save();
  }

  /** Replaces the user's text with the server version. */
  async revert(uri: vscode.Uri): Promise<void> {
    this.markResolved(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }

  /** Closes the editor of a document that was deleted on the server, dropping the user's text. */
  async discard(uri: vscode.Uri): Promise<void> {
    this.markResolved(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async onConflict(conflict: SaveConflict): Promise<void> {
    const { uri } = conflict;
    this.conflicted.add(uri.toString());
    this.publishContext();
    // Usually fetched already by the save; fetched once and shared by Compare and Overwrite.
    void this.serverVersions.get(uri).catch(() => undefined);
    const choice = await vscode.window.showWarningMessage(conflict.message, ...ACTIONS[conflict.kind]);
    switch (choice) {
      case 'Open Existing':
        this.markResolved(uri);
        await vscode.window.showTextDocument(editableDocumentUri(uri), { preview: false });
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
