import * as l10n from '@vscode/l10n';
import { closestName } from './editDistance';
import { walkDocument } from '../../json/jsonWalk';
import { dynamicAt, OBJECT_TYPES, type MappedField, type MappingModel } from './mappingModel';
import { checkFieldValue } from './mappingValues';

/**
 * What an index mapping says of a document's text before it is saved: keys that are not mapped
 * (a typo of a mapped field, a field a `strict` mapping refuses, a field a `dynamic: false`
 * mapping will not index) and values the mapped type refuses. Offsets are into the text; the walk
 * is on the text (never `JSON.parse`), linear in its size, and tolerates a half-typed document.
 */

export type ProblemSeverity = 'error' | 'warning' | 'information';

export interface MappingProblem {
  readonly start: number;
  readonly end: number;
  readonly severity: ProblemSeverity;
  readonly message: string;
  readonly code: 'did-you-mean' | 'strict' | 'not-indexed' | 'metadata' | 'value';
  /** For a key close to a mapped one: the mapped name, which the quick fix writes instead. */
  readonly suggestion?: string;
}

const METADATA_FIELDS = new Set(['_id', '_index', '_source', '_routing', '_seq_no', '_primary_term', '_version', '_type', '_field_names', '_ignored', '_tier', '_doc_count', '_nested_path', '_data_stream_timestamp', '_feature', '_size']);

interface Context {
  readonly path: string;
  readonly field: MappedField;
}

/** Where an unmapped key starts to be new: the mapped object it is added to, and its first new segment. */
function firstUnmapped(model: MappingModel, parentPath: string, name: string): { parent: string; segment: string } {
  const segments = name.split('.');
  let parent = parentPath;
  for (const segment of segments.slice(0, -1)) {
    const path = parent === '' ? segment : `${parent}.${segment}`;
    const field = model.fields.get(path);
    if (field === undefined || !OBJECT_TYPES.has(field.type)) return { parent, segment };
    parent = path;
  }
  return { parent, segment: segments[segments.length - 1] };
}

function unmappedKey(model: MappingModel, indexName: string, parentPath: string, name: string, start: number, end: number): MappingProblem | undefined {
  const { parent, segment } = firstUnmapped(model, parentPath, name);
  const mode = dynamicAt(model, parent);
  const suggestion = closestName(segment, model.children.get(parent) ?? []);
  const fixed = suggestion === undefined ? undefined : name === segment ? suggestion : replaceSegment(name, segment, suggestion);
  if (mode === 'strict') {
    // Elasticsearch's own words for this refusal, as the cluster would answer: not localised, so they can be searched for.
    const message = `mapping set to strict, dynamic introduction of [${segment}] within [${parent === '' ? '_doc' : parent}] is not allowed`;
    return { start, end, severity: 'error', code: 'strict', message: suggestion === undefined ? message : `${message} — ${l10n.t('did you mean `{0}`?', suggestion)}`, ...(fixed && { suggestion: fixed }) };
  }
  if (fixed !== undefined) {
    return { start, end, severity: 'warning', code: 'did-you-mean', message: l10n.t('`{0}` is not in the mapping of {1} — did you mean `{2}`?', name, indexName, fixed), suggestion: fixed };
  }
  if (mode === 'false') {
    return { start, end, severity: 'information', code: 'not-indexed', message: l10n.t('`{0}` is not in the mapping of {1} (dynamic: false): stored in _source, not indexed', name, indexName) };
  }
  return undefined;
}

function replaceSegment(name: string, segment: string, replacement: string): string {
  const parts = name.split('.');
  parts[parts.indexOf(segment)] = replacement;
  return parts.join('.');
}

/** The problems of `text` against `model`; `indexName` is the index as the user knows it (an alias, say). */
export function checkDocumentAgainstMapping(text: string, model: MappingModel, indexName: string = model.index): MappingProblem[] {
  const problems: MappingProblem[] = [];
  // A document repeats its keys (an array of objects): what a key means is worked out once.
  const unmapped = new Map<string, MappingProblem | undefined>();
  walkDocument<Context>(text, {
    member(parentPath, name, keyStart, keyEnd) {
      const path = parentPath === '' ? name : `${parentPath}.${name}`;
      const field = model.fields.get(path);
      if (field !== undefined) return { path, field };
      if (parentPath === '' && METADATA_FIELDS.has(name)) {
        // Elasticsearch's own words for this refusal: not localised, so they can be searched for.
        problems.push({ start: keyStart, end: keyEnd, severity: 'error', code: 'metadata', message: `Field [${name}] is a metadata field and cannot be added inside a document. Use the index API request parameters.` });
        return undefined;
      }
      const key = `${parentPath}\u0000${name}`;
      let problem = unmapped.get(key);
      if (problem === undefined && !unmapped.has(key)) {
        problem = unmappedKey(model, indexName, parentPath, name, 0, 0);
        unmapped.set(key, problem);
      }
      if (problem !== undefined) problems.push({ ...problem, start: keyStart, end: keyEnd });
      // Below a new key everything is new: what applies to it was said once, at the key.
      return undefined;
    },
    entersObject(context) {
      return OBJECT_TYPES.has(context.field.type) && context.field.enabled !== false;
    },
    value(context, kind, start, end) {
      const problem = checkFieldValue(context.field, kind, kind === 'object' ? '' : text.slice(start, end));
      if (problem === undefined) return;
      problems.push({
        start,
        end,
        severity: problem.effect === 'refused' ? 'error' : 'information',
        code: 'value',
        message: l10n.t('`{0}` is mapped as {1}: {2}', context.path, context.field.type, problem.reason),
      });
    },
  });
  return problems;
}
