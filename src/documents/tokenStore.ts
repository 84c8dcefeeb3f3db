import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { VersionToken } from '../cluster/model/versionToken';
import type { BaseTexts } from './baseTexts';

const STATE_KEY = 'esdocs.versionTokens';

/**
 * The version each open document was read at, kept outside the editable text. It is persisted
 * in workspace state because VS Code restores a dirty editor from its backup after a reload
 * without reading the file again: the save must still be conditional on the version the user
 * edited, not on whatever the server holds by then. With each token goes the text of that version
 * as the editor showed it: the common ancestor of a merge.
 */
export class TokenStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly tokens: Map<string, VersionToken>;
  // Documents the user deleted from the cluster while their editor stayed open.
  private readonly deleted = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly bases: BaseTexts,
  ) {
    super();
    this.tokens = new Map(Object.entries(state.get<Record<string, VersionToken>>(STATE_KEY, {})));
  }

  get(uri: vscode.Uri): VersionToken | undefined {
    return this.tokens.get(uri.toString());
  }

  /** The text the token's version had in the editor, when one is open on it. */
  base(uri: vscode.Uri): Promise<string | undefined> {
    return this.bases.get(uri);
  }

  set(uri: vscode.Uri, token: VersionToken, baseText: string): void {
    this.deleted.delete(uri.toString());
    this.tokens.set(uri.toString(), token);
    this.bases.set(uri, baseText);
    this.persist();
    this.changed.fire(uri);
  }

  /** The document was deleted on the cluster by the user: its editor shows so, and has no version. */
  markDeleted(uri: vscode.Uri): void {
    this.deleted.add(uri.toString());
    this.tokens.delete(uri.toString());
    this.bases.delete(uri);
    this.persist();
    this.changed.fire(uri);
  }

  isDeleted(uri: vscode.Uri): boolean {
    return this.deleted.has(uri.toString());
  }

  delete(uri: vscode.Uri): void {
    this.deleted.delete(uri.toString());
    this.bases.delete(uri);
    if (this.tokens.delete(uri.toString())) {
      this.persist();
      this.changed.fire(uri);
    }
  }

  private persist(): void {
    void this.state.update(STATE_KEY, Object.fromEntries(this.tokens));
  }
}
