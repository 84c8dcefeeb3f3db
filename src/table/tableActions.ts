import * as vscode from 'vscode';
import { stringify } from 'csv-stringify/sync';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import { valueTextAt } from '../json/jsonPaths';
import { compactJsonText } from '../json/jsonText';
import { CommandIds } from '../platform/model/commandIds';
import type { Choice } from './model/stagedEdits';
import { cellOf } from './model/tableCells';
import type { TableCommand } from './model/tableProtocol';
import { addressOfKey } from './model/tableRows';
import type { TableDiffs } from './tableDiffs';
import type { TableSession } from './tableSession';
import type { SaveReport } from './tableWriter';

/**
 * What a table's buttons and keys do that needs VS Code's own UI: the review diffs, the choices of
 * a merge, confirmations, the clipboard, opening documents. Each runs as a command, through the
 * extension's one error handler.
 */
export class TableActions {
  constructor(private readonly diffs: TableDiffs) {}

  async run(session: TableSession, command: TableCommand, keys: readonly string[]): Promise<unknown> {
    const chosen = keys.length > 0 ? keys : session.staged.all().map((row) => row.source.key);
    switch (command) {
      case 'save': return this.save(session);
      case 'review': return this.review(session, keys);
      case 'discard': return this.discard(session);
      case 'undo': return session.undo();
      case 'redo': return session.redo();
      case 'refresh': return session.handle({ type: 'filter', text: session.viewState().filter, kind: session.viewState().filterKind });
      case 'chooseColumns': return this.chooseColumns(session);
      case 'merge': return this.merge(session, chosen.filter((key) => session.staged.row(key) !== undefined));
      case 'compare': return this.compare(session, chosen.filter((key) => session.staged.row(key) !== undefined));
      case 'overwrite': return this.overwrite(session, chosen.filter((key) => session.staged.row(key) !== undefined));
      case 'discardRows': return session.discard(keys);
      case 'open': return this.open(session, keys);
      case 'delete': return this.delete(session, keys);
      case 'copyNdjson':
      case 'copyCsv':
      case 'copyJson':
        return this.copy(session, command, keys);
      case 'export':
        return vscode.commands.executeCommand(CommandIds.exportDocuments, selection(session, keys));
      case 'change':
        return vscode.commands.executeCommand(CommandIds.changeDocuments, selection(session, keys));
    }
  }

  async save(session: TableSession): Promise<SaveReport | undefined> {
    if (session.staged.size === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to save: no cell of {0} is edited.', session.target.index));
      return undefined;
    }
    const report = await session.save();
    const parts = [vscode.l10n.t('{0} saved', report.saved.length)];
    if (report.conflicts.length > 0) parts.push(vscode.l10n.t('{0} changed on the server since you read them, not saved', report.conflicts.length));
    if (report.failed.length > 0) parts.push(vscode.l10n.t('{0} not saved: {1}', report.failed.length, report.failed[0].reason));
    const text = `${session.target.index}: ${parts.join(' · ')}`;
    if (report.conflicts.length === 0 && report.failed.length === 0) {
      void vscode.window.setStatusBarMessage(`$(check) ${text}`, 5000);
      return report;
    }
    // For all the rows in conflict at once; the selection bar has the same for chosen rows.
    const choices: ReadonlyArray<readonly [string, TableCommand]> = [
      [vscode.l10n.t('Merge'), 'merge'], [vscode.l10n.t('Compare'), 'compare'], [vscode.l10n.t('Overwrite'), 'overwrite'], [vscode.l10n.t('Discard Edits'), 'discardRows'],
    ];
    void vscode.window.showWarningMessage(text, ...(report.conflicts.length > 0 ? choices.map(([label]) => label) : [])).then((picked) => {
      const command = choices.find(([label]) => label === picked)?.[1];
      if (command) void vscode.commands.executeCommand(CommandIds.tableAction, { table: session.id, command, keys: report.conflicts });
    });
    return report;
  }

