import type * as vscode from 'vscode';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import { documentUri, isDraftUri } from './documentUris';

/**
 * Documents that do not exist yet ("New Document…", "Duplicate Document"): an editor on the
 * address they will get, under `_create` in the URI so that saving creates (`op_type=create`,
 * which can never overwrite) instead of replacing, and so that its tab is told apart from an
 * open document with the same id.
 */
export class Drafts {
  private readonly createdAt = new Map<string, DocumentAddress>();

  /** The URI of a draft of `address`; its file starts empty and its editor receives the first text. */
  uriFor(address: DocumentAddress): vscode.Uri {
    return documentUri(address, 'create');
  }

  isDraft(uri: vscode.Uri): boolean {
    return isDraftUri(uri);
  }

  /** Records where a draft was created; a data stream answers with its backing index. */
  markCreated(draft: vscode.Uri, address: DocumentAddress): void {
    this.createdAt.set(draft.toString(), address);
  }

  /** The editable document a saved draft became, once. */
  takeCreated(draft: vscode.Uri): vscode.Uri | undefined {
    const address = this.createdAt.get(draft.toString());
    this.createdAt.delete(draft.toString());
    return address && documentUri(address);
  }
}
