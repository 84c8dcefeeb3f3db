import * as vscode from 'vscode';
import { describeToken } from '../core/versionToken';
import { addressOf, DOCUMENT_SCHEME } from './documentUris';
import type { TokenStore } from './tokenStore';

/** Shows the version the active document was read or last saved at, e.g. `seq 6 · term 1 · v3`. */
export class TokenStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('esdocs.version', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly tokens: TokenStore) {
    this.item.name = 'Elasticsearch Document Version';
    this.item.tooltip = 'The _seq_no, _primary_term and _version your next save is conditioned on';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      tokens.onDidChange(() => this.update()),
    ];
    this.update();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const token = uri?.scheme === DOCUMENT_SCHEME ? this.tokens.get(uri) : undefined;
    if (uri === undefined || token === undefined) {
      this.item.hide();
      return;
    }
    // Elasticsearch takes only new documents on a data stream: edits go to the backing index.
    const backing = addressOf(uri).index.startsWith('.ds-') ? ' · data stream backing index' : '';
    this.item.text = `$(database) ${describeToken(token)}${backing}`;
    this.item.show();
  }
}