  /** VS Code's diff of each staged document, as read ↔ as it will be sent; several open as one list of changes. */
  async review(session: TableSession, keys: readonly string[]): Promise<void> {
    const rows = session.staged.all().filter((row) => keys.length === 0 || keys.includes(row.source.key));
    if (rows.length === 0) return;
    const entries = rows.map((row) => {
      const { read, staged } = this.diffs.pair(session, row.source.key);
      return [staged, read, staged] as const;
    });
    if (entries.length === 1) {
      const [, read, staged] = entries[0];
      await vscode.commands.executeCommand('vscode.diff', read, staged, vscode.l10n.t('{0} {1}: as read ↔ to be saved', session.target.index, rows[0].source.id));
      return;
    }
    await vscode.commands.executeCommand('vscode.changes', vscode.l10n.t('{0}: {1} documents to be saved', session.target.index, rows.length), entries);
  }

  private async discard(session: TableSession): Promise<void> {
    const count = session.staged.size;
    if (count === 0) return;
    const yes = vscode.l10n.t('Discard');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Discard the edits of {0} documents in {1}? Nothing was sent.', count, session.target.index), { modal: true }, yes);
    if (choice === yes) session.discard();
  }

  private async chooseColumns(session: TableSession): Promise<void> {
    const setup = session.setup();
    const order = setup.shown ?? setup.columns.map((column) => column.path);
    const shown = new Set(order);
    // The columns shown come first, in the order shown (dragged headers included), so that order is kept.
    const columns = [...setup.columns].sort((a, b) => rank(order, a.path) - rank(order, b.path));
    const items = columns.map((column) => ({ label: column.path, description: column.description.slice(column.path.length + 2), picked: shown.has(column.path) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Columns of {0}', session.target.index), placeHolder: vscode.l10n.t('The columns to show (drag a header to move its column)') });
    if (picked === undefined) return;
    await session.handle({ type: 'columns', shown: picked.map((item) => item.label) });
  }

  /**
   * Moves each row's edits onto the server's current version: fields only one side changed merge
   * by themselves; a field both changed is shown to choose. The row stays staged on the new
   * version; the next Save sends it.
   */
  async merge(session: TableSession, keys: readonly string[], choose: (path: string, yours: string, server: string | undefined) => Thenable<Choice | undefined> = pickSide): Promise<number> {
    const current = await session.current(keys);
    let merged = 0;
    for (const key of keys) {
      const server = current.get(key);
      const row = session.staged.row(key);
      if (row === undefined) continue;
      if (server === undefined) {
        session.staged.mark(key, 'conflict', vscode.l10n.t('Deleted on the server since you read it.'));
        continue;
      }
      let result = session.staged.rebase(key, server);
      if (result.conflicts.length > 0) {
        const choices = new Map<string, Choice>();
        for (const path of result.conflicts) {
          const choice = await choose(path, row.edits.get(path) ?? '', valueTextAt(server.sourceText, path));
          if (choice === undefined) break;
          choices.set(path, choice);
        }
        if (choices.size < result.conflicts.length) continue;
        result = session.staged.rebase(key, server, choices);
      }
      if (result.conflicts.length === 0) merged++;
    }
    session.rowsChanged(keys);
    return merged;
  }

  /** The server's current text ↔ yours, of each row (several as one list of changes). */
  private async compare(session: TableSession, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await session.current(keys);
    if (keys.length === 1) {
      const { server, staged } = this.diffs.pair(session, keys[0]);
      await vscode.commands.executeCommand('vscode.diff', server, staged, vscode.l10n.t('{0}: on the server now ↔ yours', session.staged.row(keys[0])?.source.id ?? ''));
      return;
    }
    const entries = keys.map((key) => {
      const { server, staged } = this.diffs.pair(session, key);
      return [staged, server, staged] as const;
    });
    await vscode.commands.executeCommand('vscode.changes', vscode.l10n.t('{0}: {1} documents on the server now ↔ yours', session.target.index, keys.length), entries);
  }

  /** Your edits over the server's current values, written at once, still conditional on the version just read. */
  private async overwrite(session: TableSession, keys: readonly string[]): Promise<SaveReport | undefined> {
    if (keys.length === 0) return undefined;
    const yes = vscode.l10n.t('Overwrite');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Write your edits of {0} documents over the server\'s changes to the same fields? Each write is conditional on the version read now.', keys.length), { modal: true }, yes);
    if (choice !== yes) return undefined;
    await this.merge(session, keys, async () => 'yours');
    return session.save(keys);
  }

  private async open(session: TableSession, keys: readonly string[]): Promise<void> {
    if (keys.length > OPENED_AT_ONCE) void vscode.window.showInformationMessage(vscode.l10n.t('Opening the first {0} of the {1} documents selected.', OPENED_AT_ONCE, keys.length));
    for (const source of await session.sourcesOf(keys.slice(0, OPENED_AT_ONCE))) {
      const address: DocumentAddress = { connectionId: session.target.connectionId, index: source.index, id: source.id, ...(source.routing === undefined ? {} : { routing: source.routing }) };
      await vscode.commands.executeCommand(CommandIds.openHit, address);
    }
  }

  private async delete(session: TableSession, keys: readonly string[]): Promise<void> {
    const sources = await session.sourcesOf(keys);
    if (sources.length === 0) return;
    const yes = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete {0} documents from {1}? Each is deleted only if nobody changed it since you read it.', sources.length, session.target.index), { modal: true }, yes);
    if (choice !== yes) return;
    const result = await session.writer.delete(sources);
    await session.handle({ type: 'filter', text: session.viewState().filter, kind: session.viewState().filterKind });
    const parts = [vscode.l10n.t('Deleted {0} documents from {1}', result.deleted.length, session.target.index)];
    if (result.conflicts.length > 0) parts.push(vscode.l10n.t('{0} changed since you read them and were kept', result.conflicts.length));
    if (result.gone.length > 0) parts.push(vscode.l10n.t('{0} were already deleted', result.gone.length));
    if (result.failed.length > 0) parts.push(vscode.l10n.t('{0} not deleted: {1}', result.failed.length, result.failed[0].reason));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}.', parts.join('; ')));
  }

