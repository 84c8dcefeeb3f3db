import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { prettyPrintJson } from '../json/jsonText';
import type { VersionToken } from '../cluster/model/versionToken';
import type { DocumentStore } from '../cluster/documentStore';
import { addressOf, documentOfServerVersion, serverVersionUri } from './documentUris';

export type ServerVersion =
  | { readonly exists: true; readonly text: string; readonly sourceText: string; readonly token: VersionToken }
  | { readonly exists: false };

/**
 * The server's current version of documents in conflict, fetched once and shared by Compare
 * (the read-only left side of the diff) and Overwrite (which writes on top of that version).
 */
export class ServerVersions extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly versions = new Map<string, Promise<ServerVersion>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly documents: DocumentStore) {
    super();
  }

  /** The server's version of an editable document, fetched on first use. */
  get(document: vscode.Uri): Promise<ServerVersion> {
    const key = document.toString();
    let version = this.versions.get(key);
    if (version === undefined) {
      version = this.fetch(document);
      this.versions.set(key, version);
      version.catch(() => this.versions.delete(key));
    }
    return version;
  }

  /** Fetches the server's version now (replacing any fetched before) and keeps it for Compare and Overwrite. */
  refetch(document: vscode.Uri): Promise<ServerVersion> {
    this.forget(document);
    return this.get(document);
  }

  /** Forgets a fetched version, e.g. once the conflict is resolved or another conflict happened. */
  forget(document: vscode.Uri): void {
    // A diff already showing the old server version reads the new one.
    if (this.versions.delete(document.toString())) this.changed.fire(serverVersionUri(document));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const version = await this.get(documentOfServerVersion(uri));
    // Empty rather than a comment, which JSON would report as a problem; the diff's title says
    // that the document was deleted.
    return version.exists ? version.text : '';
  }

  private async fetch(document: vscode.Uri): Promise<ServerVersion> {
    const result = await this.documents.get(addressOf(document));
    return result.found ? { exists: true, text: prettyPrintJson(result.sourceText), sourceText: result.sourceText, token: result.token } : { exists: false };
  }
}
