/**
 * What the activation entry (test/suite/measure/activation.ts) measures inside the extension host
 * and hands to test/host/run-activation.ts as one console line: `ACTIVATION_MARKER {json}`.
 * No imports: the entry is bundled into the host, the runner runs under tsx.
 */

export const ACTIVATION_MARKER = 'ESDOCS_ACTIVATION';

export interface ActivationSample {
  /** The extension was already active when the entry ran: the figures are then not a first activation. */
  readonly wasActive: boolean;
  /** `activate` itself, from its first line to the tree view registered (the extension's own clock). */
  readonly activationMs: number;
  /** `extension.activate()` as the host does it: module load, `activate`, the host's bookkeeping. */
  readonly hostActivateMs: number;
  /** The first `getChildren()` of the tree (the connections) after activation. */
  readonly rootChildrenMs: number;
  /** Read, compile and evaluate a fresh copy of dist/extension.js. */
  readonly moduleLoadMs: number;
  /** The same for dist/elasticsearch-client.js, what the first request pays; undefined without that file. */
  readonly clientLoadMs: number | undefined;
  /** Modules of the Elasticsearch client in the host's module cache right after activation (none expected). */
  readonly clientModulesAtActivation: readonly string[];
}

export function parseSample(line: string): ActivationSample | undefined {
  const at = line.indexOf(`${ACTIVATION_MARKER} `);
  return at < 0 ? undefined : (JSON.parse(line.slice(at + ACTIVATION_MARKER.length + 1)) as ActivationSample);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
