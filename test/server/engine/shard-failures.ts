// "all shards failed": Elasticsearch reports each failed shard in `failed_shards` and lists the distinct
// shard-level causes as `root_cause`; the search_phase_execution_exception itself has no `caused_by`.
import { EsError } from '../errors';

/** The id this single-node server gives its node in shard failures (any node id string will do). */
export const NODE_ID = 'esdocs0TestNode0Id0Aa';

export interface ShardFailure {
  readonly shard: number;
  readonly index: string;
  readonly cause: EsError;
}

export class AllShardsFailed extends EsError {
  constructor(
    status: number,
    private readonly failures: readonly ShardFailure[],
    /** Where Elasticsearch also gives the search failure a cause (an illegal argument does). */
    causedBy?: EsError,
    /** A failure the engine reports without a cause, even where it gives most one (OpenSearch 1's refused slice). */
    private readonly causeless = false,
  ) {
    super(status, 'search_phase_execution_exception', 'all shards failed', {
      phase: 'query',
      grouped: true,
      failed_shards: failures.map((f) => ({ shard: f.shard, index: f.index, node: NODE_ID, reason: f.cause.toErrorObject(false) })),
    }, causedBy);
  }

  /** The same failure with the first shard's cause as its own, where the engine reports one. */
  withFirstCause(): AllShardsFailed {
    if (this.causedBy || this.causeless || this.failures.length === 0) return this;
    return new AllShardsFailed(this.status, this.failures, this.failures[0]!.cause);
  }

  override toErrorObject(withRootCause = true): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (withRootCause) {
      const seen = new Set<string>();
      out.root_cause = [];
      for (const f of this.failures) {
        // The shard's own exception is the root cause; what caused it (a Lucene parse error) is not.
        const shown = { ...f.cause.toErrorObject(false) };
        delete shown.caused_by;
        const key = JSON.stringify(shown);
        if (seen.has(key)) continue;
        seen.add(key);
        (out.root_cause as unknown[]).push(shown);
      }
    }
    out.type = this.type;
    out.reason = this.reason;
    Object.assign(out, this.metadata);
    if (this.causedBy) out.caused_by = this.causedBy.toErrorObject(false);
    return out;
  }
}
