import * as vscode from 'vscode';
import { checkDocumentText, describeProblem } from '../json/jsonText';
import { describePath, mergeDocuments } from './model/threeWayMerge';
import type { BufferBaselines } from './bufferBaselines';
import type { DocumentSaver } from './documentSaver';
import { addressOf, serverVersionUri } from './documentUris';
import type { ExplicitSave } from './explicitSave';
import type { MergeScratch } from './mergeScratch';
import type { ServerVersion, ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

/** merged: the editor holds the merged text; merging: the merge editor is open; none: nothing changed. */
export type MergeOutcome = 'merged' | 'merging' | 'none';

const CONFLICT_MARKERS = (server: string, yours: string): string => `<<<<<<< Server\n${server}=======\n${yours}\n>>>>>>> Yours\n`;

/**
 * Merge with the server version: the text the editor was based on, the server's current version
 * and the editor's text, merged by key path (`mergeDocuments`). Changes that don't overlap land
 * in the editor as one undoable edit, based on that server version, for the user to review and
 * save; overlapping ones open VS Code's merge editor. Merging itself never writes to the cluster.
 */
export class MergeFlow {
  constructor(
    private readonly tokens: TokenStore,
    private readonly serverVersions: ServerVersions,
    private readonly baselines: BufferBaselines,
    private readonly saver: DocumentSaver,
    private readonly explicitSave: ExplicitSave,
    private readonly scratch: MergeScratch,
  ) {}

  async merge(uri: vscode.Uri): Promise<MergeOutcome> {
    const document = await vscode.workspace.openTextDocument(uri);
    const yours = document.getText();
    const check = checkDocumentText(yours);
    if (!check.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot merge: your text is not a valid document ({0}). Fix it first.', describeProblem(check)));
      return 'none';
    }
    if (!this.baselines.descendsFromToken(uri)) {
      // Merged against the newer base, the older text would look like an edit undoing the server's changes.
      void vscode.window.showWarningMessage(vscode.l10n.t('This text came back by Undo from before the server version you reloaded, so it cannot be merged safely. Compare shows both versions.'));
      return 'none';
    }
    const [base, version] = await Promise.all([this.tokens.base(uri), this.serverVersions.refetch(uri)]);
    if (!version.exists) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This document was deleted on the server: there is nothing to merge with. Save to recreate it, or Compare.'));
      return 'none';
    }
    if (base === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The version your text was based on is not known here, so it cannot be merged. Compare shows both versions.'));
      return 'none';
    }
    const result = mergeDocuments(base, version.text, yours);
    if (result.clean) {
      await this.replaceText(document, result.text, version);
      void this.announceMerged(uri, result.serverChanges);
      return 'merged';
    }
    const paths = result.conflicts.map(describePath).join(', ');
    if (!(await vscode.commands.getCommands(false)).includes('_open.mergeEditor')) {
      await vscode.commands.executeCommand('vscode.diff', serverVersionUri(uri), uri, vscode.l10n.t('{0} (server ↔ yours)', addressOf(uri).id));
      void vscode.window.showWarningMessage(vscode.l10n.t('Both you and the server changed {0}: edit your text on the right, then save.', paths));
      return 'none';
    }
    await this.openMergeEditor(uri, base, version, yours);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Both you and the server changed {0}. Resolve it in the merge editor, then Complete Merge (Ctrl+Enter): nothing is written to the cluster before that.', paths),
    );
    return 'merging';
  }

  private async openMergeEditor(uri: vscode.Uri, base: string, version: Extract<ServerVersion, { exists: true }>, yours: string): Promise<void> {
    // Conflict markers make the merge editor start its result from the base and the changes that
    // don't overlap, as it does for a file git could not merge.
    const files = this.scratch.begin(uri, { base, yours, result: CONFLICT_MARKERS(version.text, yours) }, async (text) => {
      const document = await vscode.workspace.openTextDocument(uri);
      await this.replaceText(document, text, version);
      await this.explicitSave.save(document);
    });
    await vscode.commands.executeCommand('_open.mergeEditor', {
      base: files.base,
      input1: { uri: serverVersionUri(uri), title: vscode.l10n.t('Server (seq {0})', version.token.seqNo) },
      input2: { uri: files.yours, title: vscode.l10n.t('Yours') },
      output: files.result,
    });
  }

  /**
   * Puts the merged text into the editor as one undoable edit, now based on the server version
   * it merged. Undo brings the user's own text back, which then counts as older than that
   * version: saving it conflicts rather than erasing what the merge took from the server.
   */
  private async replaceText(document: vscode.TextDocument, text: string, version: Extract<ServerVersion, { exists: true }>): Promise<void> {
    if (document.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The merged text could not be put into the editor.'));
    }
    this.tokens.set(document.uri, version.token, version.text);
    this.baselines.rebase(document.uri);
    this.saver.resolved(document.uri);
  }

  private async announceMerged(uri: vscode.Uri, serverChanges: number): Promise<void> {
    const message =
      serverChanges === 1
        ? vscode.l10n.t('Merged: 1 change from the server kept. Review and save (Ctrl+S).')
        : vscode.l10n.t('Merged: {0} changes from the server kept. Review and save (Ctrl+S).', serverChanges);
    const showChanges = vscode.l10n.t('Show Changes');
    const choice = await vscode.window.showInformationMessage(message, showChanges);
    if (choice === showChanges) {
      await vscode.commands.executeCommand('vscode.diff', serverVersionUri(uri), uri, vscode.l10n.t('{0} (server ↔ merged)', addressOf(uri).id));
    }
  }
}
