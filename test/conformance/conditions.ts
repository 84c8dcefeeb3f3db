// `skip` and `requires` sections: version ranges, runner features, cluster features, capabilities.
import { CLUSTER_FEATURES, RUNNER_FEATURES } from './skips';
import { send } from './http-client';
import type { Step } from './yaml-suite';

function cmpVersion(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function versionInRanges(version: string, ranges: string): boolean {
  if (ranges.trim() === 'all') return true;
  return ranges.split(',').some((r) => {
    const [lo, hi] = r.split('-').map((s) => s.trim());
    return (!lo || cmpVersion(version, lo) >= 0) && (!hi || cmpVersion(version, hi) <= 0);
  });
}

export function hasClusterFeature(version: string, feature: string): boolean {
  const m = /^gte_v(\d+\.\d+\.\d+)$/.exec(feature);
  if (m) return cmpVersion(version, m[1]!) >= 0;
  return CLUSTER_FEATURES.includes(feature);
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The reason a test must be skipped according to its own skip/requires sections, if any. */
export async function conditionSkipReason(steps: Step[], version: string, baseUrl: string): Promise<string | undefined> {
  for (const step of steps) {
    const [kind, raw] = Object.entries(step)[0] ?? [];
    if (kind !== 'skip' && kind !== 'requires') continue;
    const s = (raw ?? {}) as Record<string, unknown>;
    const why = String(s.reason ?? 'no reason given');
    if (kind === 'skip') {
      if (s.awaits_fix !== undefined) return `awaits fix: ${String(s.awaits_fix)}`;
      if (s.version !== undefined && versionInRanges(version, String(s.version))) return `version ${version} in [${String(s.version)}]: ${why}`;
      const missing = list(s.features).filter((f) => !RUNNER_FEATURES.includes(f));
      if (missing.length) return `runner feature(s) not supported: ${missing.join(', ')}`;
      const present = list(s.cluster_features).filter((f) => hasClusterFeature(version, f));
      if (present.length) return `cluster has ${present.join(', ')}: ${why}`;
    } else {
      const missingCf = list(s.cluster_features).filter((f) => !hasClusterFeature(version, f));
      if (missingCf.length) return `cluster lacks ${missingCf.join(', ')}: ${why}`;
      const missingRf = list(s.test_runner_features).filter((f) => !RUNNER_FEATURES.includes(f));
      if (missingRf.length) return `runner feature(s) not supported: ${missingRf.join(', ')}`;
      for (const cap of (s.capabilities as Record<string, unknown>[] | undefined) ?? []) {
        const q = new URLSearchParams({ method: String(cap.method ?? 'GET'), path: String(cap.path ?? '/'), capabilities: list(cap.capabilities).join(','), parameters: list(cap.parameters).join(',') });
        const res = await send(baseUrl, 'GET', `/_capabilities?${q.toString()}`, {});
        if (res.status !== 200 || (res.body as { supported?: boolean }).supported !== true) return `capability not supported: ${q.toString()}`;
      }
    }
  }
  return undefined;
}
