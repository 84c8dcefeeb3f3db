import * as vscode from 'vscode';
import type { DocumentFileSystem } from './documentFileSystem';
import type { DocumentSaver } from './documentSaver';
import { DOCUMENT_SCHEME } from './documentUris';

/**
 * Ctrl+S on an extension document, and the actions that save (Overwrite, Recreate). The text is
 * written first; only then is VS Code asked to save the editor, which finds it written and marks
 * it saved. A refused save so never reaches VS Code's own "Failed to save" message: the user sees
 * one notification, ours, with the choices that fit.
 */
export class ExplicitSave {
  constructor(
    private readonly files: DocumentFileSystem,
    private readonly saver: DocumentSaver,
    private readonly showError: (message: string) => void,
  ) {}

  /** The extension document the Save command is for: the active editor's, or the editable side of a diff. */
  static target(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.uri.scheme === DOCUMENT_SCHEME) return active;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const uri = input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
    return uri?.scheme === DOCUMENT_SCHEME ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
  }

  async save(document: vscode.TextDocument): Promise<boolean> {
    if (!document.isDirty) return true;
    const text = document.getText();
    const outcome = await this.saver.save(document.uri, text, false);
    if (!outcome.ok) {
      // Conflicts are announced by the conflict flow, with their choices.
      if (outcome.kind !== 'conflict' && outcome.kind !== 'exists') this.showError(outcome.message);
      return false;
    }
    this.files.markWritten(document.uri, text);
    return document.save();
  }
}
