import * as vscode from 'vscode';
import { ClusterError } from '../cluster/model/clusterErrors';
import { addressFromUriParts } from '../cluster/model/documentAddress';

/** Where a command's failure goes: a notification in words, and a line of the log. */
export interface FailureReport {
  /** Redacts and words whatever an action threw, e.g. `Redactor.error`. */
  readonly describe: (action: string, error: unknown) => string;
  readonly log: (line: string) => void;
}

/**
 * The one error handler around every command: a failure becomes a plain notification and a log
 * line, never VS Code's modal "command resulted in an error" with a raw URI.
 */
export function runSafely<A extends unknown[]>(id: string, handler: (...args: A) => unknown, report: FailureReport): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const action = actionOf(id);
      const message = error instanceof ClusterError ? report.describe(action, error) : report.describe(action, new Error(plainMessage(error)));
      // The log stays in English (support reads it); the notification is the localised text.
      report.log(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}

/** `esdocs.openDocument` → "Open document": words derived from the command id, not a localised title. */
function actionOf(id: string): string {
  const words = id.replace(/^esdocs\./, '').replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * VS Code wraps a file system provider's message when it cannot open a document ("cannot open
 * esdocs:/… Detail: …"); the detail is ours, in words. Document URIs left in a message are
 * replaced by the document they name.
 */
export function plainMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const detail = /Detail:\s*([\s\S]+)$/.exec(raw)?.[1]?.trim() ?? raw;
  return detail.replace(/\besdocs(?:-server)?:\/[^\s'"]+/g, (uri) => {
    try {
      const parsed = vscode.Uri.parse(uri);
      const address = addressFromUriParts({ path: parsed.path, query: parsed.query });
      return vscode.l10n.t('"{0}" in {1}', address.id, address.index);
    } catch {
      return vscode.l10n.t('the document');
    }
  });
}
