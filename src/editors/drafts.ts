import * as vscode from 'vscode';
import type { DocumentAddress } from '../core/documentAddress';
import { documentUri } from './documentUris';

const DRAFT_MARK = 'create=1';

/**
 * Documents that do not exist yet ("New Document…", "Duplicate Document"): an editor on the
 * address they will get, marked in the URI so that saving creates (`op_type=create`, which can
 * never overwrite) instead of replacing.
 */
export class Drafts {
  private readonly createdAt = new Map<string, DocumentAddress>();

  /** The URI of a draft of `address`; its file starts empty and its editor receives the first text. */
  open(address: DocumentAddress): vscode.Uri {
    const base = documentUri(address);
    return base.with({ query: base.query === '' ? DRAFT_MARK : `${base.query}&${DRAFT_MARK}` });
  }

  isDraft(uri: vscode.Uri): boolean {
    return uri.query.split('&').includes(DRAFT_MARK);
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
