import * as vscode from 'vscode';
import { DOCUMENT_SCHEME, documentOfServerVersion, documentUri, SERVER_VERSION_SCHEME } from '../documents/documentUris';
import type { ConflictResolver } from '../documents/conflictResolver';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import type { Pickers } from './pickers';
import { describePath, mergeDocuments } from '../documents/model/threeWayMerge';

export async function openDocument(pickers: Pickers): Promise<void> {
  const index = await pickers.index(undefined, vscode.l10n.t('open a document by id'));
  if (index === undefined) return;
  const address = await pickers.documentAddress(index, vscode.l10n.t('Open Document from {0}', index.index.name));
  if (address) await vscode.window.showTextDocument(documentUri(address), { preview: false });
}

/**
 * A text to propose in a document's editor: `yours` merged into the server's version as if both
 * had been made from `base` (a bulk change's undo: base = what the change wrote, yours = the
 * source before it). The merge lands as an unsaved edit: nothing is written until the user saves.
 */
export interface ProposedMerge {
  readonly base: string;
  readonly yours: string;
}

/** A document an answer holds (a console's hit), opened as the usual editable document: its own GET, its own token. */
export async function openHit(address: DocumentAddress, proposal?: ProposedMerge): Promise<void> {
  const editor = await vscode.window.showTextDocument(documentUri(address), { preview: false });
  if (proposal === undefined) return;
  const server = editor.document.getText();
  const result = mergeDocuments(proposal.base, server, proposal.yours);
  if (!result.clean) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The undo and the later change both changed {0}: the editor shows the later version, unchanged. Edit it by hand, or leave it.', result.conflicts.map(describePath).join(', ')));
    return;
  }
  if (result.text === server) return void vscode.window.showInformationMessage(vscode.l10n.t('The later version already holds what the undo would restore.'));
  const all = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(server.length));
  await editor.edit((edit) => edit.replace(all, result.text));
  void vscode.window.showInformationMessage(vscode.l10n.t('The undo is merged into the later version, unsaved: review it, then save (Ctrl+S) to write it, conditional on that version.'));
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
