/**
 * Reading a version conflict. Elasticsearch's 409 reason says what the writer expected and what
 * the document holds now, e.g. `[1]: version conflict, required seqNo [6], primary term [1].
 * current document has seqNo [12] and primary term [1]`, or `... but no document was found`.
 */
export interface ConflictDetails {
  readonly requiredSeqNo?: number;
  readonly currentSeqNo?: number;
  readonly documentMissing: boolean;
}

export function readConflictReason(reason: string): ConflictDetails {
  const number = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(reason);
    return match ? Number(match[1]) : undefined;
  };
  return {
    requiredSeqNo: number(/required seqNo \[(-?\d+)\]/),
    currentSeqNo: number(/current document has seqNo \[(-?\d+)\]/),
    documentMissing: /no document was found/.test(reason),
  };
}

/** What a merge would meet: how many fields changed on each side, and which overlap. */
export interface MergeOutlook {
  readonly serverChanges: number;
  readonly localChanges: number;
  readonly overlapping: readonly string[];
}

export function describeConflict(details: ConflictDetails, editedSeqNo: number | undefined, outlook?: MergeOutlook): string {
  if (details.documentMissing) return 'This document was deleted on the server since you opened it.';
  const from = editedSeqNo ?? details.requiredSeqNo;
  const change = from !== undefined && details.currentSeqNo !== undefined ? ` (seq ${from} → ${details.currentSeqNo})` : '';
  return `This document changed on the server since you opened it${change}${outlook ? `: ${describeOutlook(outlook)}` : ''}.`;
}

/** "1 field there, 2 here, no overlap", or "…, overlapping: title". */
export function describeOutlook(outlook: MergeOutlook): string {
  const fields = (count: number): string => `${count} field${count === 1 ? '' : 's'}`;
  const { overlapping } = outlook;
  const shown = overlapping.length > 3 ? [...overlapping.slice(0, 3), `${overlapping.length - 3} more`] : overlapping;
  const overlap = overlapping.length === 0 ? 'no overlap' : `overlapping: ${shown.join(', ')}`;
  return `${fields(outlook.serverChanges)} there, ${outlook.localChanges} here, ${overlap}`;
}
