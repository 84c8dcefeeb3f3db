import type { SearchHit } from '../../cluster/model/searchPage';
import { cellOf, readValues } from './tableCells';
import type { StagedEdits, RowSource } from './stagedEdits';
import { ID_PATH, type CellView, type RowView } from './tableProtocol';

/** A document's key in a table: its index, id and routing (a document is unique by the three). */
export function rowKey(index: string, id: string, routing: string | undefined): string {
  return JSON.stringify([index, id, routing ?? null]);
}

/** A version as a row carries it to the grid and back. */
export function versionOf(source: RowSource): string {
  return `${source.token.primaryTerm}:${source.token.seqNo}`;
}

/** The later of two reads of a document (by primary term, then sequence number). */
export function newerSource(a: RowSource | undefined, b: RowSource): RowSource {
  if (a === undefined) return b;
  const later = a.token.primaryTerm !== b.token.primaryTerm ? a.token.primaryTerm > b.token.primaryTerm : a.token.seqNo >= b.token.seqNo;
  return later ? a : b;
}

/** A document a row names, by its key. */
export interface RowAddress {
  readonly key: string;
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
}

/** The document a key names, when it names one (an ES|QL row without `_id` and `_index` does not). */
export function addressOfKey(key: string): RowAddress | undefined {
  const parsed = JSON.parse(key) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [index, id, routing] = parsed as unknown[];
  if (typeof index !== 'string' || typeof id !== 'string') return undefined;
  return { key, index, id, ...(typeof routing === 'string' ? { routing } : {}) };
}

export function sourceOfHit(hit: SearchHit): RowSource | undefined {
  if (hit.sourceText === undefined || hit.token === undefined) return undefined;
  return { key: rowKey(hit.index, hit.id, hit.routing), index: hit.index, id: hit.id, ...(hit.routing === undefined ? {} : { routing: hit.routing }), sourceText: hit.sourceText, token: hit.token };
}

/**
 * What the grid shows of a document: the staged text where there is one (edited cells marked),
 * the source as read otherwise. `found` collects the paths the mapping does not list.
 */
export function rowView(source: RowSource, paths: ReadonlySet<string>, staged: StagedEdits, found?: Set<string>): RowView {
  const row = staged.row(source.key);
  const text = row ? (staged.textToSend(source.key) ?? source.sourceText) : source.sourceText;
  const { values, others } = readValues(text, paths);
  for (const path of others) found?.add(path);
  const cells: Record<string, CellView> = { [ID_PATH]: { kind: 'string', text: source.id } };
  for (const [path, value] of values) cells[path] = row?.edits.has(path) ? { ...cellOf(value), edited: true } : cellOf(value);
  return {
    key: source.key,
    id: source.id,
    index: source.index,
    cells,
    state: row?.state ?? 'clean',
    version: versionOf(source),
    ...(row?.reason === undefined ? {} : { message: row.reason }),
  };
}
