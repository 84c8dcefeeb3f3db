import * as vscode from 'vscode';

const HISTORY_KEY = 'esdocs.console.history';
const LIMIT = 500;

export interface HistoryEntry {
  readonly method: string;
  /** As written in the console (variables not resolved). */
  readonly path: string;
  /** The body as written, comments included; absent without one. */
  readonly body?: string;
  readonly connection: string;
  readonly status: number;
  /** When it was sent, as an ISO date. */
  readonly time: string;
}

/**
 * The requests sent from consoles, newest first, kept per workspace (the last 500). What is kept
 * is what the user wrote, passed through the redactor first: no credential is ever stored.
 */
export class ConsoleHistory {
  constructor(
    private readonly state: vscode.Memento,
    private readonly redact: (text: string) => string,
  ) {}

  entries(): readonly HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(HISTORY_KEY, []);
  }

  async record(entry: HistoryEntry): Promise<void> {
    const kept: HistoryEntry = { ...entry, path: this.redact(entry.path), ...(entry.body === undefined ? {} : { body: this.redact(entry.body) }) };
    await this.state.update(HISTORY_KEY, [kept, ...this.entries()].slice(0, LIMIT));
  }

  /** Picks an earlier request and inserts it at the cursor of the active console (or in a new one). */
  async pickAndInsert(active: vscode.TextEditor | undefined, isConsole: (document: vscode.TextDocument) => boolean, newConsole: (content: string) => Promise<unknown>): Promise<void> {
    const entries = this.entries();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No request has been sent from a console in this workspace yet.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({
        label: `${entry.method} ${entry.path}`,
        description: `${entry.connection} · ${entry.status} · ${new Date(entry.time).toLocaleString()}`,
        ...(entry.body ? { detail: entry.body.replace(/\s+/g, ' ').slice(0, 120) } : {}),
        entry,
      })),
      { placeHolder: vscode.l10n.t('Console history: the request is inserted at the cursor'), matchOnDescription: true, matchOnDetail: true },
    );
    if (picked === undefined) return;
    const text = `${picked.entry.method} ${picked.entry.path}\n${picked.entry.body ? `${picked.entry.body}\n` : ''}`;
    if (active && isConsole(active.document)) {
      const line = active.selection.active.line;
      const lineText = active.document.lineAt(line).text;
      // On a line of its own: a request must start a line.
      const at = lineText.trim() === '' ? new vscode.Position(line, 0) : new vscode.Position(line + 1, 0);
      const prefix = at.line >= active.document.lineCount ? '\n' : '';
      await active.edit((edit) => edit.insert(at, `${prefix}${text}`));
      return;
    }
    await newConsole(text);
  }
}
