/** What Elasticsearch needs to make a write conditional, plus `_version` for display. */
export interface VersionToken {
  readonly seqNo: number;
  readonly primaryTerm: number;
  readonly version: number;
}

/** Elasticsearch's own terms (seq_no, primary term, version), abbreviated: not localised. */
export function describeToken(token: VersionToken): string {
  return `seq ${token.seqNo} · term ${token.primaryTerm} · v${token.version}`;
}

export function tokenFromMetadata(meta: { _seq_no?: unknown; _primary_term?: unknown; _version?: unknown }): VersionToken | undefined {
  const { _seq_no: seqNo, _primary_term: primaryTerm, _version: version } = meta;
  if (!Number.isSafeInteger(seqNo) || !Number.isSafeInteger(primaryTerm)) return undefined;
  if ((seqNo as number) < 0 || (primaryTerm as number) < 1) return undefined;
  return { seqNo: seqNo as number, primaryTerm: primaryTerm as number, version: Number.isSafeInteger(version) ? (version as number) : 0 };
}
