import * as vscode from 'vscode';
import { addressFromUriParts, addressToUriParts, type DocumentAddress } from '../core/documentAddress';

/** Editable documents. */
export const DOCUMENT_SCHEME = 'esdocs';
/** The server's version of a document, shown read-only on the left of a conflict diff. */
export const SERVER_VERSION_SCHEME = 'esdocs-server';

export function documentUri(address: DocumentAddress, scheme: string = DOCUMENT_SCHEME): vscode.Uri {
  const { path, query } = addressToUriParts(address);
  return vscode.Uri.from({ scheme, path, query });
}

export function addressOf(uri: vscode.Uri): DocumentAddress {
  return addressFromUriParts({ path: uri.path, query: uri.query });
}

export function serverVersionUri(document: vscode.Uri): vscode.Uri {
  return document.with({ scheme: SERVER_VERSION_SCHEME });
}

export function editableUri(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: DOCUMENT_SCHEME });
}
