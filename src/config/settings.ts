import * as vscode from 'vscode';
import type { RefreshPolicy } from '../elastic/documentStore';

const SECTION = 'esdocs';

/** The only place that reads the extension's settings, with their types and defaults. */
export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  /** As written; read into connections by `connectionFromSetting`. In Restricted Mode, VS Code leaves out workspace values. */
  get connections(): unknown[] {
    const raw = this.config.get<unknown>('connections', []);
    return Array.isArray(raw) ? raw : [];
  }

  get pageSize(): number {
    const size = this.config.get<number>('pageSize', 50);
    return Number.isInteger(size) && size > 0 ? Math.min(size, 10000) : 50;
  }

  get refreshOnSave(): RefreshPolicy {
    const value = this.config.get<string | boolean>('refreshOnSave', false);
    return value === true || value === 'true' ? 'true' : value === 'wait_for' ? 'wait_for' : 'false';
  }

  get showHiddenIndices(): boolean {
    return this.config.get<boolean>('showHiddenIndices', false);
  }

  setShowHiddenIndices(value: boolean): Thenable<void> {
    return this.config.update('showHiddenIndices', value, vscode.ConfigurationTarget.Global);
  }

  /** How often Elasticsearch re-applies a partial update when someone wrote in between. */
  get retryOnConflict(): number {
    const retries = this.config.get<number>('retryOnConflict', 3);
    return Number.isInteger(retries) && retries >= 0 ? retries : 3;
  }

  get requestTimeoutMs(): number {
    const seconds = this.config.get<number>('requestTimeoutSeconds', 30);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
  }

  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) listener((key) => event.affectsConfiguration(`${SECTION}.${key}`));
    });
  }
}
