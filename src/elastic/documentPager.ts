import { ClusterError } from '../core/clusterErrors';
import { parseJsonObject, readSearchResponse, type SearchHit, type SearchPage } from '../core/esResponses';
import { sortClause, type ListingSort } from '../core/listingSort';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

const KEEP_ALIVE = '5m';

export interface PagerOptions {
  /** A Lucene query string; all documents without one. */
  readonly queryString?: string;
  /** Storage order (`_shard_doc`) without one. */
  readonly sort?: ListingSort;
  /** The `_source` fields to fetch (`includes`); the whole `_source` without them. */
  readonly sourceFields?: readonly string[];
}

/**
 * Pages through an index with a point in time and `search_after` on the sort values (a field's,
 * then `_shard_doc`): every page costs one request whatever its depth, and there is no
 * 10,000-hit window. The first page also counts the hits (`track_total_hits`), in the same
 * request. A point in time that expired is reopened and the listing carries on from the last
 * hit seen.
 */
export class DocumentPager {
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
    this.pitId ??= await this.openPit();
    let page;
    try {
      page = await this.search(this.pitId);
    } catch (error) {
      if (!isExpiredPit(error)) throw error;
      this.pitId = await this.openPit();
      page = await this.search(this.pitId);
    }
    if (page.pitId) this.pitId = page.pitId;
    this.counted ??= page.total;
    if (page.hits.length < this.pageSize) this.exhausted = true;
    const last = page.hits[page.hits.length - 1];
    if (last?.sortText) this.searchAfter = last.sortText;
    // After a reopened point in time, hits already listed may come again; they are not repeated.
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
      await this.gateway.send({ method: 'DELETE', path: '/_pit', body: JSON.stringify({ id: pitId }) });
    } catch {
      // An unreachable cluster frees the point in time itself when keep_alive runs out.
    }
  }

  private async openPit(): Promise<string> {
    const id = (await this.gateway.sendOkAndRead({ method: 'POST', path: `/${encodePathSegment(this.index)}/_pit`, query: { keep_alive: KEEP_ALIVE } }, parseJsonObject)).id;
    if (typeof id !== 'string') throw new Error('The cluster opened a point in time without an id.');
    return id;
  }

  private async search(pitId: string): Promise<SearchPage> {
    const { queryString, sort, sourceFields } = this.options;
    const query = queryString ? `{"query_string":{"query":${JSON.stringify(queryString)}}}` : '{"match_all":{}}';
    const searchAfter = this.searchAfter ? `,"search_after":${this.searchAfter}` : '';
    const source = sourceFields ? `,"_source":{"includes":${JSON.stringify(sourceFields)}}` : '';
    // Counting costs little next to the first page, and later pages need not count again.
    const countHits = this.counted === undefined && this.searchAfter === undefined;
    const body = `{"size":${this.pageSize},"query":${query},"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"},"sort":${sortClause(sort)},"track_total_hits":${countHits},"seq_no_primary_term":true,"version":true${source}${searchAfter}}`;
    return this.gateway.sendOkAndRead({ method: 'POST', path: '/_search', body }, readSearchResponse);
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
