/**
 * What accepting the index picker means: the highlighted index, else the one the typed text names.
 * Text typed while the list still loads is kept and decided once the list arrives.
 */

import * as l10n from '@vscode/l10n';

export type IndexChoice<T> =
  | { readonly kind: 'pick'; readonly item: T }
  /** The list is still loading: decide when it arrives. */
  | { readonly kind: 'wait' }
  /** Nothing to take: stay open and say why. */
  | { readonly kind: 'stay'; readonly message: string };

export function chooseIndex<T extends { readonly name: string }>(typed: string, highlighted: T | undefined, items: readonly T[] | undefined): IndexChoice<T> {
  if (highlighted !== undefined) return { kind: 'pick', item: highlighted };
  if (items === undefined) return { kind: 'wait' };
  const text = typed.trim();
  if (text === '') return { kind: 'stay', message: items.length === 0 ? l10n.t('This cluster has no index.') : l10n.t('Pick an index.') };
  const exact = items.find((item) => item.name === text);
  if (exact !== undefined) return { kind: 'pick', item: exact };
  const lower = text.toLowerCase();
  const candidates = items.filter((item) => item.name.toLowerCase().includes(lower));
  if (candidates.length === 1) return { kind: 'pick', item: candidates[0] };
  if (candidates.length > 1) return { kind: 'stay', message: l10n.t('{0} indices match "{1}": pick one.', candidates.length, text) };
  return { kind: 'stay', message: l10n.t('No index matches "{0}".', text) };
}

/** Why a name cannot be a new index's (Elasticsearch's rules), or undefined when it can. */
export function newIndexNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return l10n.t('An index needs a name.');
  if (name !== name.toLowerCase()) return l10n.t('An index name is lowercase.');
  if (/[\\/*?"<>| ,#:]/.test(name)) return l10n.t('An index name has none of \\ / * ? " < > | , # : or a space.');
  if (/^[-_+]/.test(name)) return l10n.t('An index name does not start with -, _ or +.');
  if (Buffer.byteLength(name, 'utf8') > 255) return l10n.t('An index name is at most 255 bytes.');
  return undefined;
}
