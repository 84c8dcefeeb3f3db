import * as vscode from 'vscode';
import type { DocumentRef } from './model/journal';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Change, PatchOperation } from './model/changeKinds';
import type { ApplyReport, ChangeRunner, Preview, PreviewRequest, UndoReport } from './changeRunner';
import type { JournalStore } from './journalStore';
import type { BulkDiffs } from './bulkDiffs';
import { CommandIds } from '../platform/model/commandIds';

/** What the commands take from a caller; `confirm: false` asks nothing. */
export type PreviewOptions = PreviewRequest & { readonly confirm?: boolean };
export interface ChangeSetOptions {
  readonly changeSetId: string;
  readonly confirm?: boolean;
}

export interface BulkTarget {
  readonly connectionId: string;
  readonly index: string;
  readonly queryString?: string;
  /** A Query DSL query as JSON text (a console search's, a table selection's ids). */
  readonly query?: string;
}

/**
 * Bulk changes as the user meets them: **Change Documents…** asks for the change, previews it
 * (the counts, sample diffs), applies it with a progress that can be cancelled between batches,
 * reports what became of every document, and offers **Re-apply to Changed Documents** and
 * **Undo**; **Bulk Change History** lists the journaled change sets. Called with options, each
 * command asks nothing and returns its result.
 */
export class BulkCommands {
  constructor(
    private readonly runner: ChangeRunner,
    private readonly journals: JournalStore,
    private readonly diffs: BulkDiffs,
    private readonly confirmAbove: () => number,
  ) {}

  async changeDocuments(target: BulkTarget): Promise<ApplyReport | undefined> {
    const change = await askChange(target.index);
    if (change === undefined) return undefined;
    const preview = await this.withProgress(vscode.l10n.t('Reading the documents of {0}…', target.index), () =>
      this.runner.preview({ connectionId: target.connectionId, index: target.index, ...(target.query ?? target.queryString ? { query: target.query ?? target.queryString } : {}), change }));
    const filter = target.query ?? target.queryString;
    const where = filter ? `${target.index} · ${filter.length > 60 ? `${filter.slice(0, 57)}…` : filter}` : target.index;
    for (;;) {
      const apply = vscode.l10n.t('Apply');
      const show = vscode.l10n.t('Show Changes');
      const one = vscode.l10n.t('Show a Document\'s Change…');
      const choice = await vscode.window.showInformationMessage(previewText(where, preview), { modal: true, detail: vscode.l10n.t('Nothing is sent before Apply. Each document is written only if it is still as previewed.') }, ...(preview.willChange > 0 ? [apply] : []), ...(preview.samples.length > 0 ? [show, one] : []));
      if (choice === show) {
        await this.diffs.show(preview.changeSetId, vscode.l10n.t('{0}: {1} (the first {2} of {3})', where, preview.description, preview.samples.length, preview.willChange), preview.samples);
        continue;
      }
      if (choice === one) {
        await this.showOne(preview.changeSetId, where, preview.description);
        continue;
      }
      if (choice !== apply) {
        await this.runner.forget(preview.changeSetId);
        return undefined;
      }
      return this.applyChange({ changeSetId: preview.changeSetId }, preview, where);
    }
  }

  /** Any document's change, by its id, from the preview's snapshot. */
  private async showOne(changeSetId: string, where: string, description: string): Promise<void> {
    const id = await vscode.window.showInputBox({ title: vscode.l10n.t('Show a Document\'s Change'), prompt: vscode.l10n.t('The id of a document the change matches'), ignoreFocusOut: true });
    if (!id) return;
    const { sample, why } = await this.runner.sample(changeSetId, id);
    if (sample) await this.diffs.show(changeSetId, `${where}: ${description} (${id})`, [sample]);
    else await vscode.window.showInformationMessage(why ?? '', { modal: true });
  }

  /** `esdocs.previewChange`: takes the snapshot and counts; with `confirm` not false, shows the samples too. */
  async previewChange(options: PreviewOptions): Promise<Preview> {
    const preview = await this.runner.preview(options);
    if (options.confirm !== false && preview.samples.length > 0) await this.diffs.show(preview.changeSetId, `${options.index}: ${preview.description}`, preview.samples);
    return preview;
  }

