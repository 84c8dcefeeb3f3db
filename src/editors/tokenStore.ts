import * as vscode from 'vscode';
import type { VersionToken } from '../core/versionToken';

const STATE_KEY = 'esdocs.versionTokens';

/**
 * The version each open document was read at, kept outside the editable text. It is persisted
 * in workspace state because VS Code restores a dirty editor from its backup after a reload
 * without reading the file again: the save must still be conditional on the version the user
 * edited, not on whatever the server holds by then.
 */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly tokens: Map<string, VersionToken>;

  constructor(private readonly state: vscode.Memento) {
    this.tokens = new Map(Object.entries(state.get<Record<string, VersionToken>>(STATE_KEY, {})));
  }

  get(uri: vscode.Uri): VersionToken | undefined {
    return this.tokens.get(uri.toString());
  }

  set(uri: vscode.Uri, token: VersionToken): void {
    this.tokens.set(uri.toString(), token);
    this.persist();
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    if (this.tokens.delete(uri.toString())) {
      this.persist();
      this.changed.fire(uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private persist(): void {
    void this.state.update(STATE_KEY, Object.fromEntries(this.tokens));
  }
}
