import * as l10n from '@vscode/l10n';
import type { ImportDocument } from './importReader';

/**
 * How an import writes, each named for what it can do to a document that is already there:
 * - `create` (the default): `op_type=create`, which never touches an existing document;
 * - `conditional`: a document with a token (the tokens form) is written only if it is still at
 *   that version (`if_seq_no`/`if_primary_term`), and one changed since is a conflict; one without
 *   a token is created;
 * - `overwrite`: a plain `index`, which replaces whatever is there (asked for first).
 */
export type ImportMode = 'create' | 'conditional' | 'overwrite';

export const IMPORT_MODES: readonly ImportMode[] = ['create', 'conditional', 'overwrite'];

/** The two NDJSON lines of one document in a `_bulk` body to `/{index}/_bulk`. */
export function bulkLines(document: ImportDocument, mode: ImportMode): string {
  const target = { _id: document.id, ...(document.routing === undefined ? {} : { routing: document.routing }) };
  let action: Record<string, unknown>;
  if (mode === 'overwrite') action = { index: target };
  else if (mode === 'conditional' && document.token) action = { index: { ...target, if_seq_no: document.token.seqNo, if_primary_term: document.token.primaryTerm } };
  else action = { create: target };
  return `${JSON.stringify(action)}\n${document.source}\n`;
}

/** What became of one document of a batch. */
export type ItemOutcome =
  | { readonly kind: 'created' | 'updated' }
  /** create-only met an existing document. */
  | { readonly kind: 'existed' }
  /** A conditional write met a newer version. */
  | { readonly kind: 'conflict'; readonly reason: string }
  /** Too many requests: not applied, safe to send again (its condition still guards it). */
  | { readonly kind: 'retry' }
  | { readonly kind: 'refused'; readonly reason: string };

interface BulkItemAnswer {
  status?: number;
  result?: string;
  error?: { type?: string; reason?: string; caused_by?: { reason?: string } };
}

/**
 * The outcome of each item of a `_bulk` answer, in the order sent. The answer holds only metadata
 * (no source comes back), so reading it as values loses nothing.
 */
export function readBulkOutcomes(text: string, documents: readonly ImportDocument[], mode: ImportMode): ItemOutcome[] {
  const answer = JSON.parse(text) as { items?: Array<Record<string, BulkItemAnswer>> };
  const items = answer.items ?? [];
  if (items.length !== documents.length) throw new Error(l10n.t('the bulk answer has {0} items for {1} documents', items.length, documents.length));
  return items.map((item, i) => outcomeOf(Object.values(item)[0] ?? {}, documents[i], mode));
}

function outcomeOf(item: BulkItemAnswer, document: ImportDocument, mode: ImportMode): ItemOutcome {
  const status = item.status ?? 0;
  if (status === 201) return { kind: 'created' };
  if (status === 200) return { kind: item.result === 'created' ? 'created' : 'updated' };
  if (status === 429) return { kind: 'retry' };
  const reason = [item.error?.type, item.error?.reason, item.error?.caused_by?.reason].filter(Boolean).join(': ') || `HTTP ${status}`;
  if (status === 409) return mode === 'conditional' && document.token ? { kind: 'conflict', reason } : { kind: 'existed' };
  return { kind: 'refused', reason };
}