  async applyChange(options: ChangeSetOptions, preview?: Preview, where?: string): Promise<ApplyReport | undefined> {
    if (options.confirm !== false && preview && preview.willChange > this.confirmAbove()) {
      const yes = vscode.l10n.t('Change {0} Documents', preview.willChange);
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Change {0} documents of {1}?', preview.willChange, where ?? ''), { modal: true, detail: preview.description }, yes);
      if (choice !== yes) return undefined;
    }
    const report = await this.withProgress(vscode.l10n.t('Changing documents'), (progress, token) => this.runner.apply(options.changeSetId, this.hooks(progress, token)), true);
    if (options.confirm !== false) void this.showReport(report, where ?? '');
    return report;
  }

  async reapplyChange(options: ChangeSetOptions, conflicts?: number): Promise<ApplyReport | undefined> {
    if (options.confirm !== false && conflicts !== undefined) {
      const yes = vscode.l10n.t('Re-apply');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Re-apply the change to the {0} documents changed since the preview?', conflicts), { modal: true, detail: vscode.l10n.t('Each is read again, changed, and written only if nobody changes it meanwhile.') }, yes);
      if (choice !== yes) return undefined;
    }
    const report = await this.withProgress(vscode.l10n.t('Re-applying to the changed documents'), (progress, token) => this.runner.reapply(options.changeSetId, this.hooks(progress, token)), true);
    if (options.confirm !== false) void this.showReport(report, '');
    return report;
  }

  async undoChange(options: ChangeSetOptions): Promise<UndoReport | undefined> {
    const summary = this.journals.summary(options.changeSetId);
    if (options.confirm !== false) {
      const yes = vscode.l10n.t('Undo');
      const count = await this.runner.undoCount(options.changeSetId);
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Undo "{0}" on {1} documents of {2}?', summary?.header.description ?? options.changeSetId, count, summary?.header.index ?? ''), { modal: true, detail: vscode.l10n.t('Each document is restored to its source before the change, only if nobody changed it since.') }, yes);
      if (choice !== yes) return undefined;
    }
    const report = await this.withProgress(vscode.l10n.t('Undoing the change'), (progress, token) => this.runner.undo(options.changeSetId, this.hooks(progress, token)), true);
    if (options.confirm !== false) {
      const text = vscode.l10n.t('{0} restored · changed since: {1}{2}', report.restored, report.changedSince.length, report.refused.length > 0 ? ` · ${vscode.l10n.t('{0} refused: {1}', report.refused.length, report.refused[0].reason)}` : '');
      const list = vscode.l10n.t('Show the Documents Changed Since');
      void vscode.window.showInformationMessage(text, ...(report.changedSince.length > 0 ? [list] : [])).then((choice) => {
        if (choice === list) void this.changedSince(options.changeSetId, report.changedSince);
      });
    }
    return report;
  }

  /**
   * The documents an undo left because someone changed them after the change set: each openable,
   * with the undo merged into the later version (the change's own fields taken back, the later
   * edits kept) as an unsaved edit to review and save; or all of them as an NDJSON report.
   */
  private async changedSince(changeSetId: string, docs: readonly DocumentRef[]): Promise<void> {
    const report = { label: vscode.l10n.t('$(output) All of Them as NDJSON'), doc: undefined };
    const picked = await vscode.window.showQuickPick([report, ...docs.map((doc) => ({ label: doc.id, description: doc.index, doc }))], {
      title: vscode.l10n.t('Changed Since the Change Set: Not Restored'),
      placeHolder: vscode.l10n.t('Open one to merge the undo into its later version, then review and save'),
    });
    if (picked === undefined) return;
    if (picked.doc === undefined) return openReport({ changedSince: docs });
    const doc = picked.doc;
    const write = await this.runner.writeOf(changeSetId, doc);
    const address = { connectionId: this.journals.summary(changeSetId)?.header.connection ?? '', index: doc.index, id: doc.id, ...(doc.routing === undefined ? {} : { routing: doc.routing }) };
    await vscode.commands.executeCommand(CommandIds.openHit, address, write?.wrote === undefined ? undefined : { base: write.wrote, yours: write.prior });
  }

