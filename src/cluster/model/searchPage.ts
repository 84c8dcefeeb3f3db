import type { VersionToken } from './versionToken';

/** A page of a search, as the listings and the export read it (`listingResponses.ts`). */

export interface SearchHit {
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
  /** Present when the search asked for `seq_no_primary_term` and `version`. */
  readonly token?: VersionToken;
  readonly sourceText?: string;
  /** The hit's sort values as received, to be sent back verbatim as `search_after`. */
  readonly sortText?: string;
  /** `sourceText` is already compact (no whitespace between tokens). */
  readonly sourceCompact?: boolean;
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  readonly pitId?: string;
  /** `hits.total`, when the search asked for it (`track_total_hits`). */
  readonly total?: { readonly value: number; readonly relation: 'eq' | 'gte' };
}
