import * as l10n from '@vscode/l10n';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { DocumentStore } from '../cluster/documentStore';
import { ClusterError } from '../cluster/model/clusterErrors';
import { queryOf } from '../cluster/model/queryText';
import type { SearchHit } from '../cluster/model/searchPage';
import type { VersionToken } from '../cluster/model/versionToken';
import { SnapshotReader } from '../cluster/snapshotReader';
import type { RefreshPolicy } from '../platform/model/settingValues';
import type { ValueKind } from '../json/jsonWalk';
import type { MappingModel } from '../mapping/model/mappingModel';
import { checkFieldValue } from '../mapping/model/mappingValues';
import { applyChange, checkChange, describeChange, isScripted, scriptUpdateBody, type Change } from './model/changeKinds';
import { endLine, headerLine, newChangeSetId, type ChangeSetHeader, type DocumentRef } from './model/journal';
import type { JournalStore } from './journalStore';
import { BatchWriter, emptyTally, oneLine, refOf, type Write } from './batchWriter';
import { ChangeUndo } from './changeUndo';

const SAMPLES = 20;

export interface PreviewRequest {
  readonly connectionId: string;
  readonly index: string;
  /** Query-string syntax or a Query DSL object (as the tree's filter takes it). */
  readonly query?: string | Record<string, unknown>;
  readonly ids?: readonly string[];
  readonly change: Change;
}

export interface Sample extends DocumentRef {
  readonly before: string;
  readonly after: string;
}

export interface Preview {
  readonly changeSetId: string;
  readonly description: string;
  readonly matched: number;
  readonly willChange: number;
  readonly unchanged: number;
  /** Documents the change cannot apply to (a patch's failed test), with the first reasons. */
  readonly refused: ReadonlyArray<DocumentRef & { readonly reason: string }>;
  readonly samples: readonly Sample[];
  /** A script: only the cluster can run it, so `willChange` counts the documents it will run on, and there are no samples. */
  readonly scripted: boolean;
  /**
   * False where the engine has no point in time (OpenSearch before 2.4): Apply reads the documents
   * again as they are then, so one changed since the preview is changed on its new version.
   */
  readonly snapshot: boolean;
}

export interface ApplyReport {
  readonly changeSetId: string;
  readonly changed: number;
  readonly unchanged: number;
  readonly conflicts: readonly DocumentRef[];
  readonly refused: ReadonlyArray<DocumentRef & { readonly reason: string }>;
  readonly cancelled: boolean;
}

export interface UndoReport {
  /** The undo's own change set: it can be undone in turn. */
  readonly changeSetId: string;
  readonly restored: number;
  /** Changed by someone after the change set: not restored. */
  readonly changedSince: readonly DocumentRef[];
  readonly refused: ReadonlyArray<DocumentRef & { readonly reason: string }>;
}

export interface RunHooks {
  readonly progress?: (done: number, total: number) => void;
  /** Asked between batches: true stops before the next one. */
  readonly cancelled?: () => boolean;
}

export interface RunnerOptions {
  /** The index's mapping, when it can be read: a Set Field value is checked against it, as the editor checks a value. */
  readonly mapping?: (connectionId: string, index: string) => Promise<MappingModel | undefined>;
  readonly refresh: () => RefreshPolicy;
  readonly batchDocuments: () => number;
  readonly batchBytes: () => number;
  readonly wait?: (ms: number) => Promise<void>;
}

interface Pending {
  readonly request: PreviewRequest;
  readonly header: ChangeSetHeader;
  readonly reader: SnapshotReader;
  conflicts: DocumentRef[];
  applied: boolean;
}

/**
 * Bulk changes: a change previewed on one snapshot (point in time) of the documents a query
 * matches, then applied in `_bulk` batches, each item conditional on the version in that snapshot,
 * each batch journaled before it is sent; conflicts re-applied only when asked; and a change set
 * undone from its journal, conditional on the versions it left. Memory stays flat: the snapshot
 * is read page by page, twice (preview, apply), never held.
 */
export class ChangeRunner {
  private readonly pending = new Map<string, Pending>();
  private readonly writer: BatchWriter;
  private readonly undoing: ChangeUndo;

  constructor(
    private readonly gateway: (connectionId: string) => ClusterGateway,
    private readonly store: DocumentStore,
    private readonly journals: JournalStore,
    private readonly options: RunnerOptions,
  ) {
    this.writer = new BatchWriter(store, journals, options.refresh, options.wait);
    this.undoing = new ChangeUndo(store, journals, this.writer, options.batchDocuments, (connectionId) => this.refuseReadOnly(connectionId));
  }