  async history(): Promise<void> {
    const sets = this.journals.list();
    if (sets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No bulk change has been applied yet.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(sets.map((set) => ({
      label: set.header.description,
      description: `${set.header.index} · ${new Date(set.header.time).toLocaleString()}`,
      detail: set.end ? vscode.l10n.t('{0} changed · {1} unchanged · {2} conflicts · {3} refused', set.end.changed, set.end.unchanged, set.end.conflicts, set.end.refused) : vscode.l10n.t('interrupted: the journal says which documents were written'),
      id: set.header.id,
    })), { title: vscode.l10n.t('Bulk Change History'), matchOnDescription: true });
    if (picked === undefined) return;
    const undo = vscode.l10n.t('Undo');
    const remove = vscode.l10n.t('Delete the Journal');
    const action = await vscode.window.showQuickPick([undo, remove], { title: picked.label });
    if (action === undo) await this.undoChange({ changeSetId: picked.id });
    else if (action === remove) this.journals.delete(picked.id);
  }

  private async showReport(report: ApplyReport, where: string): Promise<void> {
    const text = reportText(where, report);
    const reapply = vscode.l10n.t('Re-apply to Changed Documents');
    const show = vscode.l10n.t('Show Report');
    const undo = vscode.l10n.t('Undo');
    const buttons = [...(report.conflicts.length > 0 ? [reapply] : []), show, ...(report.changed > 0 ? [undo] : [])];
    const choice = report.conflicts.length + report.refused.length > 0 ? await vscode.window.showWarningMessage(text, ...buttons) : await vscode.window.showInformationMessage(text, ...buttons);
    if (choice === reapply) await this.reapplyChange({ changeSetId: report.changeSetId }, report.conflicts.length);
    else if (choice === show) await openReport({ conflicts: report.conflicts, refused: report.refused });
    else if (choice === undo) await this.undoChange({ changeSetId: report.changeSetId });
  }

  private hooks(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) {
    const started = Date.now();
    let last = 0;
    return {
      cancelled: () => token.isCancellationRequested,
      progress: (done: number, total: number) => {
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? Math.round(done / seconds) : 0;
        const left = rate > 0 ? Math.round((total - done) / rate) : undefined;
        const increment = total > 0 ? ((done - last) / total) * 100 : undefined;
        last = done;
        progress.report({ message: vscode.l10n.t('{0} of {1} documents · {2}/s{3}', done, total, rate, left === undefined ? '' : ` · ${vscode.l10n.t('{0} s left', left)}`), ...(increment === undefined ? {} : { increment }) });
      },
    };
  }

  private withProgress<T>(title: string, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Promise<T>, cancellable = false): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, task);
  }
}

function previewText(where: string, preview: Preview): string {
  const text = previewCounts(where, preview);
  return preview.snapshot ? text : `${text} ${vscode.l10n.t('This cluster has no point in time: Apply reads the documents again, and one changed since this preview is changed as it is then.')}`;
}

function previewCounts(where: string, preview: Preview): string {
  if (preview.scripted) return vscode.l10n.t('{0}: {1}. {2} documents match; the cluster runs the script on each, so no diff is available before it runs.', where, preview.description, preview.matched);
  const refused = preview.refused.length > 0 ? ` · ${vscode.l10n.t('{0} cannot take it ({1})', preview.matched - preview.willChange - preview.unchanged, preview.refused[0].reason)}` : '';
  return vscode.l10n.t('{0}: {1}. {2} documents match · {3} will change · {4} unchanged{5}', where, preview.description, preview.matched, preview.willChange, preview.unchanged, refused);
}

/** `480 changed · 12 unchanged (no-op) · 7 conflicts · 1 refused (mapping: year is long)`. */
export function reportText(where: string, report: ApplyReport): string {
  const parts = [vscode.l10n.t('{0} changed', report.changed), vscode.l10n.t('{0} unchanged (no-op)', report.unchanged)];
  if (report.conflicts.length === 1) parts.push(vscode.l10n.t('1 conflict (changed since the preview, not written)'));
  else if (report.conflicts.length > 1) parts.push(vscode.l10n.t('{0} conflicts (changed since the preview, not written)', report.conflicts.length));
  if (report.refused.length > 0) parts.push(vscode.l10n.t('{0} refused ({1})', report.refused.length, report.refused[0].reason));
  if (report.cancelled) parts.push(vscode.l10n.t('cancelled: the rest was not sent'));
  return `${where ? `${where}: ` : ''}${parts.join(' · ')}`;
}

