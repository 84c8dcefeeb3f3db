import { addressKey, indexKey, isKeyOfConnection, type DocumentAddress } from '../cluster/model/documentAddress';
import { PREVIEW_FIELDS, previewOf } from './model/documentPreview';
import type { HitTotal } from './model/listingLabels';
import type { ListingSort } from '../cluster/model/listingSort';
import { DocumentPager } from '../cluster/documentPager';
import type { GatewayPool } from '../cluster/gatewayPool';
import { indexNodeKey, type DocumentNode, type IndexNode } from './treeNodes';

interface Listing {
  readonly pager: DocumentPager;
  readonly documents: DocumentNode[];
  /** The pager's total, less the documents deleted since. */
  total?: HitTotal;
  /** The page being read: a second "Load more" while it is in flight waits for it instead of sending another search. */
  loading?: Promise<void>;
}

export interface ListedDocuments {
  readonly documents: readonly DocumentNode[];
  readonly more: boolean;
  readonly total: HitTotal | undefined;
}

/** The documents listed so far under each index, page by page, and each index's filter and sort. */
export class IndexListings {
  private readonly listings = new Map<string, Listing>();
  private readonly filters = new Map<string, string>();
  private readonly sorts = new Map<string, ListingSort>();
  /** Documents deleted from each index since its count was read from `_cat/indices`. */
  private readonly deleted = new Map<string, number>();

  constructor(
    private readonly gateways: GatewayPool,
    private readonly pageSize: () => number,
  ) {}

  filterOf(node: IndexNode): string | undefined {
    return this.filters.get(indexNodeKey(node));
  }

  setFilter(node: IndexNode, filter: string | undefined): void {
    if (filter) this.filters.set(indexNodeKey(node), filter);
    else this.filters.delete(indexNodeKey(node));
    this.reset(node);
  }

  sortOf(node: IndexNode): ListingSort | undefined {
    return this.sorts.get(indexNodeKey(node));
  }

  setSort(node: IndexNode, sort: ListingSort | undefined): void {
    if (sort) this.sorts.set(indexNodeKey(node), sort);
    else this.sorts.delete(indexNodeKey(node));
    this.reset(node);
  }

  /** The listing's total once its first page is read (filtered or not), less deletions since. */
  totalOf(node: IndexNode): HitTotal | undefined {
    return this.listings.get(indexNodeKey(node))?.total;
  }

  /** The `_cat/indices` count of the index, less the documents deleted from it since. */
  countOf(node: IndexNode): number | undefined {
    const count = node.index.docsCount;
    return count === undefined ? undefined : Math.max(0, count - (this.deleted.get(indexNodeKey(node)) ?? 0));
  }

  /** How many documents are listed under the index so far. */
  listedCount(node: IndexNode): number {
    return this.listings.get(indexNodeKey(node))?.documents.length ?? 0;
  }

  /** `_cat/indices` was read again for the connection: its counts include the deletions. */
  countsRead(connectionId: string): void {
    for (const key of this.deleted.keys()) if (isKeyOfConnection(key, connectionId)) this.deleted.delete(key);
  }

  /** The documents listed so far, loading the first page on first use. */
  async documents(node: IndexNode): Promise<ListedDocuments> {
    let listing = this.listings.get(indexNodeKey(node));
    if (listing === undefined) {
      const options = { queryString: this.filterOf(node), sort: this.sortOf(node), sourceFields: PREVIEW_FIELDS };
      const pager = new DocumentPager(this.gateways.get(node.connectionId), node.index.name, this.pageSize(), options);
      listing = { pager, documents: [] };
      this.listings.set(indexNodeKey(node), listing);
      await this.load(node, listing);
    } else if (listing.loading) {
      await listing.loading;
    }
    return { documents: listing.documents, more: !listing.pager.done, total: listing.total };
  }

  /** Reads the next page; while one is being read, waits for it instead (a double click reads one page). */
  async loadMore(node: IndexNode): Promise<void> {
    const listing = this.listings.get(indexNodeKey(node));
    if (listing === undefined) return;
    if (listing.loading) return listing.loading;
    if (!listing.pager.done) await this.load(node, listing);
  }

  /**
   * Removes a deleted document from every listing holding it and counts it off its index and
   * those listings. Returns the keys (see `indexKey`) of the indices whose rows changed.
   */
  forget(address: DocumentAddress): Set<string> {
    const key = addressKey(address);
    const changed = new Set<string>([indexKey(address)]);
    for (const [listingKey, listing] of this.listings) {
      const at = listing.documents.findIndex((d) => addressKey(d.address) === key);
      if (at < 0) continue;
      listing.documents.splice(at, 1);
      if (listing.total) listing.total = { ...listing.total, value: Math.max(0, listing.total.value - 1) };
      changed.add(listingKey);
    }
    for (const changedKey of changed) this.deleted.set(changedKey, (this.deleted.get(changedKey) ?? 0) + 1);
    return changed;
  }

  reset(node: IndexNode): void {
    const key = indexNodeKey(node);
    void this.listings.get(key)?.pager.close();
    this.listings.delete(key);
  }

  resetConnection(connectionId: string): void {
    for (const [key, listing] of this.listings) {
      if (isKeyOfConnection(key, connectionId)) {
        void listing.pager.close();
        this.listings.delete(key);
      }
    }
  }

  /** Forgets every listing (closing its point in time) and every count of deletions: all is read again. */
  clear(): void {
    for (const listing of this.listings.values()) void listing.pager.close();
    this.listings.clear();
    this.deleted.clear();
  }

  dispose(): void {
    this.clear();
  }

  private async load(node: IndexNode, listing: Listing): Promise<void> {
    const loading = (async () => {
      const hits = await listing.pager.nextPage();
      listing.total ??= listing.pager.total;
      for (const hit of hits) {
        // Writes go to the concrete index the hit came from, whatever name was listed.
        const address = { connectionId: node.connectionId, index: hit.index || node.index.name, id: hit.id, ...(hit.routing === undefined ? {} : { routing: hit.routing }) };
        listing.documents.push({ kind: 'document', address, preview: previewOf(hit.sourceText ?? '{}'), ...(hit.token ? { token: hit.token } : {}) });
      }
    })();
    listing.loading = loading;
    try {
      await loading;
    } catch (error) {
      // A failed first page must be retried from scratch; a failed later page keeps what was listed.
      if (listing.documents.length === 0 && this.listings.get(indexNodeKey(node)) === listing) this.listings.delete(indexNodeKey(node));
      throw error;
    } finally {
      listing.loading = undefined;
    }
  }
}
