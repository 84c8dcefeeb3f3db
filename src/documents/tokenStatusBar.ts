import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { describeToken } from '../cluster/model/versionToken';
import { addressOf, DOCUMENT_SCHEME } from './documentUris';
import type { TokenStore } from './tokenStore';

/**
 * Shows the version the active document was read or last saved at, e.g. `seq 6 · term 1 · v3`;
 * a click shows the details and Compare with Server. While the editor has unsaved changes that
 * auto-save would have written elsewhere, it says that they are not auto-saved.
 */
export class TokenStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('esdocs.version', vscode.StatusBarAlignment.Right, 100));
  // The item changes with typing only when the editor becomes dirty or clean.
  private shownDirty: boolean | undefined;

  constructor(
    private readonly tokens: TokenStore,
    private readonly notAutoSaved: (document: vscode.TextDocument) => boolean,
    command: string,
  ) {
    super();
    this.item.name = vscode.l10n.t('Elasticsearch Document Version');
    this.item.command = command;
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document && event.document.isDirty !== this.shownDirty) this.update();
      }),
    );
    this.register(tokens.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    this.shownDirty = document?.isDirty;
    const uri = document?.uri;
    if (document === undefined || uri?.scheme !== DOCUMENT_SCHEME) {
      this.item.hide();
      return;
    }
    const token = this.tokens.get(uri);
    if (this.tokens.isDeleted(uri)) {
      this.item.text = `$(trash) ${vscode.l10n.t('deleted from the cluster')}`;
      this.item.tooltip = vscode.l10n.t('You deleted this document. Saving the editor creates it again.');
      this.item.show();
      return;
    }
    if (token === undefined) {
      this.item.hide();
      return;
    }
    // Elasticsearch takes only new documents on a data stream: edits go to the backing index.
    const backing = addressOf(uri).index.startsWith('.ds-') ? ` · ${vscode.l10n.t('data stream backing index')}` : '';
    const unsaved = document.isDirty && this.notAutoSaved(document);
    this.item.text = `$(database) ${describeToken(token)}${backing}${unsaved ? ` · ${vscode.l10n.t('not auto-saved')}` : ''}`;
    this.item.tooltip = unsaved
      ? vscode.l10n.t('Elasticsearch documents are not auto-saved: your changes reach the cluster when you save (Ctrl+S). Click for the version details.')
      : vscode.l10n.t('The _seq_no, _primary_term and _version your next save is conditioned on. Click for details.');
    this.item.show();
  }
}
