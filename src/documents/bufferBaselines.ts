import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { TextLineage } from '../json/textLineage';
import type { VersionToken } from '../cluster/model/versionToken';
import { DOCUMENT_SCHEME } from './documentUris';
import type { TokenStore } from './tokenStore';

interface Offer {
  readonly text: string;
  readonly token: VersionToken;
}

/**
 * Decides when an editor's version token moves. VS Code reads a file for many reasons ("Compare
 * Active File with Saved", its own save-conflict compare, another extension's `fs.readFile`), and
 * only some of them put the text into the user's buffer. So a read of an open document only
 * *offers* its version; the token moves when the buffer actually holds that text, clean (open,
 * revert, reload of a clean editor), or after the user's own successful write. Every other read
 * leaves it alone. It also follows undo: text brought back from before the server's text was
 * taken is never saved on the newer token (see `TextLineage`).
 */
export class BufferBaselines extends Disposable {
  private readonly offers = new Map<string, Offer>();
  private readonly lineages = new Map<string, TextLineage>();

  constructor(private readonly tokens: TokenStore) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.opened(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.offers.delete(document.uri.toString());
        this.lineages.delete(document.uri.toString());
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.opened(document);
  }

  /** A read of the server's version; `text` is what the read returned to VS Code. */
  offer(uri: vscode.Uri, text: string, token: VersionToken): void {
    this.offers.set(uri.toString(), { text, token });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // Not open: this read is the one opening it (a read for any other reason is harmless, since
    // opening reads again).
    if (open === undefined) this.tokens.set(uri, token, text);
    else if (!open.isDirty && open.getText() === text) this.adopt(open);
  }

  /** The user's own write of `text` landed at `token`. */
  wrote(uri: vscode.Uri, token: VersionToken, text: string): void {
    this.offers.delete(uri.toString());
    this.tokens.set(uri, token, text);
  }

  /**
   * The user chose to write the editor's current text on top of a server version (Overwrite,
   * Recreate): from now on that text counts as based on it.
   */
  rebase(uri: vscode.Uri): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) this.lineages.set(uri.toString(), new TextLineage(document.getText()));
  }

  /** False when undo brought back text from before the version the token names. */
  descendsFromToken(uri: vscode.Uri): boolean {
    return this.lineages.get(uri.toString())?.unknown !== true;
  }

  private opened(document: vscode.TextDocument): void {
    if (document.uri.scheme !== DOCUMENT_SCHEME) return;
    const offer = this.offers.get(document.uri.toString());
    if (offer && document.getText() === offer.text) this.adopt(document);
    else this.lineages.set(document.uri.toString(), new TextLineage(document.getText()));
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (document.uri.scheme !== DOCUMENT_SCHEME) return;
    const key = document.uri.toString();
    const offer = this.offers.get(key);
    // Revert and reload put the read text into the buffer and leave it clean.
    if (offer && !document.isDirty && document.getText() === offer.text) {
      this.adopt(document);
      return;
    }
    if (event.contentChanges.length === 0) return;
    const lineage = this.lineages.get(key) ?? new TextLineage('');
    this.lineages.set(key, lineage);
    const undoing = event.reason === vscode.TextDocumentChangeReason.Undo || event.reason === vscode.TextDocumentChangeReason.Redo;
    if (undoing) lineage.restored(document.getText());
    else lineage.edited(document.getText());
  }

  private adopt(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const offer = this.offers.get(key);
    if (offer === undefined) return;
    this.offers.delete(key);
    this.tokens.set(document.uri, offer.token, offer.text);
    this.lineages.set(key, new TextLineage(document.getText()));
  }
}
