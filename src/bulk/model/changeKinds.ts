import * as l10n from '@vscode/l10n';
import { removeValueAt, setValueAt, valueTextAt } from '../../json/jsonPaths';
import { compactJsonText } from '../../json/jsonText';
import { validateJson } from '../../json/jsonValidate';

/**
 * The changes a bulk change applies to each document, on its exact source text: only the values a
 * change touches are rewritten, so every other byte (big integers, `1.0`, escapes, key order) stays.
 * A change that leaves a document as it was is a no-op (`undefined`): it is not written.
 */

/** `valueText`, when given, is the value's exact JSON text and wins over `value` (a parsed value loses big integers and `1.0`). */
export type PatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value?: unknown; readonly valueText?: string }
  | { readonly op: 'replace'; readonly path: string; readonly value?: unknown; readonly valueText?: string }
  | { readonly op: 'test'; readonly path: string; readonly value?: unknown; readonly valueText?: string }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move'; readonly from: string; readonly path: string }
  | { readonly op: 'copy'; readonly from: string; readonly path: string };

function valueTextOf(operation: { readonly value?: unknown; readonly valueText?: string }): string {
  return operation.valueText !== undefined ? compactJsonText(operation.valueText) : JSON.stringify(operation.value ?? null);
}

export type Change =
  | { readonly set: { readonly path: string; readonly value: string } }
  | { readonly remove: { readonly path: string } }
  | { readonly rename: { readonly from: string; readonly to: string } }
  | { readonly replace: { readonly path: string; readonly search: string; readonly replacement: string; readonly regex?: boolean } }
  | { readonly patch: readonly PatchOperation[] }
  | { readonly script: ScriptChange };

/**
 * A Painless script (`ctx._source…`) the cluster runs on each document through `_update`: only the
 * cluster can run it, so its outcome is known after the write, never before. `params` is the exact
 * JSON text of the params object (big integers and `1.0` reach the script as written).
 */
export interface ScriptChange {
  readonly source: string;
  readonly lang?: string;
  readonly params?: string;
}

export function isScripted(change: Change): change is { readonly script: ScriptChange } {
  return 'script' in change;
}

/** The body of the `_update` (a `_bulk` update line) that runs the script, the params spliced in as their own text. */
export function scriptUpdateBody(script: ScriptChange): string {
  const params = script.params?.trim() ? `,"params":${compactJsonText(script.params)}` : '';
  return `{"script":{"source":${JSON.stringify(script.source)},"lang":${JSON.stringify(script.lang ?? 'painless')}${params}}}`;
}

/** A change the documents cannot take as given (its value is not JSON, its pattern not a regex, its pointer not a field path). */
export function checkChange(change: Change): string | undefined {
  if ('set' in change) {
    if (!change.set.path) return l10n.t('the field path is empty');
    const shape = validateJson(change.set.value);
    return shape.problem ? l10n.t('the value is not JSON: {0}', shape.problem.message) : undefined;
  }
  if ('remove' in change) return change.remove.path ? undefined : l10n.t('the field path is empty');
  if ('script' in change) {
    if (!change.script.source.trim()) return l10n.t('the script is empty');
    if (!change.script.params?.trim()) return undefined;
    const shape = validateJson(change.script.params);
    if (shape.problem) return l10n.t('the params are not JSON: {0}', shape.problem.message);
    return change.script.params.trim().startsWith('{') ? undefined : l10n.t('the params must be a JSON object');
  }
  if ('rename' in change) return change.rename.from && change.rename.to ? undefined : l10n.t('both field paths are needed');
  if ('replace' in change) {
    if (!change.replace.path) return l10n.t('the field path is empty');
    if (change.replace.regex) {
      try {
        new RegExp(change.replace.search, 'g');
      } catch (error) {
        return l10n.t('the pattern is not a regular expression: {0}', error instanceof Error ? error.message : String(error));
      }
    }
    return undefined;
  }
  for (const operation of change.patch) {
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(operation.op)) return l10n.t('unknown patch operation {0}', String(operation.op));
    for (const pointer of 'from' in operation ? [operation.from, operation.path] : [operation.path]) {
      if (pointerPath(pointer) === undefined) return l10n.t('{0} is not a pointer to a field (arrays are changed as whole values)', pointer);
    }
  }
  return undefined;
}