/** The report's groups as NDJSON in an untitled editor, one document per line: openable, and savable as a file. */
async function openReport(groups: Record<string, ReadonlyArray<DocumentRef & { reason?: string }>>): Promise<void> {
  const lines = Object.entries(groups).flatMap(([group, docs]) => docs.map((doc) => JSON.stringify({ group, ...doc })));
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${lines.join('\n')}\n` });
  await vscode.window.showTextDocument(document, { preview: false });
}

/** The change, asked for by its kind; undefined when the user leaves. */
async function askChange(index: string): Promise<Change | undefined> {
  const kinds = [
    { label: vscode.l10n.t('Set Field'), change: 'set' as const },
    { label: vscode.l10n.t('Remove Field'), change: 'remove' as const },
    { label: vscode.l10n.t('Rename Field'), change: 'rename' as const },
    { label: vscode.l10n.t('Replace in Field'), change: 'replace' as const },
    { label: vscode.l10n.t('Edit as JSON Patch'), change: 'patch' as const },
    { label: vscode.l10n.t('Painless Script'), description: vscode.l10n.t('run by the cluster on each document, through _update'), change: 'script' as const },
  ];
  const picked = await vscode.window.showQuickPick(kinds, { title: vscode.l10n.t('Change Documents of {0}', index) });
  if (picked === undefined) return undefined;
  const ask = (prompt: string, placeHolder: string, validate?: (value: string) => string | undefined) =>
    vscode.window.showInputBox({ title: picked.label, prompt, placeHolder, ignoreFocusOut: true, validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Needed') : validate?.(value)) });
  const json = (value: string): string | undefined => {
    try {
      JSON.parse(value);
      return undefined;
    } catch (error) {
      return vscode.l10n.t('Not JSON: {0}', error instanceof Error ? error.message : String(error));
    }
  };
  if (picked.change === 'set') {
    const path = await ask(vscode.l10n.t('The field path'), 'reviewed');
    const value = path && (await ask(vscode.l10n.t('The value, as JSON text (kept exactly as typed)'), 'true', json));
    return path && value ? { set: { path: path.trim(), value } } : undefined;
  }
  if (picked.change === 'remove') {
    const path = await ask(vscode.l10n.t('The field path to remove'), 'draft');
    return path ? { remove: { path: path.trim() } } : undefined;
  }
  if (picked.change === 'rename') {
    const from = await ask(vscode.l10n.t('The field path to rename'), 'name');
    const to = from && (await ask(vscode.l10n.t('Its new path (the value is kept byte for byte)'), 'title'));
    return from && to ? { rename: { from: from.trim(), to: to.trim() } } : undefined;
  }
  if (picked.change === 'replace') {
    const path = await ask(vscode.l10n.t('The string field to replace in'), 'title');
    const search = path && (await ask(vscode.l10n.t('The text to find (a regular expression if it starts and ends with /)'), 'Colour'));
    const replacement = search !== undefined && search !== '' ? await vscode.window.showInputBox({ title: picked.label, prompt: vscode.l10n.t('The replacement'), ignoreFocusOut: true }) : undefined;
    if (!path || !search || replacement === undefined) return undefined;
    const regex = search.length > 2 && search.startsWith('/') && search.endsWith('/');
    return { replace: { path: path.trim(), search: regex ? search.slice(1, -1) : search, replacement, regex } };
  }
  if (picked.change === 'script') {
    const source = await ask(vscode.l10n.t('The Painless script (ctx._source is the document)'), 'ctx._source.views += params.n');
    const params = source && (await vscode.window.showInputBox({ title: picked.label, prompt: vscode.l10n.t('Its params, as a JSON object (kept exactly as typed; empty for none)'), placeHolder: '{"n":1}', ignoreFocusOut: true, validateInput: (value) => (value.trim() === '' ? undefined : json(value)) }));
    return source && params !== undefined ? { script: { source, ...(params.trim() ? { params } : {}) } } : undefined;
  }
  const text = await ask(vscode.l10n.t('RFC 6902 operations, as a JSON array'), '[{"op":"add","path":"/reviewed","value":true}]', json);
  return text ? { patch: patchOperations(text) } : undefined;
}

/** A patch typed as JSON text: each operation's `value` kept as its exact text (`valueText`), big integers and `1.0` included. */
export function patchOperations(text: string): PatchOperation[] {
  const root = parseTree(text);
  const operations = JSON.parse(text) as unknown;
  if (!Array.isArray(operations) || root?.type !== 'array') return [];
  return operations.map((operation: Record<string, unknown>, i) => {
    const value = findNodeAtLocation(root, [i, 'value']);
    return (value === undefined ? operation : { ...operation, valueText: text.slice(value.offset, value.offset + value.length) }) as PatchOperation;
  });
}
