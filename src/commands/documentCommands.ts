import * as vscode from 'vscode';
import { DOCUMENT_SCHEME, documentOfServerVersion, documentUri, SERVER_VERSION_SCHEME } from '../documents/documentUris';
import type { ConflictResolver } from '../documents/conflictResolver';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import type { Pickers } from './pickers';

export async function openDocument(pickers: Pickers): Promise<void> {
  const index = await pickers.index(undefined, vscode.l10n.t('open a document by id'));
  if (index === undefined) return;
  const address = await pickers.documentAddress(index, vscode.l10n.t('Open Document from {0}', index.index.name));
  if (address) await vscode.window.showTextDocument(documentUri(address), { preview: false });
}

/** A document an answer holds (a console's hit), opened as the usual editable document: its own GET, its own token. */
export async function openHit(address: DocumentAddress): Promise<void> {
  await vscode.window.showTextDocument(documentUri(address), { preview: false });
}

/** The document a conflict command acts on: its argument from a menu, else the active editor. */
export function conflictTarget(argument: unknown): vscode.Uri | undefined {
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (uri === undefined || (uri.scheme !== DOCUMENT_SCHEME && uri.scheme !== SERVER_VERSION_SCHEME)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an Elasticsearch document first.'));
    return undefined;
  }
  return documentOfServerVersion(uri);
}

export function conflictCommands(resolver: ConflictResolver): Record<'merge' | 'compare' | 'overwrite' | 'revert', (argument?: unknown) => Promise<unknown>> {
  const run = (action: (uri: vscode.Uri) => Promise<unknown>) => async (argument?: unknown) => {
    const uri = conflictTarget(argument);
    return uri && action(uri);
  };
  return {
    merge: run((uri) => resolver.merge(uri)),
    compare: run((uri) => resolver.compare(uri)),
    overwrite: run((uri) => resolver.overwrite(uri)),
    revert: run((uri) => resolver.revert(uri)),
  };
}
