import * as l10n from '@vscode/l10n';
import { describeSort, type ListingSort } from '../../cluster/model/listingSort';

/** What the tree says about an index and its listing: counts, filter and sort, in plain words. */

export interface HitTotal {
  readonly value: number;
  /** `gte` when the cluster stopped counting (a lower bound). */
  readonly relation: 'eq' | 'gte';
}

export interface IndexFacts {
  /** `alias → a, b`, `backing index`, or nothing for a plain index. */
  readonly kind?: string;
  readonly name: string;
  readonly docsCount: number | undefined;
  readonly health: string;
  readonly filter?: string;
  /** Hits of the current listing, when its first page has been read. */
  readonly matched?: HitTotal;
  readonly sort?: ListingSort;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function formatTotal(total: HitTotal): string {
  return `${total.relation === 'gte' ? '≥ ' : ''}${formatCount(total.value)}`;
}

function docs(count: number): string {
  return count === 1 ? l10n.t('1 doc') : l10n.t({ message: '{0} docs', args: [formatCount(count)], comment: ['{0} is a number of documents in the index'] });
}

/** The short line next to an index: e.g. `12 of 500 match \`year:2014\` · green · year ↓`. */
export function indexDescription(facts: IndexFacts): string {
  const { filter, matched, docsCount } = facts;
  let count = '';
  if (filter !== undefined && matched !== undefined) {
    count =
      docsCount === undefined
        ? l10n.t('{0} match `{1}`', formatTotal(matched), filter)
        : l10n.t('{0} of {1} match `{2}`', formatTotal(matched), formatCount(docsCount), filter);
  } else if (filter !== undefined) {
    count = [docsCount === undefined ? '' : docs(docsCount), l10n.t('filter `{0}`', filter)].filter(Boolean).join(' · ');
  } else if (matched !== undefined && matched.relation === 'eq') {
    count = docs(matched.value);
  } else if (docsCount !== undefined) {
    count = docs(docsCount);
  }
  return [facts.kind, count, facts.health, facts.sort && describeSort(facts.sort)].filter(Boolean).join(' · ');
}

/** The tooltip of an index: everything the description may cut, the whole filter first of all. */
export function indexTooltip(facts: IndexFacts): string {
  const lines = [facts.kind ? `${facts.name} (${facts.kind})` : facts.name];
  const counts = [facts.docsCount === undefined ? '' : l10n.t('{0} documents', formatCount(facts.docsCount)), facts.health ? l10n.t('health {0}', facts.health) : ''].filter(Boolean);
  if (counts.length > 0) lines.push(counts.join(', '));
  if (facts.filter !== undefined) {
    lines.push(l10n.t('Filter: {0}', facts.filter));
    if (facts.matched !== undefined) {
      const one = facts.matched.value === 1 && facts.matched.relation === 'eq';
      lines.push(one ? l10n.t('{0} document matches', formatTotal(facts.matched)) : l10n.t('{0} documents match', formatTotal(facts.matched)));
    }
  }
  const sortedBy = (field: string, order: ListingSort['order']): string => (order === 'asc' ? l10n.t('Sorted by {0}, ascending', field) : l10n.t('Sorted by {0}, descending', field));
  lines.push(facts.sort ? sortedBy(facts.sort.field, facts.sort.order) : l10n.t('In storage order'));
  return lines.join('\n');
}

/** `Load more… (50 of 12,480 shown)`, or `(50 shown)` when the total is not known. */
export function loadMoreLabel(shown: number, total: HitTotal | undefined): string {
  return total === undefined ? l10n.t('Load more… ({0} shown)', formatCount(shown)) : l10n.t('Load more… ({0} of {1} shown)', formatCount(shown), formatTotal(total));
}
