import * as l10n from '@vscode/l10n';
import { tokenFromMetadata, type VersionToken } from './versionToken';

/** One action of a `_bulk` request: its action line, and the source line for `index`. */
export interface BulkAction {
  readonly action: string;
  /** The document's exact source text, on one line (compact). */
  readonly source?: string;
}

/** A conditional write of a document: `index` with the version it was read at (or `update` with its body, or `delete`). */
export function conditionalAction(kind: 'index' | 'update' | 'delete', target: { index: string; id: string; routing?: string }, token: VersionToken, source?: string): BulkAction {
  const meta = { _index: target.index, _id: target.id, ...(target.routing === undefined ? {} : { routing: target.routing }), if_seq_no: token.seqNo, if_primary_term: token.primaryTerm };
  return { action: JSON.stringify({ [kind]: meta }), ...(source === undefined ? {} : { source }) };
}

/**
 * One item of a `_bulk` answer, in the order the actions were sent. The answer holds only
 * metadata (no source comes back), so reading it as values loses nothing.
 */
export interface BulkItem {
  readonly status: number;
  /** `created`, `updated`, `deleted`, `noop`, `not_found`. */
  readonly result?: string;
  /** The version a successful write left. */
  readonly token?: VersionToken;
  /** The failure's type and reason, joined, for the words shown. */
  readonly reason?: string;
  readonly errorType?: string;
}

interface ItemAnswer {
  status?: number;
  result?: string;
  _seq_no?: number;
  _primary_term?: number;
  _version?: number;
  error?: { type?: string; reason?: string; caused_by?: { reason?: string } };
}

export function readBulkItems(text: string, expected: number): BulkItem[] {
  const answer = JSON.parse(text) as { items?: Array<Record<string, ItemAnswer>> };
  const items = answer.items ?? [];
  if (items.length !== expected) throw new Error(l10n.t('the bulk answer has {0} items for {1} documents', items.length, expected));
  return items.map((entry) => {
    const item = Object.values(entry)[0] ?? {};
    const token = tokenFromMetadata(item);
    const reason = item.error ? [item.error.type, item.error.reason, item.error.caused_by?.reason].filter(Boolean).join(': ') : undefined;
    return {
      status: item.status ?? 0,
      ...(item.result === undefined ? {} : { result: item.result }),
      ...(token === undefined ? {} : { token }),
      ...(reason === undefined ? {} : { reason }),
      ...(item.error?.type === undefined ? {} : { errorType: item.error.type }),
    };
  });
}
