import { readSearchResponse } from './model/listingResponses';
import type { SearchHit, SearchPage } from './model/searchPage';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';
import { isExpiredPit, KEEP_ALIVE, PointInTime } from './pointInTime';

export interface SnapshotOptions {
  /** A point in time opened before (an interrupted export's), read instead of opening one. */
  readonly pitId?: string;
  /** False: the hits come without their versions (an export that writes none). Default true. */
  readonly tokens?: boolean;
}

export interface SlicePage {
  readonly hits: readonly SearchHit[];
  /** The sort values of the page's last hit (or of the last hit before it): where the next page starts. */
  readonly after?: string;
  /** The slice's number of documents, on its first page. */
  readonly total?: number;
  /** The slice's last page. */
  readonly done: boolean;
}

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
    private readonly options: SnapshotOptions = {},
  ) {
    this.pit = new PointInTime(gateway, index, options.pitId);
  }

  /** Whether the snapshot is a point in time (it can then be sliced, and resumed while it lives). */
  async consistent(): Promise<boolean> {
    return (await this.pit.id()) !== undefined;
  }

  /** The point in time's id, once opened (the latest the cluster handed back). */
  get pointInTime(): string | undefined {
    return this.pit.current;
  }

  /** The point in time's id, left open (to resume from) rather than closed. */
  detach(): string | undefined {
    return this.pit.detach();
  }

  /**
   * One slice of the snapshot (`slice.id` of `slice.max`, or all of it), page by page from the sort
   * values `after` (where an interrupted read stopped), each page with its last hit's sort values.
   */
  async *slicePages(slice?: { readonly id: number; readonly max: number }, after?: string): AsyncGenerator<SlicePage> {
    const sliced = slice === undefined ? '' : `,"slice":{"id":${slice.id},"max":${slice.max}}`;
    const tokens = this.options.tokens === false ? '' : ',"seq_no_primary_term":true,"version":true';
    let from = after;
    for (let first = true; ; first = false) {
      const { path, pit } = await this.searchTarget();
      const body = `{"size":${this.pageSize},"query":${this.query}${pit}${sliced},"sort":[{"${this.pit.tiebreaker}":"asc"}],"track_total_hits":${first}${tokens}${from ? `,"search_after":${from}` : ''}}`;
      const page = await this.read(path, body);
      const last = page.hits.at(-1)?.sortText;
      if (last !== undefined) from = last;
      const done = page.hits.length < this.pageSize;
      yield { hits: page.hits, ...(from === undefined ? {} : { after: from }), ...(page.total ? { total: page.total.value } : {}), done };
      if (done) return;
    }
  }

  /** How many documents matched, once a first page was read. */
  get matched(): number | undefined {
    return this.total;
  }

  /** The one document of the snapshot with this id, if the query matches it. */
  async find(id: string): Promise<SearchHit | undefined> {
    const { path, pit } = await this.searchTarget();
    const body = `{"size":1,"query":{"bool":{"filter":[${this.query},{"ids":{"values":[${JSON.stringify(id)}]}}]}}${pit},"seq_no_primary_term":true,"version":true}`;
    const page = await this.read(path, body);
    return page.hits[0];
  }

  /** The whole snapshot, page by page (see slicePages); `matched` is known after the first. */
  async *pages(): AsyncGenerator<readonly SearchHit[]> {
    for await (const page of this.slicePages()) {
      if (page.total !== undefined) this.total = page.total;
      if (page.hits.length > 0) yield page.hits;
    }
  }

  /** Where a search of the snapshot goes, and its `pit` member: the point in time, or the index where the engine has none. */
  private async searchTarget(): Promise<{ path: string; pit: string }> {
    const pitId = await this.pit.id();
    if (pitId === undefined) return { path: `/${encodePathSegment(this.index)}/_search`, pit: '' };
    return { path: '/_search', pit: `,"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"}` };
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
