import { ClusterError } from '../core/clusterErrors';
import { parseJsonObject, readSearchResponse, type SearchHit } from '../core/esResponses';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

const KEEP_ALIVE = '5m';

/**
 * Pages through an index with a point in time and `search_after` on `_shard_doc`: every page
 * costs one request whatever its depth, and there is no 10,000-hit window. A point in time
 * that expired is reopened and the listing carries on from the last hit seen.
 */
export class DocumentPager {
  private pitId: string | undefined;
  private searchAfter: string | undefined;
  private exhausted = false;
  private readonly seen = new Set<string>();

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    private readonly pageSize: number,
    private readonly queryString: string | undefined,
  ) {}

  get done(): boolean {
    return this.exhausted;
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
    const response = await this.gateway.sendOk({ method: 'POST', path: `/${encodePathSegment(this.index)}/_pit`, query: { keep_alive: KEEP_ALIVE } });
    const id = parseJsonObject(response.text).id;
    if (typeof id !== 'string') throw new Error('The cluster opened a point in time without an id.');
    return id;
  }

  private async search(pitId: string): Promise<ReturnType<typeof readSearchResponse>> {
    const query = this.queryString ? `{"query_string":{"query":${JSON.stringify(this.queryString)}}}` : '{"match_all":{}}';
    const searchAfter = this.searchAfter ? `,"search_after":${this.searchAfter}` : '';
    const body = `{"size":${this.pageSize},"query":${query},"pit":{"id":${JSON.stringify(pitId)},"keep_alive":"${KEEP_ALIVE}"},"sort":[{"_shard_doc":"asc"}],"track_total_hits":false,"seq_no_primary_term":true,"version":true${searchAfter}}`;
    const response = await this.gateway.sendOk({ method: 'POST', path: '/_search', body });
    return readSearchResponse(response.text);
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
