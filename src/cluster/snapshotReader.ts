import { readSearchResponse } from './model/listingResponses';
import type { SearchHit, SearchPage } from './model/searchPage';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';
import { isExpiredPit, KEEP_ALIVE, PointInTime } from './pointInTime';

/**
 * One consistent snapshot of the documents a query matches: a point in time, read page by page in
 * storage order with `search_after`, each hit with its version token and routing. The snapshot can
 * be read as often as needed (a preview, then the apply) and is the same each time, until `close`;
 * nothing of it is kept in memory between pages. An expired point in time cannot be reopened on
 * the same snapshot: reading then fails, and says so.
 */
export class SnapshotReader {
  private readonly pit: PointInTime;
  private total: number | undefined;

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    /** The Query DSL query, JSON text. */
    private readonly query: string,
    private readonly pageSize = 1_000,
  ) {
    this.pit = new PointInTime(gateway, index);
  }

  /** How many documents matched, once a first page was read. */
  get matched(): number | undefined {
    return this.total;
  }

  /** The one document of the snapshot with this id, if the query matches it. */
  async find(id: string): Promise<SearchHit | undefined> {
    const pitId = await this.pit.id();
    const pit = pitId === undefined ? '' : `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}`;
    const body = `{"size":1,"query":{"bool":{"filter":[${this.query},{"ids":{"values":[${JSON.stringify(id)}]}}]}}${pit},"seq_no_primary_term":true,"version":true}`;
    const path = pitId === undefined ? `/${encodePathSegment(this.index)}/_search` : '/_search';
    const page = await this.read(path, body);
    return page.hits[0];
  }

  async *pages(): AsyncGenerator<readonly SearchHit[]> {
    let after: string | undefined;
    for (;;) {
      const pitId = await this.pit.id();
      const pit = pitId === undefined ? '' : `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}`;
      const body = `{"size":${this.pageSize},"query":${this.query}${pit},"sort":[{"${this.pit.tiebreaker}":"asc"}],"track_total_hits":${after === undefined},"seq_no_primary_term":true,"version":true${after ? `,"search_after":${after}` : ''}}`;
      const path = pitId === undefined ? `/${encodePathSegment(this.index)}/_search` : '/_search';
      const page = await this.read(path, body);
      if (page.total && after === undefined) this.total = page.total.value;
      if (page.hits.length > 0) yield page.hits;
      if (page.hits.length < this.pageSize) return;
      after = page.hits[page.hits.length - 1].sortText;
    }
  }

  private async read(path: string, body: string): Promise<SearchPage> {
    try {
      const page = await this.gateway.sendOkAndRead({ method: 'POST', path, body }, readSearchResponse);
      this.pit.renewed(page.pitId);
      return page;
    } catch (error) {
      if (isExpiredPit(error)) throw new Error('the snapshot expired (its point in time was kept 5 minutes after the last read): preview the change again');
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pit.close();
  }
}
