import * as l10n from '@vscode/l10n';
import { ClusterError } from './model/clusterErrors';
import { pagingMethodOf, tiebreakerOf, type PagingMethod } from './model/clusterEngine';
import { parseJsonObject } from './model/esResponses';
import { readSearchResponse } from './model/listingResponses';
import type { SearchHit, SearchPage } from './model/searchPage';
import { sortClause, type ListingSort } from './model/listingSort';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

const KEEP_ALIVE = '5m';

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
 * Each engine's own point in time is used: Elasticsearch's `/_pit`, OpenSearch's
 * `/_search/point_in_time` (2.4 and later, with `_id` as the tiebreaker: OpenSearch has no
 * `_shard_doc`). Where there is none (OpenSearch before 2.4, Elasticsearch's oss builds), pages
 * are read with `search_after` on the index itself, sorted by `_id` last. That keeps the one
 * request per page and the absence of a 10,000 wall, and leaves nothing open on the cluster for a
 * listing the user walks away from (a scroll would hold its segments until it expires, and could
 * not be resumed after that). What it gives up is the snapshot: a document written between two
 * pages shows where it sorts now.
 */
export class DocumentPager {
  private method: PagingMethod | undefined;
  private tiebreaker: '_shard_doc' | '_id' = '_shard_doc';
  private pitId: string | undefined;
  private searchAfter: string | undefined;
  private exhausted = false;
  private counted: SearchPage['total'];
  private readonly seen = new Set<string>();

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    private readonly pageSize: number,
    private readonly options: PagerOptions = {},
  ) {}

  get done(): boolean {
    return this.exhausted;
  }

  /** How many documents the listing has in all, once the first page is read. */
  get total(): SearchPage['total'] {
    return this.counted;
  }

  async nextPage(): Promise<SearchHit[]> {
    if (this.exhausted) return [];
    const method = (this.method ??= await this.pagingMethod());
    if (method !== 'searchAfter') this.pitId ??= await this.openPit(method);
    let page;
    try {
      page = await this.search(this.pitId);
    } catch (error) {
      if (method === 'searchAfter' || !isExpiredPit(error)) throw error;
      this.pitId = await this.openPit(method);
      page = await this.search(this.pitId);
    }
    if (page.pitId) this.pitId = page.pitId;
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

  async close(): Promise<void> {
    const pitId = this.pitId;
    this.pitId = undefined;
    if (pitId === undefined) return;
    try {
      if (this.method === 'opensearchPit') await this.gateway.send({ method: 'DELETE', path: '/_search/point_in_time', body: JSON.stringify({ pit_id: [pitId] }) });
      else await this.gateway.send({ method: 'DELETE', path: '/_pit', body: JSON.stringify({ id: pitId }) });
    } catch {
      // An unreachable cluster frees the point in time itself when keep_alive runs out.
    }
  }

  /** The engine's paging method, from `GET /` (read once per connection); its tiebreaker with it. */
  private async pagingMethod(): Promise<PagingMethod> {
    const identity = await this.gateway.cluster();
    const method = pagingMethodOf(identity);
    this.tiebreaker = tiebreakerOf(method, identity);
    return method;
  }

  private async openPit(method: PagingMethod): Promise<string> {
    const index = encodePathSegment(this.index);
    const opensearch = method === 'opensearchPit';
    const path = opensearch ? `/${index}/_search/point_in_time` : `/${index}/_pit`;
    const answer = await this.gateway.sendOkAndRead({ method: 'POST', path, query: { keep_alive: KEEP_ALIVE } }, parseJsonObject);
    const id = opensearch ? answer.pit_id : answer.id;
    if (typeof id !== 'string') throw new Error(l10n.t('The cluster opened a point in time without an id.'));
    return id;
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
    const sortedOnOpenSearch = this.tiebreaker === '_id' && sort !== undefined && !sort.field.startsWith('_');
    const countHits = sortedOnOpenSearch || (this.counted === undefined && this.searchAfter === undefined);
    const pit = pitId === undefined ? '' : `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}`;
    const body = `{"size":${this.pageSize},"query":${query}${pit},"sort":${sortClause(sort, this.tiebreaker)},"track_total_hits":${countHits},"seq_no_primary_term":true,"version":true${source}${searchAfter}}`;
    // Under a point in time the index is the point in time's; without one, it is named.
    const path = pitId === undefined ? `/${encodePathSegment(this.index)}/_search` : '/_search';
    return this.gateway.sendOkAndRead({ method: 'POST', path, body }, readSearchResponse);
  }
}

function hitKey(hit: SearchHit): string {
  return `${hit.index}\u0000${hit.id}\u0000${hit.routing ?? ''}`;
}

// Elasticsearch wraps the missing context in a search_phase_execution_exception.
function isExpiredPit(error: unknown): boolean {
  if (!(error instanceof ClusterError)) return false;
  const { type, rootCauseType } = error.failure;
  return type === 'search_context_missing_exception' || rootCauseType === 'search_context_missing_exception';
}