  async preview(request: PreviewRequest): Promise<Preview> {
    const problem = checkChange(request.change) ?? (await this.mappingProblem(request));
    if (problem) throw new ClusterError({ kind: 'badRequest', reason: problem });
    this.refuseReadOnly(request.connectionId);
    const reader = new SnapshotReader(this.gateway(request.connectionId), request.index, queryText(request));
    const samples: Sample[] = [];
    const refused: Array<DocumentRef & { reason: string }> = [];
    let matched = 0;
    let willChange = 0;
    let refusedTotal = 0;
    for await (const page of reader.pages()) {
      for (const hit of page) {
        matched++;
        if (isScripted(request.change)) continue;
        const outcome = changed(hit, request.change);
        if (outcome.refused) {
          refusedTotal++;
          if (refused.length < SAMPLES) refused.push({ ...refOf(hit), reason: outcome.refused });
        } else if (outcome.text !== undefined) {
          willChange++;
          if (samples.length < SAMPLES) samples.push({ ...refOf(hit), before: hit.sourceText ?? '', after: outcome.text });
        }
      }
    }
    const id = newChangeSetId();
    const header: ChangeSetHeader = { type: 'changeSet', id, description: describeChange(request.change), time: new Date().toISOString(), connection: request.connectionId, index: request.index, query: queryText(request), change: request.change };
    this.pending.set(id, { request, header, reader, conflicts: [], applied: false });
    if (isScripted(request.change)) willChange = matched;
    return { changeSetId: id, description: header.description, matched, willChange, unchanged: matched - willChange - refusedTotal, refused, samples, scripted: isScripted(request.change), snapshot: await reader.consistent() };
  }

  /**
   * Any one document's change, on request (the preview shows the first ones): read from the same
   * snapshot; a reason instead when the query does not match it or the change leaves it as it is.
   */
  async sample(changeSetId: string, id: string): Promise<{ sample?: Sample; why?: string }> {
    const pending = this.pendingOf(changeSetId);
    if (isScripted(pending.request.change)) return { why: l10n.t('only the cluster can run the script: no diff is available before it runs') };
    const hit = await pending.reader.find(id);
    if (hit === undefined) return { why: l10n.t('no document with the id {0} matches the change\'s query', id) };
    const outcome = changed(hit, pending.request.change);
    if (outcome.refused) return { why: outcome.refused };
    if (outcome.text === undefined) return { why: l10n.t('the change leaves {0} as it is', id) };
    return { sample: { ...refOf(hit), before: hit.sourceText ?? '', after: outcome.text } };
  }

  /** Writes the change to the snapshot's documents, each conditional on its version there. */
  async apply(changeSetId: string, hooks: RunHooks = {}): Promise<ApplyReport> {
    const pending = this.pendingOf(changeSetId);
    if (pending.applied) throw new ClusterError({ kind: 'badRequest', reason: l10n.t('this change set was applied already: re-apply it to the changed documents, or preview the change again') });
    this.refuseReadOnly(pending.request.connectionId);
    pending.applied = true;
    this.journals.create(pending.header, headerLine(pending.header));
    const report = { ...emptyTally(), cancelled: false };
    const total = pending.reader.matched ?? 0;
    let done = 0;
    let batch: Write[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await this.writer.write(changeSetId, pending.request.connectionId, batch, report);
      done += batch.length;
      batch = [];
      bytes = 0;
      hooks.progress?.(done + report.unchanged, total);
    };
    try {
      for await (const page of pending.reader.pages()) {
        for (const hit of page) {
          const outcome = writeOf(hit, hit.token, pending.request.change);
          if (outcome.refused) report.refused.push({ ...refOf(hit), reason: outcome.refused });
          else if (outcome.write === undefined) report.unchanged++;
          else {
            batch.push(outcome.write);
            bytes += outcome.write.body.length;
            if (batch.length >= this.options.batchDocuments() || bytes >= this.options.batchBytes()) {
              if (hooks.cancelled?.()) {
                report.cancelled = true;
                break;
              }
              await flush();
            }
          }
        }
        if (report.cancelled) break;
      }
      if (!report.cancelled && hooks.cancelled?.() && batch.length > 0) report.cancelled = true;
      if (!report.cancelled) await flush();
    } finally {
      this.journals.append(changeSetId, endLine({ changed: report.changed, unchanged: report.unchanged, conflicts: report.conflicts.length, refused: report.refused.length, ...(report.cancelled ? { cancelled: true } : {}) }));
    }
    pending.conflicts = [...report.conflicts];
    return { changeSetId, ...report };
  }

