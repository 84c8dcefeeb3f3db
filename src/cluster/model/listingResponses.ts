import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { MalformedResponseError, truncate } from './esResponses';
import { scanSearchResponse } from './searchHitsScan';
import type { SearchHit, SearchPage } from './searchPage';
import { tokenFromMetadata } from './versionToken';

/**
 * The answers that list documents or indices: a search's hits (each `_source` sliced out as
 * received, sort values kept verbatim for `search_after`) and the rows of `_cat/indices`.
 */

function nodeText(text: string, node: Node | undefined): string | undefined {
  return node === undefined ? undefined : text.slice(node.offset, node.offset + node.length);
}

/**
 * A string value as a string of its own. The parser's values can be slices that keep the whole
 * response alive; a listing holds thousands of ids, and must not hold every page it read.
 */
function nodeString(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (JSON.parse(JSON.stringify(node.value)) as string) : undefined;
}

export function readSearchResponse(text: string): SearchPage {
  return scanSearchResponse(text) ?? readSearchResponseTree(text);
}

/** The full parse: slower, and it says what is wrong with an answer the scan does not take. */
export function readSearchResponseTree(text: string): SearchPage {
  const root = parseTree(text);
  const hitsNode = root && findNodeAtLocation(root, ['hits', 'hits']);
  if (!root || hitsNode?.type !== 'array') throw new MalformedResponseError(l10n.t('the search answer has no hits.hits array'));
  const hits = (hitsNode.children ?? []).map((hit): SearchHit => {
    const id = nodeString(findNodeAtLocation(hit, ['_id']));
    if (hit.type !== 'object' || id === undefined) throw new MalformedResponseError(l10n.t('a search hit has no _id'));
    const routing = nodeString(findNodeAtLocation(hit, ['_routing']));
    const token = tokenFromMetadata({
      _seq_no: findNodeAtLocation(hit, ['_seq_no'])?.value,
      _primary_term: findNodeAtLocation(hit, ['_primary_term'])?.value,
      _version: findNodeAtLocation(hit, ['_version'])?.value,
    });
    return {
      ...(token === undefined ? {} : { token }),
      index: nodeString(findNodeAtLocation(hit, ['_index'])) ?? '',
      id,
      ...(routing === undefined ? {} : { routing }),
      sourceText: nodeText(text, findNodeAtLocation(hit, ['_source'])),
      sortText: nodeText(text, findNodeAtLocation(hit, ['sort'])),
    };
  });
  const total = readTotal(findNodeAtLocation(root, ['hits', 'total']));
  return { hits, pitId: nodeString(findNodeAtLocation(root, ['pit_id'])), ...(total === undefined ? {} : { total }) };
}

/** `{"value":12,"relation":"eq"}`, or a plain number from a cluster answering `rest_total_hits_as_int`. */
function readTotal(node: Node | undefined): SearchPage['total'] {
  if (node?.type === 'number' && typeof node.value === 'number') return { value: node.value, relation: 'eq' };
  const value: unknown = node && findNodeAtLocation(node, ['value'])?.value;
  if (typeof value !== 'number') return undefined;
  return { value, relation: node && findNodeAtLocation(node, ['relation'])?.value === 'gte' ? 'gte' : 'eq' };
}

export interface CatIndexRow {
  readonly index: string;
  readonly health: string;
  readonly docsCount: number | undefined;
}

/** The rows of `_cat/indices?format=json`. */
export function readCatIndices(text: string): CatIndexRow[] {
  if (text.trim() === '') throw new MalformedResponseError(l10n.t('the list of indices came back empty'));
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(l10n.t('the list of indices is not JSON: {0}', truncate(text, 120)));
  }
  if (!Array.isArray(rows)) throw new MalformedResponseError(l10n.t('the list of indices is not a list: {0}', truncate(text, 120)));
  return rows.map((row: unknown) => {
    const record = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    const count = record['docs.count'] === undefined || record['docs.count'] === null ? NaN : Number(record['docs.count']);
    return { index: String(record.index ?? ''), health: String(record.health ?? ''), docsCount: Number.isFinite(count) ? count : undefined };
  });
}
