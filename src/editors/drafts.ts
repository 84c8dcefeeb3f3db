import * as vscode from 'vscode';
import type { DocumentAddress } from '../core/documentAddress';
import { addressOf, documentUri } from './documentUris';

const DRAFT_PARAM = 'create';

/**
 * Documents that do not exist yet ("New Document…", "Duplicate Document"): an editor on the
 * address they will get, marked in the URI so that saving creates (`op_type=create`, which can
 * never overwrite) instead of replacing. Their first text is held here until it is saved.
 */
export class Drafts {
  private readonly initialTexts = new Map<string, string>();
  private readonly createdAt = new Map<string, DocumentAddress>();

  open(address: DocumentAddress, initialText: string): vscode.Uri {
    const base = documentUri(address);
    const query = new URLSearchParams(base.query);
    query.set(DRAFT_PARAM, '1');
    const uri = base.with({ query: query.toString() });
    this.initialTexts.set(uri.toString(), initialText);
    return uri;
  }

  isDraft(uri: vscode.Uri): boolean {
    return new URLSearchParams(uri.query).get(DRAFT_PARAM) === '1';
  }

  initialText(uri: vscode.Uri): string {
    return this.initialTexts.get(uri.toString()) ?? '{\n}\n';
  }

  /** Records where a draft was created; a data stream answers with its backing index. */
  markCreated(draft: vscode.Uri, address: DocumentAddress): void {
    this.initialTexts.delete(draft.toString());
    this.createdAt.set(draft.toString(), address);
  }

  /** The editable document a saved draft became, once. */
  takeCreated(draft: vscode.Uri): vscode.Uri | undefined {
    const address = this.createdAt.get(draft.toString());
    this.createdAt.delete(draft.toString());
    return address && documentUri(address);
  }

  addressOf(draft: vscode.Uri): DocumentAddress {
    return addressOf(draft);
  }
}
