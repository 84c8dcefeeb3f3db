import * as l10n from '@vscode/l10n';
import type { DocumentStore } from '../cluster/documentStore';
import { ClusterError } from '../cluster/model/clusterErrors';
import { applyChange, isScripted } from './model/changeKinds';
import { docKey, endLine, headerLine, newChangeSetId, JournalLines, type Acknowledged, type ChangeSetHeader, type DocumentRef } from './model/journal';
import type { JournalStore } from './journalStore';
import { emptyTally, oneLine, refOf, type BatchWriter, type Write } from './batchWriter';
import type { RunHooks, UndoReport } from './changeRunner';

/**
 * Undo of a change set from its journal, streamed a batch at a time (memory flat with the
 * journal's size): each document the change set wrote is restored to its prior source only if it
 * is still at the version the change set left, through the same write path; one changed since is
 * reported, as is one whose write was sent but never answered unless it is still as it was read.
 */
export class ChangeUndo {
  constructor(
    private readonly store: DocumentStore,
    private readonly journals: JournalStore,
    private readonly writer: BatchWriter,
    private readonly batchDocuments: () => number,
    private readonly refuseReadOnly: (connectionId: string) => void,
  ) {}

  /**
   * Restores every document the change set wrote to its prior source, each only if it is still at
   * the version the change set left; one changed since is reported, not restored. The undo is a
   * change set of its own, journaled the same way.
   */
  async undo(changeSetId: string, hooks: RunHooks = {}): Promise<UndoReport> {
    const summary = this.journals.summary(changeSetId);
    if (summary === undefined) throw new ClusterError({ kind: 'badRequest', reason: l10n.t('no journal of the change set {0}', changeSetId) });
    const { header: undone } = summary;
    const connectionId = undone.connection;
    this.refuseReadOnly(connectionId);
    const id = newChangeSetId();
    const header: ChangeSetHeader = { type: 'changeSet', id, description: `undo ${undone.description}`, time: new Date().toISOString(), connection: connectionId, index: undone.index, query: undone.query, undoes: changeSetId };
    this.journals.create(header, headerLine(header));
    const report = emptyTally();
    const changedSince: DocumentRef[] = [];
    const size = this.batchDocuments();
    const total = summary.end?.changed ?? 0;
    let done = 0;
    let batch: Acknowledged[] = [];
    // Each acknowledged write, as the journal streams by, a batch at a time: restored if the document is still at the version the change left.
    const restore = async (): Promise<void> => {
      if (batch.length === 0) return;
      const docs = await this.store.getMany(connectionId, batch.map((write) => write.before));
      const writes: Write[] = [];
      docs.forEach((doc, n) => {
        const { before, after } = batch[n];
        const left = after.token;
        if (!doc.found || left === undefined || doc.token.seqNo !== left.seqNo || doc.token.primaryTerm !== left.primaryTerm) return void changedSince.push(refOf(before));
        writes.push({ ...refOf(before), token: doc.token, before: doc.sourceText, kind: 'index', body: oneLine(before.sourceText) });
      });
      if (writes.length > 0) await this.writer.write(id, connectionId, writes, report);
      done += batch.length;
      batch = [];
      hooks.progress?.(done, Math.max(done, total));
    };
    const journal = new JournalLines();
    let cancelled = false;
    for await (const line of this.journals.lines(changeSetId)) {
      const write = journal.read(line);
      if (write === undefined) continue;
      batch.push(write);
      if (batch.length < size) continue;
      if ((cancelled = hooks.cancelled?.() === true)) break;
      await restore();
    }
    if (!cancelled) await restore();
    // A write sent but never answered may have been applied: unless the document is still as it was read, it is reported.
    const unanswered = journal.unanswered();
    for (let i = 0; i < unanswered.length; i += size) {
      const docs = await this.store.getMany(connectionId, unanswered.slice(i, i + size));
      docs.forEach((doc, n) => {
        const was = unanswered[i + n];
        if (!doc.found || doc.token.seqNo !== was.token.seqNo || doc.token.primaryTerm !== was.token.primaryTerm) changedSince.push(refOf(was));
      });
    }
    changedSince.push(...report.conflicts);
    this.journals.append(id, endLine({ changed: report.changed, unchanged: 0, conflicts: changedSince.length, refused: report.refused.length, ...(cancelled ? { cancelled } : {}) }));
    return { changeSetId: id, restored: report.changed, changedSince, refused: report.refused };
  }

  /**
   * What the change set did to one document, from its journal: its prior source, and the text the
   * change wrote when it can be known again (the change applied to that source; a script's result
   * only the cluster knew). Undefined when the journal has no acknowledged write of it.
   */
  async writeOf(changeSetId: string, doc: DocumentRef): Promise<{ prior: string; wrote?: string } | undefined> {
    const summary = this.journals.summary(changeSetId);
    if (summary === undefined) return undefined;
    const journal = new JournalLines();
    for await (const line of this.journals.lines(changeSetId)) {
      const write = journal.read(line);
      if (write === undefined || docKey(write.before) !== docKey(doc)) continue;
      const change = summary.header.change;
      const wrote = change === undefined || isScripted(change) ? undefined : applyChange(write.before.sourceText, change).text;
      return { prior: write.before.sourceText, ...(wrote === undefined ? {} : { wrote }) };
    }
    return undefined;
  }

  /** How many documents undoing the change set would restore at most: its acknowledged writes (the journal streamed when it has no end line). */
  async undoCount(changeSetId: string): Promise<number> {
    const summary = this.journals.summary(changeSetId);
    if (summary?.end) return summary.end.changed;
    const journal = new JournalLines();
    let count = 0;
    if (summary) for await (const line of this.journals.lines(changeSetId)) if (journal.read(line)) count++;
    return count;
  }
}