  private async copy(session: TableSession, format: 'copyNdjson' | 'copyCsv' | 'copyJson', keys: readonly string[]): Promise<void> {
    await session.sourcesOf(keys);
    const texts = keys.map((key) => ({ key, text: session.staged.textToSend(key) ?? session.sourceOf(key)?.sourceText })).filter((entry): entry is { key: string; text: string } => entry.text !== undefined);
    let out: string;
    if (format === 'copyNdjson') out = texts.map(({ text }) => `${compactJsonText(text)}\n`).join('');
    else if (format === 'copyJson') out = `[${texts.map(({ text }) => compactJsonText(text)).join(',')}]`;
    else {
      const setup = session.setup();
      const columns = setup.shown ?? setup.columns.map((column) => column.path);
      const rows = texts.map(({ key, text }) => columns.map((path) => (path === '_id' ? (session.sourceOf(key)?.id ?? '') : cellOf(valueTextAt(text, path)).text)));
      out = stringify([columns, ...rows]);
    }
    await vscode.env.clipboard.writeText(out);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} documents', texts.length), 3000);
  }
}

/** Documents opened in editors at once from a selection. */
const OPENED_AT_ONCE = 10;

function rank(order: readonly string[], path: string): number {
  const at = order.indexOf(path);
  return at < 0 ? order.length : at;
}

/** Selected rows as what Export and Change Documents take: their index and an `ids` query (a row's key names its document). */
function selection(session: TableSession, keys: readonly string[]): { connectionId: string; index: string; query: string } {
  const docs = keys.map(addressOfKey).filter((doc) => doc !== undefined);
  const index = docs[0]?.index ?? session.target.index;
  return { connectionId: session.target.connectionId, index, query: JSON.stringify({ ids: { values: docs.filter((doc) => doc.index === index).map((doc) => doc.id) } }) };
}

async function pickSide(path: string, yours: string, server: string | undefined): Promise<Choice | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Keep yours: {0}', yours), choice: 'yours' as const },
      { label: vscode.l10n.t("Take the server's: {0}", server ?? vscode.l10n.t('(removed)')), choice: 'server' as const },
    ],
    { title: vscode.l10n.t('{0} was changed on the server and by you', path), ignoreFocusOut: true },
  );
  return picked?.choice;
}
