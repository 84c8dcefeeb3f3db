import * as l10n from '@vscode/l10n';
import type { DocumentStore } from '../cluster/documentStore';
import { conditionalAction, type BulkItem } from '../cluster/model/bulkResponses';
import { failureOf } from '../cluster/model/clusterErrors';
import { compactJsonText } from '../json/jsonText';
import type { RefreshPolicy } from '../platform/model/settingValues';
import type { RowSource, StagedEdits } from './model/stagedEdits';

/** Documents and bytes per `_bulk` request; a bigger document goes alone. */
const BATCH_DOCUMENTS = 500;
const BATCH_BYTES = 5 * 1024 * 1024;

export interface SaveReport {
  /** The rows written, each with the source and version the write left. */
  readonly saved: readonly RowSource[];
  /** Rows the server had changed since they were read: not written, still staged. */
  readonly conflicts: readonly string[];
  /** Rows refused or not written for another reason, still staged, with the reason. */
  readonly failed: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
  /** `_bulk` requests sent. */
  readonly requests: number;
}

/**
 * The table's one write path: staged rows go out as `_bulk` `index` actions, each conditional on
 * the version its row was read at, with the row's exact source and only the edited values
 * replaced; deletes likewise. Each item's outcome is read on its own. A request whose answer never
 * came may have been applied: it is checked with one `_mget` (the text now there, the version),
 * never sent again blind.
 */
export class TableWriter {
  constructor(
    private readonly connectionId: string,
    private readonly store: DocumentStore,
    private readonly refresh: () => RefreshPolicy,
    private readonly staged: StagedEdits,
  ) {}

  async save(keys?: readonly string[]): Promise<SaveReport> {
    const wanted = keys ? new Set(keys) : undefined;
    const rows = this.staged.all().filter((row) => row.state !== 'conflict' && (wanted === undefined || wanted.has(row.source.key)));
    const saved: RowSource[] = [];
    const conflicts: string[] = [];
    const failed: Array<{ key: string; reason: string }> = [];
    let requests = 0;
    const outgoing = rows.map((row) => {
      const sent = this.staged.textToSend(row.source.key) ?? row.source.sourceText;
      return { source: row.source, sent, text: oneLine(sent) };
    });
    for (const batch of batches(outgoing)) {
      requests++;
      const actions = batch.map(({ source, text }) => conditionalAction('index', source, source.token, text));
      let items: BulkItem[];
      try {
        items = await this.store.bulk(this.connectionId, actions, this.refresh());
      } catch (error) {
        const failure = failureOf(error);
        if (failure.kind !== 'network') {
          for (const { source } of batch) this.fail(failed, source.key, failure.reason);
          continue;
        }
        items = await this.checkUnknown(batch, failure.reason);
      }
      items.forEach((item, i) => {
        const { source, sent, text } = batch[i];
        if (item.status >= 200 && item.status < 300 && item.token) {
          const written = { ...source, sourceText: text, token: item.token };
          this.staged.saved(source.key, written, sent);
          saved.push(written);
        } else if (item.status === 409) {
          conflicts.push(source.key);
          this.staged.mark(source.key, 'conflict', l10n.t('Changed on the server since you read it: not written. Merge, compare, overwrite or discard.'));
        } else if (item.status === 429) {
          this.fail(failed, source.key, l10n.t('The cluster was too busy to write it (429): not written. Save again.'));
        } else {
          this.fail(failed, source.key, item.reason ?? `HTTP ${item.status}`);
        }
      });
    }
    return { saved, conflicts, failed, requests };
  }

  /** Deletes documents, each only if it is still at the version read; the keys deleted, and those that had changed. */
  async delete(sources: readonly RowSource[]): Promise<{ deleted: string[]; conflicts: string[]; gone: string[]; failed: Array<{ key: string; reason: string }> }> {
    const deleted: string[] = [];
    const conflicts: string[] = [];
    const gone: string[] = [];
    const failed: Array<{ key: string; reason: string }> = [];
    for (let i = 0; i < sources.length; i += BATCH_DOCUMENTS) {
      const batch = sources.slice(i, i + BATCH_DOCUMENTS);
      const items = await this.store.bulk(this.connectionId, batch.map((source) => conditionalAction('delete', source, source.token)), this.refresh());
      items.forEach((item, n) => {
        const key = batch[n].key;
        if (item.status === 200) {
          deleted.push(key);
          this.staged.settle(key);
        } else if (item.status === 409) conflicts.push(key);
        else if (item.status === 404) gone.push(key);
        else failed.push({ key, reason: item.reason ?? `HTTP ${item.status}` });
      });
    }
    return { deleted, conflicts, gone, failed };
  }

  /** The server's current version of each row (undefined: it is gone), by key, in one `_mget`. */
  async read(sources: ReadonlyArray<Pick<RowSource, 'key' | 'index' | 'id' | 'routing'>>): Promise<Map<string, RowSource | undefined>> {
    const current = new Map<string, RowSource | undefined>();
    if (sources.length === 0) return current;
    const docs = await this.store.getMany(this.connectionId, sources);
    docs.forEach((doc, i) => {
      const asked = sources[i];
      const routing = asked.routing === undefined ? {} : { routing: asked.routing };
      // The row's own key: an ES|QL row's names no routing even when its document has one.
      current.set(asked.key, doc.found ? { key: asked.key, index: asked.index, id: asked.id, ...routing, sourceText: doc.sourceText, token: doc.token } : undefined);
    });
    return current;
  }

  private fail(failed: Array<{ key: string; reason: string }>, key: string, reason: string): void {
    failed.push({ key, reason });
    this.staged.mark(key, 'failed', reason);
  }

  /**
   * The answer to a batch never came: each document is read again. One that now holds the text
   * sent, at a newer version, was written; one still at the version read was not; one changed
   * otherwise was changed by someone else.
   */
  private async checkUnknown(batch: ReadonlyArray<{ source: RowSource; text: string }>, reason: string): Promise<BulkItem[]> {
    let current: Map<string, RowSource | undefined>;
    try {
      current = await this.read(batch.map(({ source }) => source));
    } catch {
      return batch.map(() => ({ status: 0, reason: l10n.t('{0}; the cluster may have applied it and could not be asked. Save again to find out.', reason) }));
    }
    return batch.map(({ source, text }): BulkItem => {
      const now = current.get(source.key);
      if (now === undefined) return { status: 404, reason: l10n.t('{0}; the document is gone', reason) };
      if (now.token.seqNo === source.token.seqNo && now.token.primaryTerm === source.token.primaryTerm) return { status: 0, reason: l10n.t('{0}; checked: not written', reason) };
      if (compactJsonText(now.sourceText) === compactJsonText(text)) return { status: 200, token: now.token };
      return { status: 409 };
    });
  }
}

/** A source on one line for `_bulk`: kept as it is when it has no line break, else made compact. */
function oneLine(text: string): string {
  return /[\r\n]/.test(text) ? compactJsonText(text) : text;
}

function batches<T extends { text: string }>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(item.text);
    if (current.length > 0 && (current.length >= BATCH_DOCUMENTS || bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
