import * as vscode from 'vscode';
import { DEFAULT_MAX_RESPONSE_MEGABYTES, maxResponseBytesOf, pageSizeOf, refreshPolicyOf, requestTimeoutMsOf, retryOnConflictOf, saveFormatOf, type RefreshPolicy, type SaveFormat } from './model/settingValues';

const SECTION = 'esdocs';

/**
 * The only place that reads the extension's settings, with their types and defaults. Numbers are
 * clamped and rounded (see core/settingValues): a folder's settings are read too.
 */
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
    return pageSizeOf(this.config.get<number>('pageSize', 50));
  }

  get refreshOnSave(): RefreshPolicy {
    return refreshPolicyOf(this.config.get<string | boolean>('refreshOnSave', false));
  }

  /** Whether a save sends the document compact (whitespace between tokens removed) or as typed. */
  get saveFormat(): SaveFormat {
    return saveFormatOf(this.config.get<string>('saveFormat', 'compact'));
  }

  /** Whether auto-saves of the documents are written to the cluster (off: only explicit saves are). */
  get autoSave(): boolean {
    return this.config.get<boolean>('autoSave', false) === true;
  }

  get showHiddenIndices(): boolean {
    return this.config.get<boolean>('showHiddenIndices', false);
  }

  setShowHiddenIndices(value: boolean): Thenable<void> {
    return this.config.update('showHiddenIndices', value, vscode.ConfigurationTarget.Global);
  }

  /** How often Elasticsearch re-applies a partial update when someone wrote in between. */
  get retryOnConflict(): number {
    return retryOnConflictOf(this.config.get<number>('retryOnConflict', 3));
  }

  get requestTimeoutMs(): number {
    return requestTimeoutMsOf(this.config.get<number>('requestTimeoutSeconds', 30));
  }

  /** `esdocs.maxResponseMegabytes`, as bytes: larger answers are not read. */
  get maxResponseBytes(): number {
    return maxResponseBytesOf(this.config.get<number>('maxResponseMegabytes', DEFAULT_MAX_RESPONSE_MEGABYTES));
  }

  /** `esdocs.console.variables`: values of `${NAME}` in consoles (in Restricted Mode, VS Code leaves out the workspace's). */
  get consoleVariables(): Record<string, string> {
    const raw = this.config.get<unknown>('console.variables', {});
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)).map(([name, value]) => [name, String(value)]));
  }

  /** Whether a console asks before a request that deletes or rewrites many documents or whole indices. */
  get confirmDestructive(): boolean {
    return this.config.get<boolean>('console.confirmDestructive', true) !== false;
  }

  /** `esdocs.bulk.*`: a bulk change's batches, its confirmation threshold, the journals kept. */
  get bulk(): { batchSize: number; batchBytes: number; confirmAbove: number; journals: number } {
    const within = (value: number | undefined, fallback: number, min: number, max: number): number =>
      typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
    return {
      batchSize: Math.round(within(this.config.get<number>('bulk.batchSize'), 500, 1, 10_000)),
      batchBytes: Math.round(within(this.config.get<number>('bulk.batchMegabytes'), 5, 0.1, 100) * 1024 * 1024),
      confirmAbove: Math.round(within(this.config.get<number>('bulk.confirmAbove'), 1000, 0, Number.MAX_SAFE_INTEGER)),
      journals: Math.round(within(this.config.get<number>('bulk.journals'), 50, 1, 1000)),
    };
  }

  /** `esdocs.export.slices`: slices of the point in time an export reads in parallel. */
  get exportSlices(): number {
    const value = this.config.get<number>('export.slices');
    return typeof value === 'number' && Number.isFinite(value) ? Math.round(Math.min(32, Math.max(1, value))) : 1;
  }

  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) listener((key) => event.affectsConfiguration(`${SECTION}.${key}`));
    });
  }
}
