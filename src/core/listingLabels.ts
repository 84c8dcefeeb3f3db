import { describeSort, type ListingSort } from './listingSort';

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
  return `${formatCount(count)} ${count === 1 ? 'doc' : 'docs'}`;
}

/** The short line next to an index: e.g. `12 of 500 match \`year:2014\` · green · year ↓`. */
export function indexDescription(facts: IndexFacts): string {
  const { filter, matched, docsCount } = facts;
  let count = '';
  if (filter !== undefined && matched !== undefined) {
    count = `${formatTotal(matched)}${docsCount === undefined ? '' : ` of ${formatCount(docsCount)}`} match \`${filter}\``;
  } else if (filter !== undefined) {
    count = [docsCount === undefined ? '' : docs(docsCount), `filter \`${filter}\``].filter(Boolean).join(' · ');
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
  const counts = [facts.docsCount === undefined ? '' : `${formatCount(facts.docsCount)} documents`, facts.health ? `health ${facts.health}` : ''].filter(Boolean);
  if (counts.length > 0) lines.push(counts.join(', '));
  if (facts.filter !== undefined) {
    lines.push(`Filter: ${facts.filter}`);
    if (facts.matched !== undefined) lines.push(`${formatTotal(facts.matched)} ${facts.matched.value === 1 && facts.matched.relation === 'eq' ? 'document matches' : 'documents match'}`);
  }
  lines.push(facts.sort ? `Sorted by ${facts.sort.field}, ${facts.sort.order === 'asc' ? 'ascending' : 'descending'}` : 'In storage order');
  return lines.join('\n');
}

/** `Load more… (50 of 12,480 shown)`, or `(50 shown)` when the total is not known. */
export function loadMoreLabel(shown: number, total: HitTotal | undefined): string {
  return total === undefined ? `Load more… (${formatCount(shown)} shown)` : `Load more… (${formatCount(shown)} of ${formatTotal(total)} shown)`;
}
