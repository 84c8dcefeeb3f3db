import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { DocumentStore } from '../cluster/documentStore';
import { conditionalAction, type BulkItem } from '../cluster/model/bulkResponses';
import { ClusterError } from '../cluster/model/clusterErrors';
import { queryOf } from '../cluster/model/queryText';
import type { SearchHit } from '../cluster/model/searchPage';
import type { VersionToken } from '../cluster/model/versionToken';
import { SnapshotReader } from '../cluster/snapshotReader';
import { compactJsonText } from '../json/jsonText';
import type { RefreshPolicy } from '../platform/model/settingValues';
import type { ValueKind } from '../json/jsonWalk';
import type { MappingModel } from '../mapping/model/mappingModel';
import { checkFieldValue } from '../mapping/model/mappingValues';
import { applyChange, checkChange, describeChange, type Change } from './model/changeKinds';
import { afterLine, beforeLine, docKey, endLine, headerLine, type ChangeSetHeader, type DocumentRef } from './model/journal';
import type { JournalStore } from './journalStore';

const SAMPLES = 20;
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

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

/** One document to write: where it is, the version it must still be at, the text to send. */
interface Write extends DocumentRef {
  readonly token: VersionToken;
  readonly before: string;
  readonly after: string;
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

  constructor(
    private readonly gateway: (connectionId: string) => ClusterGateway,
    private readonly store: DocumentStore,
    private readonly journals: JournalStore,
    private readonly options: RunnerOptions,
  ) {}

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
    const id = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
    const header: ChangeSetHeader = { type: 'changeSet', id, description: describeChange(request.change), time: new Date().toISOString(), connection: request.connectionId, index: request.index, query: queryText(request), change: request.change };
    this.pending.set(id, { request, header, reader, conflicts: [], applied: false });
    return { changeSetId: id, description: header.description, matched, willChange, unchanged: matched - willChange - refusedTotal, refused, samples };
  }

  /** Writes the change to the snapshot's documents, each conditional on its version there. */
  async apply(changeSetId: string, hooks: RunHooks = {}): Promise<ApplyReport> {
    const pending = this.pendingOf(changeSetId);
    if (pending.applied) throw new ClusterError({ kind: 'badRequest', reason: l10n.t('this change set was applied already: re-apply it to the changed documents, or preview the change again') });
    this.refuseReadOnly(pending.request.connectionId);
    pending.applied = true;
    this.journals.create(pending.header, headerLine(pending.header));
    const report = { changed: 0, unchanged: 0, conflicts: [] as DocumentRef[], refused: [] as Array<DocumentRef & { reason: string }>, cancelled: false };
    const total = pending.reader.matched ?? 0;
    let done = 0;
    let batch: Write[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await this.write(changeSetId, pending.request.connectionId, batch, report);
      done += batch.length;
      batch = [];
      bytes = 0;
      hooks.progress?.(done + report.unchanged, total);
    };
    try {
      for await (const page of pending.reader.pages()) {
        for (const hit of page) {
          const outcome = changed(hit, pending.request.change);
          if (outcome.refused) report.refused.push({ ...refOf(hit), reason: outcome.refused });
          else if (outcome.text === undefined || hit.token === undefined) report.unchanged++;
          else {
            batch.push({ ...refOf(hit), token: hit.token, before: hit.sourceText ?? '{}', after: oneLine(outcome.text) });
            bytes += outcome.text.length;
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
    const report = { changed: 0, unchanged: 0, conflicts: [] as DocumentRef[], refused: [] as Array<DocumentRef & { reason: string }>, cancelled: false };
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
        const outcome = applyChange(doc.sourceText, pending.request.change);
        if (outcome.refused) report.refused.push({ ...refs[n], reason: outcome.refused });
        else if (outcome.text === undefined) report.unchanged++;
        else writes.push({ ...refs[n], token: doc.token, before: doc.sourceText, after: oneLine(outcome.text) });
      });
      if (writes.length > 0) await this.write(changeSetId, pending.request.connectionId, writes, report);
      hooks.progress?.(Math.min(i + size, pending.conflicts.length), pending.conflicts.length);
    }
    pending.conflicts = [...report.conflicts];
    return { changeSetId, ...report };
  }

  /**
   * Restores every document the change set wrote to its prior source, each only if it is still at
   * the version the change set left; one changed since is reported, not restored. The undo is a
   * change set of its own, journaled the same way.
   */
  async undo(changeSetId: string, hooks: RunHooks = {}): Promise<UndoReport> {
    const state = this.journals.read(changeSetId);
    if (state === undefined) throw new ClusterError({ kind: 'badRequest', reason: l10n.t('no journal of the change set {0}', changeSetId) });
    const connectionId = state.header.connection;
    this.refuseReadOnly(connectionId);
    const id = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
    const header: ChangeSetHeader = { type: 'changeSet', id, description: `undo ${state.header.description}`, time: new Date().toISOString(), connection: connectionId, index: state.header.index, query: state.header.query, undoes: changeSetId };
    this.journals.create(header, headerLine(header));
    const report = { changed: 0, unchanged: 0, conflicts: [] as DocumentRef[], refused: [] as Array<DocumentRef & { reason: string }>, cancelled: false };
    const changedSince: DocumentRef[] = [];
    // A write sent but never answered may have been applied: unless the document is still as it was read, it is reported.
    const unanswered = [...state.unanswered.values()].filter((doc) => !state.restore.has(docKey(doc)));
    const size = this.options.batchDocuments();
    for (let i = 0; i < unanswered.length; i += size) {
      const docs = await this.store.getMany(connectionId, unanswered.slice(i, i + size));
      docs.forEach((doc, n) => {
        const was = unanswered[i + n];
        if (!doc.found || doc.token.seqNo !== was.token.seqNo || doc.token.primaryTerm !== was.token.primaryTerm) changedSince.push(refOf(was));
      });
    }
    const touched = [...state.restore.values()];
    for (let i = 0; i < touched.length; i += size) {
      if (hooks.cancelled?.()) break;
      const prior = touched.slice(i, i + size);
      const docs = await this.store.getMany(connectionId, prior);
      const writes: Write[] = [];
      docs.forEach((doc, n) => {
        const was = prior[n];
        const left = state.written.get(docKey(was))!.token;
        if (!doc.found || left === undefined || doc.token.seqNo !== left.seqNo || doc.token.primaryTerm !== left.primaryTerm) return void changedSince.push(refOf(was));
        writes.push({ ...refOf(was), token: doc.token, before: doc.sourceText, after: oneLine(was.sourceText) });
      });
      if (writes.length > 0) await this.write(id, connectionId, writes, report);
      hooks.progress?.(Math.min(i + size, touched.length), touched.length);
    }
    changedSince.push(...report.conflicts);
    this.journals.append(id, endLine({ changed: report.changed, unchanged: 0, conflicts: changedSince.length, refused: report.refused.length }));
    return { changeSetId: id, restored: report.changed, changedSince, refused: report.refused };
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

  /** One batch: journaled, sent, each item read; a 429 item is sent again after a pause (its condition still guards it). */
  private async write(changeSetId: string, connectionId: string, writes: readonly Write[], report: { changed: number; conflicts: DocumentRef[]; refused: Array<DocumentRef & { reason: string }> }): Promise<void> {
    this.journals.append(changeSetId, writes.map((write) => beforeLine({ ...refOf(write), token: write.token, sourceText: write.before })).join(''));
    let todo = [...writes];
    for (let attempt = 0; todo.length > 0; attempt++) {
      const items = await this.store.bulk(connectionId, todo.map((write) => conditionalAction('index', write, write.token, write.after)), this.options.refresh());
      const again: Write[] = [];
      const lines: string[] = [];
      items.forEach((item: BulkItem, i) => {
        const write = todo[i];
        if (item.status === 429 && attempt < RETRY_DELAYS_MS.length) return void again.push(write);
        lines.push(afterLine({ ...refOf(write), status: item.status, ...(item.token ? { token: item.token } : {}), ...(item.reason ? { reason: item.reason } : {}) }));
        if (item.status >= 200 && item.status < 300) report.changed++;
        else if (item.status === 409) report.conflicts.push(refOf(write));
        else report.refused.push({ ...refOf(write), reason: item.reason ?? `HTTP ${item.status}` });
      });
      this.journals.append(changeSetId, lines.join(''));
      todo = again;
      if (todo.length > 0) await (this.options.wait ?? delay)(RETRY_DELAYS_MS[attempt]);
    }
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function refOf(doc: { index: string; id: string; routing?: string }): DocumentRef {
  return { index: doc.index, id: doc.id, ...(doc.routing === undefined ? {} : { routing: doc.routing }) };
}

function changed(hit: SearchHit, change: Change): { text?: string; refused?: string } {
  return hit.sourceText === undefined ? {} : applyChange(hit.sourceText, change);
}

function oneLine(text: string): string {
  return /[\r\n]/.test(text) ? compactJsonText(text) : text;
}

function queryText(request: PreviewRequest): string {
  if (request.ids) return JSON.stringify({ ids: { values: request.ids } });
  if (request.query === undefined) return '{"match_all":{}}';
  if (typeof request.query === 'object') return JSON.stringify(request.query);
  const query = queryOf(request.query);
  if (!query.ok) throw new ClusterError({ kind: 'badRequest', reason: query.reason });
  return query.query;
}
