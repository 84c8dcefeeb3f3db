import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { DOCUMENT_SCHEME, MERGE_SCHEME } from './documentUris';

/**
 * Why VS Code is saving a document. `onWillSaveTextDocument` tells the reason (Manual,
 * AfterDelay, FocusOut) just before the save reaches `writeFile`, which is told nothing; the
 * reason is kept until that write takes it. Auto-save is off by default for the extension's
 * language, so an automatic save arrives here only if the user asked for it (`esdocs.autoSave`)
 * or changed the editor's language: then this is the check that still refuses it.
 */
export class SaveIntent extends Disposable {
  private readonly reasons = new Map<string, vscode.TextDocumentSaveReason>();

  constructor() {
    super();
    this.register(
      vscode.workspace.onWillSaveTextDocument((event) => {
        const { scheme } = event.document.uri;
        if (scheme === DOCUMENT_SCHEME || scheme === MERGE_SCHEME) this.reasons.set(event.document.uri.toString(), event.reason);
      }),
    );
  }

  /**
   * Whether the save now reaching `writeFile` is an automatic one. A save without the event
   * (Save without Formatting skips save participants; another extension's `fs.writeFile`) is
   * not automatic: VS Code always announces its auto-saves.
   */
  takeIsAutomatic(uri: vscode.Uri): boolean {
    const reason = this.reasons.get(uri.toString());
    this.reasons.delete(uri.toString());
    return reason !== undefined && reason !== vscode.TextDocumentSaveReason.Manual;
  }

}
