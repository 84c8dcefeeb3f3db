import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { Settings } from '../platform/settings';
import { DOCUMENT_LANGUAGE, DOCUMENT_SCHEME } from './documentUris';

/**
 * Auto-save and the cluster. The extension's language has `files.autoSave: off` by default
 * (package.json's `configurationDefaults`), so VS Code never auto-saves a document of a cluster
 * while the user has auto-save on for files. Turning `esdocs.autoSave` on writes the user's auto-save
 * mode for that language (and turning it off removes it again); even then, text that does not parse
 * is not sent (`files.autoSaveWhenNoErrors` is on for the language) and every write stays conditional.
 */
export class AutoSavePolicy extends Disposable {
  private told = false;

  constructor(private readonly settings: Settings) {
    super();
    this.register(
      settings.onDidChange((affects) => {
        if (affects('autoSave')) void this.applyToLanguage();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!this.told && event.document.isDirty && this.notAutoSaved(event.document)) this.tellOnce();
      }),
    );
  }

  /** Whether VS Code would have auto-saved this document, were it a file, and does not. */
  notAutoSaved(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== DOCUMENT_SCHEME || this.settings.autoSave) return false;
    const general = vscode.workspace.getConfiguration('files').get<string>('autoSave', 'off');
    const forDocument = vscode.workspace.getConfiguration('files', document).get<string>('autoSave', 'off');
    return general !== 'off' && forDocument === 'off';
  }

  private tellOnce(): void {
    this.told = true;
    vscode.window.setStatusBarMessage(`$(info) ${vscode.l10n.t('Elasticsearch documents are not auto-saved: Ctrl+S writes your changes to the cluster.')}`, 15000);
  }

  private async applyToLanguage(): Promise<void> {
    const files = vscode.workspace.getConfiguration('files', { languageId: DOCUMENT_LANGUAGE });
    if (this.settings.autoSave) {
      const general = vscode.workspace.getConfiguration('files').get<string>('autoSave', 'off');
      await files.update('autoSave', general === 'off' ? 'afterDelay' : general, vscode.ConfigurationTarget.Global, true);
    } else {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  }
}