/** An RFC 6901 pointer (`/director/name`) as a field path (`director.name`); undefined for the root, array indices or `-`. */
export function pointerPath(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const segments = pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.some((segment) => segment === '' || /^(\d+|-)$/.test(segment) || segment.includes('.'))) return undefined;
  return segments.join('.');
}

function same(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && compactJsonText(a) === compactJsonText(b));
}

/**
 * The document's new text, or undefined when the change leaves it as it was. A patch whose `test`
 * fails, or whose `remove`/`replace`/`move` finds no field, changes nothing (RFC 6902: the whole
 * patch fails), and is reported as such.
 */
export function applyChange(sourceText: string, change: Change): { text?: string; refused?: string } {
  let text = sourceText;
  if ('script' in change) {
    throw new Error('a script runs on the cluster, not on the source text');
  } else if ('set' in change) {
    if (same(valueTextAt(text, change.set.path), change.set.value)) return {};
    text = setValueAt(text, change.set.path, compactJsonText(change.set.value));
  } else if ('remove' in change) {
    text = removeValueAt(text, change.remove.path);
  } else if ('rename' in change) {
    const value = valueTextAt(text, change.rename.from);
    if (value === undefined || change.rename.from === change.rename.to) return {};
    text = setValueAt(removeValueAt(text, change.rename.from), change.rename.to, value);
  } else if ('replace' in change) {
    const value = valueTextAt(text, change.replace.path);
    if (value === undefined || !value.startsWith('"')) return {};
    const before = JSON.parse(value) as string;
    const after = change.replace.regex ? before.replace(new RegExp(change.replace.search, 'g'), change.replace.replacement) : before.split(change.replace.search).join(change.replace.replacement);
    if (after === before) return {};
    text = setValueAt(text, change.replace.path, JSON.stringify(after));
  } else {
    for (const operation of change.patch) {
      const path = pointerPath(operation.path)!;
      if (operation.op === 'test') {
        if (!same(valueTextAt(text, path), valueTextOf(operation))) return { refused: l10n.t('the patch\'s test of {0} failed', operation.path) };
      } else if (operation.op === 'add') text = setValueAt(text, path, valueTextOf(operation));
      else if (operation.op === 'replace') {
        if (valueTextAt(text, path) === undefined) return { refused: l10n.t('the patch\'s {0} found no field {1}', operation.op, operation.path) };
        text = setValueAt(text, path, valueTextOf(operation));
      } else if (operation.op === 'remove') {
        if (valueTextAt(text, path) === undefined) return { refused: l10n.t('the patch\'s {0} found no field {1}', operation.op, operation.path) };
        text = removeValueAt(text, path);
      } else {
        const from = pointerPath(operation.from)!;
        const value = valueTextAt(text, from);
        if (value === undefined) return { refused: l10n.t('the patch\'s {0} found no field {1}', operation.op, operation.from) };
        if (operation.op === 'move') text = removeValueAt(text, from);
        text = setValueAt(text, path, value);
      }
    }
  }
  return compactJsonText(text) === compactJsonText(sourceText) ? {} : { text };
}

/** A short description of a change, for its journal and its history entry. */
export function describeChange(change: Change): string {
  if ('set' in change) return `set ${change.set.path} = ${change.set.value.length > 60 ? `${change.set.value.slice(0, 57)}…` : change.set.value}`;
  if ('remove' in change) return `remove ${change.remove.path}`;
  if ('rename' in change) return `rename ${change.rename.from} → ${change.rename.to}`;
  if ('script' in change) {
    const oneLine = change.script.source.replace(/\s+/g, ' ').trim();
    return `script ${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}`;
  }
  if ('replace' in change) return `replace ${JSON.stringify(change.replace.search)} with ${JSON.stringify(change.replace.replacement)} in ${change.replace.path}${change.replace.regex ? ' (regex)' : ''}`;
  return `JSON patch of ${change.patch.length} operation${change.patch.length === 1 ? '' : 's'}`;
}
