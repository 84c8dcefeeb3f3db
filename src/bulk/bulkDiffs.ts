import * as vscode from 'vscode';
import { prettyPrintJson } from '../json/jsonText';
import { Disposable } from '../platform/model/disposable';
import type { Sample } from './changeRunner';

export const BULK_DIFF_SCHEME = 'esdocs-bulk';

/** The read-only texts of a preview's sample diffs: each document before and after the change. */
export class BulkDiffs extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(BULK_DIFF_SCHEME, this));
  }

  /** Opens the samples as one list of changes in VS Code's diff editor. */
  async show(changeSetId: string, title: string, samples: readonly Sample[]): Promise<void> {
    const entries = samples.map((sample, i) => {
      const uri = (side: string): vscode.Uri => vscode.Uri.from({ scheme: BULK_DIFF_SCHEME, path: `/${sample.index}/${sample.id}.json`, query: `${changeSetId}&${i}&${side}` });
      const [before, after] = [uri('before'), uri('after')];
      this.texts.set(before.toString(), prettyPrintJson(sample.before));
      this.texts.set(after.toString(), prettyPrintJson(sample.after));
      return [after, before, after] as const;
    });
    if (entries.length === 0) return;
    await vscode.commands.executeCommand('vscode.changes', title, entries);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
