import type { DocumentStore } from '../cluster/documentStore';
import { conditionalAction, type BulkItem } from '../cluster/model/bulkResponses';
import type { VersionToken } from '../cluster/model/versionToken';
import type { RefreshPolicy } from '../platform/model/settingValues';
import { compactJsonText } from '../json/jsonText';
import { afterLine, beforeLine, type DocumentRef } from './model/journal';
import type { JournalStore } from './journalStore';

const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * One document to write: where it is, the version it must still be at, its exact prior source
 * (journaled), and what is sent: the new source (`index`) or the body of a scripted `update`.
 */
export interface Write extends DocumentRef {
  readonly token: VersionToken;
  readonly before: string;
  readonly kind: 'index' | 'update';
  readonly body: string;
}

/** What a run of batches did so far, document by document. */
export interface Tally {
  changed: number;
  unchanged: number;
  conflicts: DocumentRef[];
  refused: Array<DocumentRef & { reason: string }>;
}

export function emptyTally(): Tally {
  return { changed: 0, unchanged: 0, conflicts: [], refused: [] };
}

/** A source on one line, as a `_bulk` line must be (only a text with line breaks is made compact). */
export function oneLine(text: string): string {
  return /[\r\n]/.test(text) ? compactJsonText(text) : text;
}

export function refOf(doc: { index: string; id: string; routing?: string }): DocumentRef {
  return { index: doc.index, id: doc.id, ...(doc.routing === undefined ? {} : { routing: doc.routing }) };
}

/**
 * The one write path of bulk changes: a batch is journaled (every document's prior source and
 * version) and flushed before it is sent as one `_bulk`, each item conditional on its version;
 * each answer is journaled. A 429 item was not applied: it is sent again after a pause, its
 * condition still guarding it. Nothing else is retried.
 */
export class BatchWriter {
  constructor(
    private readonly store: DocumentStore,
    private readonly journals: JournalStore,
    private readonly refresh: () => RefreshPolicy,
    private readonly wait: (ms: number) => Promise<void> = delay,
  ) {}

  async write(changeSetId: string, connectionId: string, writes: readonly Write[], tally: Tally): Promise<void> {
    this.journals.append(changeSetId, writes.map((write) => beforeLine({ ...refOf(write), token: write.token, sourceText: write.before })).join(''));
    let todo = [...writes];
    for (let attempt = 0; todo.length > 0; attempt++) {
      const items = await this.store.bulk(connectionId, todo.map((write) => conditionalAction(write.kind, write, write.token, write.body)), this.refresh());
      const again: Write[] = [];
      const lines: string[] = [];
      items.forEach((item: BulkItem, i) => {
        const write = todo[i];
        if (item.status === 429 && attempt < RETRY_DELAYS_MS.length) return void again.push(write);
        // A script that left the document as it was (`ctx.op = 'noop'`, or nothing changed) wrote nothing.
        const noop = item.result === 'noop';
        lines.push(afterLine({ ...refOf(write), status: item.status, ...(item.token ? { token: item.token } : {}), ...(item.reason ? { reason: item.reason } : {}), ...(noop ? { noop } : {}) }));
        if (noop) tally.unchanged++;
        else if (item.status >= 200 && item.status < 300) tally.changed++;
        else if (item.status === 409) tally.conflicts.push(refOf(write));
        else tally.refused.push({ ...refOf(write), reason: item.reason ?? `HTTP ${item.status}` });
      });
      this.journals.append(changeSetId, lines.join(''));
      todo = again;
      if (todo.length > 0) await this.wait(RETRY_DELAYS_MS[attempt]);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
