import type { ClusterFailure } from '../../cluster/model/clusterErrors';
import { walkDocument } from '../../json/jsonWalk';

/**
 * A save the cluster refused because of the index mapping, read back to the field it names, so
 * that the editor can mark that field in the text.
 */

const MAPPING_ERRORS = new Set(['document_parsing_exception', 'mapper_parsing_exception', 'strict_dynamic_mapping_exception', 'illegal_argument_exception']);

const FIELD_PATTERNS: ReadonlyArray<{ readonly pattern: RegExp; readonly path: (match: RegExpExecArray) => string }> = [
  { pattern: /dynamic introduction of \[([^\]]+)\] within \[([^\]]+)\]/, path: (m) => (m[2] === '_doc' ? m[1] : `${m[2]}.${m[1]}`) },
  { pattern: /failed to parse field \[([^\]]+)\]/, path: (m) => m[1] },
  { pattern: /object mapping for \[([^\]]+)\] tried to parse field/, path: (m) => m[1] },
  { pattern: /Could not dynamically add mapping for field \[([^\]]+)\]/, path: (m) => m[1] },
  { pattern: /Field \[([^\]]+)\] is a metadata field/, path: (m) => m[1] },
  { pattern: /mapper \[([^\]]+)\] cannot be changed from type/, path: (m) => m[1] },
];

/** The dotted path of the field a mapping refusal names, or undefined when the failure is something else. */
export function refusedFieldPath(failure: ClusterFailure): string | undefined {
  if (failure.kind !== 'badRequest') return undefined;
  const types = [failure.type, failure.rootCauseType];
  if (!types.some((type) => type !== undefined && MAPPING_ERRORS.has(type))) return undefined;
  for (const { pattern, path } of FIELD_PATTERNS) {
    const match = pattern.exec(failure.reason);
    if (match) return path(match);
  }
  return undefined;
}

/** The span of the first key of `text` whose full path is `path` (dotted keys are followed too). */
export function findKeySpan(text: string, path: string): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  walkDocument<{ path: string }>(text, {
    member(parentPath, name, start, end) {
      if (found !== undefined) return undefined;
      const full = parentPath === '' ? name : `${parentPath}.${name}`;
      if (full === path) {
        found = { start, end };
        return undefined;
      }
      // Only keys on the way to the path are walked into.
      return path.startsWith(`${full}.`) ? { path: full } : undefined;
    },
    entersObject: () => true,
    value: () => undefined,
  });
  return found;
}