  /** The change again on the documents that had changed since the snapshot, each on its new version. */
  async reapply(changeSetId: string, hooks: RunHooks = {}): Promise<ApplyReport> {
    const pending = this.pendingOf(changeSetId);
    this.refuseReadOnly(pending.request.connectionId);
    const report = { ...emptyTally(), cancelled: false };
    const size = this.options.batchDocuments();
    for (let i = 0; i < pending.conflicts.length; i += size) {
      if (hooks.cancelled?.()) {
        report.cancelled = true;
        break;
      }
      const refs = pending.conflicts.slice(i, i + size);
      const docs = await this.store.getMany(pending.request.connectionId, refs);
      const writes: Write[] = [];
      docs.forEach((doc, n) => {
        if (!doc.found) return void report.refused.push({ ...refs[n], reason: l10n.t('deleted since the change set') });
        const outcome = writeOf({ ...refs[n], sourceText: doc.sourceText }, doc.token, pending.request.change);
        if (outcome.refused) report.refused.push({ ...refs[n], reason: outcome.refused });
        else if (outcome.write === undefined) report.unchanged++;
        else writes.push(outcome.write);
      });
      if (writes.length > 0) await this.writer.write(changeSetId, pending.request.connectionId, writes, report);
      hooks.progress?.(Math.min(i + size, pending.conflicts.length), pending.conflicts.length);
    }
    pending.conflicts = [...report.conflicts];
    return { changeSetId, ...report };
  }

  /**
   * Restores every document the change set wrote to its prior source (see ChangeUndo); the undo is
   * a change set of its own, journaled the same way.
   */
  undo(changeSetId: string, hooks: RunHooks = {}): Promise<UndoReport> {
    return this.undoing.undo(changeSetId, hooks);
  }

  /** What the change set did to one document, from its journal (see ChangeUndo). */
  writeOf(changeSetId: string, doc: DocumentRef): Promise<{ prior: string; wrote?: string } | undefined> {
    return this.undoing.writeOf(changeSetId, doc);
  }

  /** How many documents undoing the change set would restore at most. */
  undoCount(changeSetId: string): Promise<number> {
    return this.undoing.undoCount(changeSetId);
  }

  /** The snapshot of a change set previewed but not yet forgotten is closed. */
  async forget(changeSetId: string): Promise<void> {
    const pending = this.pending.get(changeSetId);
    this.pending.delete(changeSetId);
    await pending?.reader.close();
  }

  async dispose(): Promise<void> {
    for (const id of [...this.pending.keys()]) await this.forget(id);
  }

  private pendingOf(changeSetId: string): Pending {
    const pending = this.pending.get(changeSetId);
    if (pending === undefined) throw new ClusterError({ kind: 'badRequest', reason: l10n.t('the change set {0} is not previewed in this window: preview the change again', changeSetId) });
    return pending;
  }

  /** A Set Field value its mapped field would refuse: said before anything is read. */
  private async mappingProblem(request: PreviewRequest): Promise<string | undefined> {
    if (!('set' in request.change)) return undefined;
    const { path, value } = request.change.set;
    const field = (await this.options.mapping?.(request.connectionId, request.index))?.fields.get(path);
    const text = value.trim();
    if (field === undefined || text.startsWith('[')) return undefined;
    const problem = checkFieldValue(field, valueKind(text), text);
    return problem?.effect === 'refused' ? l10n.t('{0} is {1}: {2}', path, field.type, problem.reason) : undefined;
  }

  private refuseReadOnly(connectionId: string): void {
    if (this.gateway(connectionId).readOnly) throw new ClusterError({ kind: 'readOnly', reason: l10n.t('the connection "{0}" is read-only', connectionId) });
  }
}

function valueKind(text: string): ValueKind {
  const first = text.charCodeAt(0);
  if (first === 0x22) return 'string';
  if (first === 0x7b) return 'object';
  if (text === 'true' || text === 'false') return text;
  if (text === 'null') return 'null';
  return 'number';
}

function changed(hit: SearchHit, change: Change): { text?: string; refused?: string } {
  return hit.sourceText === undefined ? {} : applyChange(hit.sourceText, change);
}

/**
 * What to send for one document at the version `token`: its changed source, or for a script the
 * `update` that runs it there; nothing when the change leaves it as it was (or it has no source).
 */
function writeOf(doc: { index: string; id: string; routing?: string; sourceText?: string }, token: VersionToken | undefined, change: Change): { write?: Write; refused?: string } {
  if (doc.sourceText === undefined || token === undefined) return {};
  const target = { ...refOf(doc), token, before: doc.sourceText };
  if (isScripted(change)) return { write: { ...target, kind: 'update', body: scriptUpdateBody(change.script) } };
  const outcome = applyChange(doc.sourceText, change);
  if (outcome.refused) return { refused: outcome.refused };
  return outcome.text === undefined ? {} : { write: { ...target, kind: 'index', body: oneLine(outcome.text) } };
}


function queryText(request: PreviewRequest): string {
  if (request.ids) return JSON.stringify({ ids: { values: request.ids } });
  if (request.query === undefined) return '{"match_all":{}}';
  if (typeof request.query === 'object') return JSON.stringify(request.query);
  const query = queryOf(request.query);
  if (!query.ok) throw new ClusterError({ kind: 'badRequest', reason: query.reason });
  return query.query;
}
