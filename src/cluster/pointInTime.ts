import * as l10n from '@vscode/l10n';
import { ClusterError } from './model/clusterErrors';
import { pagingMethodOf, tiebreakerOf, type PagingMethod } from './model/clusterEngine';
import { parseJsonObject } from './model/esResponses';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

export const KEEP_ALIVE = '5m';

/**
 * An index's point in time, in the engine's own API: Elasticsearch's `/_pit`, OpenSearch's
 * `/_search/point_in_time` (2.4 and later, with `_id` as the tiebreaker: OpenSearch has no
 * `_shard_doc`). Where there is none (OpenSearch before 2.4, Elasticsearch's oss builds) the
 * method is `searchAfter` on the index itself, and nothing is opened.
 */
export class PointInTime {
  private method: PagingMethod | undefined;
  private chosenTiebreaker: '_shard_doc' | '_id' = '_shard_doc';
  private pitId: string | undefined;

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly index: string,
    /** One opened before and still alive, to read on. */
    adopted?: string,
  ) {
    this.pitId = adopted;
  }

  /** The engine's paging method, from `GET /` (read once per connection); its tiebreaker with it. */
  async pagingMethod(): Promise<PagingMethod> {
    if (this.method === undefined) {
      const identity = await this.gateway.cluster();
      this.method = pagingMethodOf(identity);
      this.chosenTiebreaker = tiebreakerOf(this.method, identity);
    }
    return this.method;
  }

  /** Known once `pagingMethod` has answered. */
  get tiebreaker(): '_shard_doc' | '_id' {
    return this.chosenTiebreaker;
  }

  /** The point in time's id, opened on first use; undefined where the engine has none. */
  async id(): Promise<string | undefined> {
    if ((await this.pagingMethod()) === 'searchAfter') return undefined;
    return (this.pitId ??= await this.open());
  }

  /** A search answered with a newer id (Elasticsearch may hand one back). */
  renewed(pitId: string | undefined): void {
    if (pitId) this.pitId = pitId;
  }

  /** Opens a new point in time in place of one that expired. */
  async reopen(): Promise<string | undefined> {
    this.pitId = undefined;
    return this.id();
  }

  /** The id of the point in time open now, if any. */
  get current(): string | undefined {
    return this.pitId;
  }

  /** Forgets the point in time without closing it: it lives on until its keep-alive runs out. */
  detach(): string | undefined {
    const pitId = this.pitId;
    this.pitId = undefined;
    return pitId;
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

  private async open(): Promise<string> {
    const index = encodePathSegment(this.index);
    const opensearch = this.method === 'opensearchPit';
    const path = opensearch ? `/${index}/_search/point_in_time` : `/${index}/_pit`;
    const answer = await this.gateway.sendOkAndRead({ method: 'POST', path, query: { keep_alive: KEEP_ALIVE } }, parseJsonObject);
    const id = opensearch ? answer.pit_id : answer.id;
    if (typeof id !== 'string') throw new Error(l10n.t('The cluster opened a point in time without an id.'));
    return id;
  }
}

/** Elasticsearch wraps the missing context in a search_phase_execution_exception. */
export function isExpiredPit(error: unknown): boolean {
  if (!(error instanceof ClusterError)) return false;
  const { type, rootCauseType } = error.failure;
  return type === 'search_context_missing_exception' || rootCauseType === 'search_context_missing_exception';
}
