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

/**
 * Whether the cluster has a feature: `gte_vX.Y.Z` by its version, others from the features the
 * cluster reports (a real engine) or, for the test server, the ones it implements.
 */
export function hasClusterFeature(version: string, feature: string, reported?: ReadonlySet<string>): boolean {
  const m = /^gte_v(\d+\.\d+\.\d+)$/.exec(feature);
  if (m) return cmpVersion(version, m[1]!) >= 0;
  return reported ? reported.has(feature) : CLUSTER_FEATURES.includes(feature);
}

/** The features every node of a real cluster reports (Elasticsearch 8.13 and later); empty otherwise. */
export async function reportedClusterFeatures(baseUrl: string): Promise<Set<string>> {
  const res = await send(baseUrl, 'GET', '/_cluster/state?filter_path=nodes_features', {});
  const nodes = (res.body as { nodes_features?: Array<{ features?: string[] }> }).nodes_features ?? [];
  const [first, ...rest] = nodes.map((node) => new Set(node.features ?? []));
  return new Set([...(first ?? [])].filter((feature) => rest.every((other) => other.has(feature))));
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The reason a test must be skipped according to its own skip/requires sections, if any. */
export async function conditionSkipReason(steps: Step[], version: string, baseUrl: string, reported?: ReadonlySet<string>): Promise<string | undefined> {
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
      const present = list(s.cluster_features).filter((f) => hasClusterFeature(version, f, reported));
      if (present.length) return `cluster has ${present.join(', ')}: ${why}`;
    } else {
      const missingCf = list(s.cluster_features).filter((f) => !hasClusterFeature(version, f, reported));
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
