import * as vscode from 'vscode';
import { addressFromUriParts, addressToUriParts, uriKindOf, type DocumentAddress, type UriKind } from '../cluster/model/documentAddress';

/** Editable documents. */
export const DOCUMENT_SCHEME = 'esdocs';
/** The server's version of a document, shown read-only on the left of a conflict diff. */
export const SERVER_VERSION_SCHEME = 'esdocs-server';
/** Scratch files of VS Code's merge editor: the common ancestor, the editor's text, the result. */
export const MERGE_SCHEME = 'esdocs-merge';
/**
 * The language of the extension's documents: JSON to the JSON language service and grammar, but a
 * language of its own so that `files.autoSave` can be off for it by default (package.json's
 * `configurationDefaults`): a document is written to the cluster only when the user saves it.
 */
export const DOCUMENT_LANGUAGE = 'esdocs-json';

export function documentUri(address: DocumentAddress, kind: UriKind = 'doc', scheme: string = DOCUMENT_SCHEME): vscode.Uri {
  const { path, query } = addressToUriParts(address, kind);
  return vscode.Uri.from({ scheme, path, query });
}

export function addressOf(uri: vscode.Uri): DocumentAddress {
  return addressFromUriParts({ path: uri.path, query: uri.query });
}

/** A document that does not exist yet: its first save creates it (`op_type=create`). */
export function isDraftUri(uri: vscode.Uri): boolean {
  return uri.scheme === DOCUMENT_SCHEME && uriKindOf({ path: uri.path, query: uri.query }) === 'create';
}

export function serverVersionUri(document: vscode.Uri): vscode.Uri {
  return document.with({ scheme: SERVER_VERSION_SCHEME });
}

/** The editable document whose server version `uri` shows (the inverse of `serverVersionUri`); a document's URI stays as it is. */
export function documentOfServerVersion(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: DOCUMENT_SCHEME });
}

/** The document at a draft's address, as it exists on the cluster: `_doc` instead of `_create`. */
export function existingDocumentUri(draft: vscode.Uri): vscode.Uri {
  return documentUri(addressOf(draft));
}
