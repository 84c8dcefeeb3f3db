import { readSearchResponse } from './model/listingResponses';
import type { SearchHit, SearchPage } from './model/searchPage';
import { sortClause, type ListingSort } from './model/listingSort';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';
import { isExpiredPit, KEEP_ALIVE, PointInTime } from './pointInTime';

export interface PagerOptions {
  /** A Lucene query string; all documents without one. */
  readonly queryString?: string;
  /** Storage order (`_shard_doc`) without one. */
  readonly sort?: ListingSort;
  /** The `_source` fields to fetch (`includes`); the whole `_source` without them. */
  readonly sourceFields?: readonly string[];
  /** A Query DSL query as JSON text, sent as written (instead of `queryString`). */
  readonly query?: string;
  /**
   * False for a reader that goes through once and must stay flat in memory (an export): the ids
   * listed are not kept to drop the repeats a reopened point in time may bring. Default true.
   */
  readonly rememberSeen?: boolean;
}

/**
 * Pages through an index with a point in time and `search_after` on the sort values (a field's,
 * then `_shard_doc`): every page costs one request whatever its depth, and there is no
 * 10,000-hit window. The first page also counts the hits (`track_total_hits`), in the same
 * request. A point in time that expired is reopened and the listing carries on from the last
 * hit seen.
 *
 * Each engine's own point in time is used (`PointInTime`). Where there is none, pages
 * are read with `search_after` on the index itself, sorted by `_id` last. That keeps the one
 * request per page and the absence of a 10,000 wall, and leaves nothing open on the cluster for a
 * listing the user walks away from (a scroll would hold its segments until it expires, and could
 * not be resumed after that). What it gives up is the snapshot: a document written between two
 * pages shows where it sorts now.
 */
export class DocumentPager {
  private readonly pit: PointInTime;
  private searchAfter: string | undefined;
  private exhausted = false;
  private counted: SearchPage['total'];
  private readonly seen = new Set<string>();

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    private readonly pageSize: number,
    private readonly options: PagerOptions = {},
  ) {
    this.pit = new PointInTime(gateway, index);
  }

  get done(): boolean {
    return this.exhausted;
  }

  /** How many documents the listing has in all, once the first page is read. */
  get total(): SearchPage['total'] {
    return this.counted;
  }

  async nextPage(): Promise<SearchHit[]> {
    if (this.exhausted) return [];
    let page;
    try {
      page = await this.search(await this.pit.id());
    } catch (error) {
      if (!isExpiredPit(error)) throw error;
      page = await this.search(await this.pit.reopen());
    }
    this.pit.renewed(page.pitId);
    this.counted ??= page.total;
    if (page.hits.length < this.pageSize) this.exhausted = true;
    const last = page.hits[page.hits.length - 1];
    if (last?.sortText) this.searchAfter = last.sortText;
    // After a reopened point in time, hits already listed may come again; they are not repeated.
    if (this.options.rememberSeen === false) {
      if (this.exhausted) await this.close();
      return [...page.hits];
    }
    const fresh = page.hits.filter((hit) => !this.seen.has(hitKey(hit)));
    for (const hit of fresh) this.seen.add(hitKey(hit));
    if (this.exhausted) await this.close();
    return fresh;
  }

  close(): Promise<void> {
    return this.pit.close();
  }

  private async search(pitId: string | undefined): Promise<SearchPage> {
    const { queryString, sort, sourceFields } = this.options;
    const query = this.options.query ?? (queryString ? `{"query_string":{"query":${JSON.stringify(queryString)}}}` : '{"match_all":{}}');
    const searchAfter = this.searchAfter ? `,"search_after":${this.searchAfter}` : '';
    const source = sourceFields ? `,"_source":{"includes":${JSON.stringify(sourceFields)}}` : '';
    // Counting costs little next to the first page, and later pages need not count again. But
    // OpenSearch (2.19) skips the documents a sort field is missing from when it may stop counting
    // early (its numeric sort optimisation with search_after): there, a sorted listing counts on
    // every page, or a page after the last document with a value would come back empty.
    const sortedOnOpenSearch = this.pit.tiebreaker === '_id' && sort !== undefined && !sort.field.startsWith('_');
    const countHits = sortedOnOpenSearch || (this.counted === undefined && this.searchAfter === undefined);
    const pit = pitId === undefined ? '' : `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}`;
    const body = `{"size":${this.pageSize},"query":${query}${pit},"sort":${sortClause(sort, this.pit.tiebreaker)},"track_total_hits":${countHits},"seq_no_primary_term":true,"version":true${source}${searchAfter}}`;
    // Under a point in time the index is the point in time's; without one, it is named.
    const path = pitId === undefined ? `/${encodePathSegment(this.index)}/_search` : '/_search';
    return this.gateway.sendOkAndRead({ method: 'POST', path, body }, readSearchResponse);
  }
}

function hitKey(hit: SearchHit): string {
  return `${hit.index}\u0000${hit.id}\u0000${hit.routing ?? ''}`;
}
