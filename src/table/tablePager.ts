import { readSearchResponse } from '../cluster/model/listingResponses';
import type { SearchHit, SearchPage } from '../cluster/model/searchPage';
import { encodePathSegment, type ClusterGateway } from '../cluster/clusterGateway';
import { isExpiredPit, KEEP_ALIVE, PointInTime } from '../cluster/pointInTime';

/** Pages kept: more than the grid keeps, so a row the grid shows is one the host can stage. */
const PAGES_KEPT = 24;

export interface TableSearch {
  /** The Query DSL query, JSON text. */
  readonly query: string;
  /** The sort clause without its tiebreaker, made by `sortOf` once the tiebreaker is known. */
  readonly sort: (tiebreaker: '_shard_doc' | '_id') => string;
}

/**
 * A table's rows by page number, for a grid that asks for any block as it scrolls: a point in
 * time and `search_after`, one request per page whatever its depth (no 10,000 wall). The sort
 * values where each page starts are kept (a few bytes a page), so a page dropped from the cache is
 * read again with one request; a page beyond the last read is reached by reading the ones before
 * it. The rows themselves are kept for the last pages only: memory does not grow with the rows
 * scrolled through. An expired point in time is reopened; the listing carries on by sort values.
 */
export class TablePager {
  private readonly pit: PointInTime;
  /** `starts[p]`: the `search_after` of page `p` (page 0 has none). */
  private readonly starts: Array<string | undefined> = [undefined];
  private readonly pages = new Map<number, readonly SearchHit[]>();
  private lastPage: number | undefined;
  private counted: SearchPage['total'];
  private closed = false;

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    readonly pageSize: number,
    private readonly search: TableSearch,
  ) {
    this.pit = new PointInTime(gateway, index);
  }

  get total(): SearchPage['total'] {
    return this.counted;
  }

  /** The number of rows, once the last page has been read. */
  get rowCount(): number | undefined {
    if (this.lastPage === undefined) return undefined;
    return this.lastPage * this.pageSize + (this.pages.get(this.lastPage)?.length ?? 0);
  }

  /** Page `p`'s hits; empty past the end. */
  async page(p: number): Promise<readonly SearchHit[]> {
    const cached = this.pages.get(p);
    if (cached) {
      this.pages.delete(p);
      this.pages.set(p, cached);
      return cached;
    }
    while (this.starts.length <= p) {
      if (this.lastPage !== undefined) return [];
      await this.read(this.starts.length - 1);
    }
    if (this.lastPage !== undefined && p > this.lastPage) return [];
    return this.read(p);
  }

  /** Page `p` read from the cluster even when it is kept: what a page dropped from the cache costs. */
  async pageAgain(p: number): Promise<readonly SearchHit[]> {
    this.pages.delete(p);
    return this.page(p);
  }

  /** The hits of the pages kept, to find a row the grid shows. */
  *keptHits(): Iterable<SearchHit> {
    for (const hits of this.pages.values()) yield* hits;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pages.clear();
    await this.pit.close();
  }

  private async read(p: number): Promise<readonly SearchHit[]> {
    if (this.closed) return [];
    let answer: SearchPage;
    try {
      answer = await this.send(p, await this.pit.id());
    } catch (error) {
      if (!isExpiredPit(error)) throw error;
      answer = await this.send(p, await this.pit.reopen());
    }
    this.pit.renewed(answer.pitId);
    if (answer.total) this.counted = answer.total;
    const hits = answer.hits;
    if (hits.length < this.pageSize) this.lastPage = p;
    else this.starts[p + 1] = hits[hits.length - 1].sortText;
    this.pages.set(p, hits);
    while (this.pages.size > PAGES_KEPT) this.pages.delete(this.pages.keys().next().value as number);
    return hits;
  }

  private send(p: number, pitId: string | undefined): Promise<SearchPage> {
    const after = this.starts[p];
    const pit = pitId === undefined ? '' : `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}`;
    // OpenSearch (2.19) may stop counting early on a sorted search_after and then skip documents a
    // sort field is missing from: there, every page counts (see DocumentPager).
    const count = this.counted === undefined || this.pit.tiebreaker === '_id';
    const body = `{"size":${this.pageSize},"query":${this.search.query}${pit},"sort":${this.search.sort(this.pit.tiebreaker)},"track_total_hits":${count},"seq_no_primary_term":true,"version":true${after ? `,"search_after":${after}` : ''}}`;
    const path = pitId === undefined ? `/${encodePathSegment(this.index)}/_search` : '/_search';
    return this.gateway.sendOkAndRead({ method: 'POST', path, body }, readSearchResponse);
  }
}
