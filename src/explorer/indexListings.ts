import { addressKey, type DocumentAddress } from '../core/documentAddress';
import { previewOf } from '../core/documentPreview';
import { DocumentPager } from '../elastic/documentPager';
import type { GatewayPool } from '../elastic/gatewayPool';
import { indexKey, type DocumentNode, type IndexNode } from './treeNodes';

interface Listing {
  readonly pager: DocumentPager;
  readonly documents: DocumentNode[];
  loading?: Promise<void>;
}

/** The documents listed so far under each index, page by page, and each index's filter. */
export class IndexListings {
  private readonly listings = new Map<string, Listing>();
  private readonly filters = new Map<string, string>();

  constructor(
    private readonly gateways: GatewayPool,
    private readonly pageSize: () => number,
  ) {}

  filterOf(node: IndexNode): string | undefined {
    return this.filters.get(indexKey(node));
  }

  setFilter(node: IndexNode, filter: string | undefined): void {
    if (filter) this.filters.set(indexKey(node), filter);
    else this.filters.delete(indexKey(node));
    this.reset(node);
  }

  /** The documents listed so far, loading the first page on first use. */
  async documents(node: IndexNode): Promise<{ documents: readonly DocumentNode[]; more: boolean }> {
    let listing = this.listings.get(indexKey(node));
    if (listing === undefined) {
      const pager = new DocumentPager(this.gateways.get(node.connectionId), node.index.name, this.pageSize(), this.filterOf(node));
      listing = { pager, documents: [] };
      this.listings.set(indexKey(node), listing);
      await this.load(node, listing);
    } else if (listing.loading) {
      await listing.loading;
    }
    return { documents: listing.documents, more: !listing.pager.done };
  }

  async loadMore(node: IndexNode): Promise<void> {
    const listing = this.listings.get(indexKey(node));
    if (listing && !listing.pager.done) await this.load(node, listing);
  }

  /** Removes a document from every listing holding it; true when one did. */
  forget(address: DocumentAddress): boolean {
    const key = addressKey(address);
    let found = false;
    for (const listing of this.listings.values()) {
      const at = listing.documents.findIndex((d) => addressKey(d.address) === key);
      if (at >= 0) {
        listing.documents.splice(at, 1);
        found = true;
      }
    }
    return found;
  }

  reset(node: IndexNode): void {
    const key = indexKey(node);
    void this.listings.get(key)?.pager.close();
    this.listings.delete(key);
  }

  resetConnection(connectionId: string): void {
    for (const [key, listing] of this.listings) {
      if (key.startsWith(`${connectionId}\u0000`)) {
        void listing.pager.close();
        this.listings.delete(key);
      }
    }
  }

  dispose(): void {
    for (const listing of this.listings.values()) void listing.pager.close();
    this.listings.clear();
  }

  private async load(node: IndexNode, listing: Listing): Promise<void> {
    const loading = (async () => {
      const hits = await listing.pager.nextPage();
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
      if (listing.documents.length === 0) this.listings.delete(indexKey(node));
      throw error;
    } finally {
      listing.loading = undefined;
    }
  }
}
