/**
 * Reading a version conflict. Elasticsearch's 409 reason says what the writer expected and what
 * the document holds now, e.g. `[1]: version conflict, required seqNo [6], primary term [1].
 * current document has seqNo [12] and primary term [1]`, or `... but no document was found`.
 */
import * as l10n from '@vscode/l10n';

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
  if (details.documentMissing) return l10n.t('This document was deleted on the server since you opened it.');
  const from = editedSeqNo ?? details.requiredSeqNo;
  const change = from !== undefined && details.currentSeqNo !== undefined ? ` (seq ${from} → ${details.currentSeqNo})` : '';
  const headline = l10n.t({ message: 'This document changed on the server since you opened it{0}', args: [change], comment: ['{0} is empty or " (seq 6 → 12)"'] });
  return `${headline}${outlook ? `: ${describeOutlook(outlook)}` : ''}.`;
}

/** "1 field there, 2 here, no overlap", or "…, overlapping: title". */
export function describeOutlook(outlook: MergeOutlook): string {
  const there = outlook.serverChanges === 1 ? l10n.t('1 field there') : l10n.t('{0} fields there', outlook.serverChanges);
  const { overlapping } = outlook;
  const shown = overlapping.length > 3 ? [...overlapping.slice(0, 3), l10n.t('{0} more', overlapping.length - 3)] : overlapping;
  const overlap = overlapping.length === 0 ? l10n.t('no overlap') : l10n.t('overlapping: {0}', shown.join(', '));
  return l10n.t({ message: '{0}, {1} here, {2}', args: [there, outlook.localChanges, overlap], comment: ['{0} is e.g. "2 fields there" (on the server), {1} a number of fields changed in the editor, {2} the overlap'] });
}
