import * as l10n from '@vscode/l10n';
import { getLocation, type Location } from 'jsonc-parser';
import { exampleDate } from './dateFormats';
import { dateFormatOf, fieldsBelow, type MappedField, type MappingModel } from './mappingModel';

/**
 * Completion and hover from an index mapping, at an offset of a document's text, which may be
 * half typed (jsonc-parser's error-tolerant location). Pure: the editor glue turns the answers
 * into VS Code's items.
 */

export interface CompletionEntry {
  readonly label: string;
  /** The mapped type, or what a value means. */
  readonly detail: string;
  readonly insertText: string;
  /** What VS Code filters on, matching the replaced text (which may start with a quote). */
  readonly filterText: string;
  readonly kind: 'field' | 'value';
  readonly documentation?: string;
}

export interface Completion {
  readonly entries: readonly CompletionEntry[];
  /** The text the chosen entry replaces. */
  readonly start: number;
  readonly end: number;
}

/** A location's object path, array positions left out: `["cast", 0, "name"]` → `cast.name`. */
function objectPath(path: Location['path']): string {
  return path.filter((segment): segment is string => typeof segment === 'string').join('.');
}

/** The span a completion replaces: the string being typed at the offset (to the offset when it is not closed yet). */
function replacedSpan(text: string, offset: number, location: Location): { start: number; end: number; quoted: boolean } {
  const node = location.previousNode;
  if (node === undefined || (node.type !== 'string' && node.type !== 'property') || offset < node.offset || offset > node.offset + node.length) {
    return { start: offset, end: offset, quoted: false };
  }
  const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 0x22;
  return { start: node.offset, end: closed ? node.offset + node.length : offset, quoted: true };
}

export function describeField(field: MappedField): string {
  return field.type;
}

export function completeAt(text: string, offset: number, model: MappingModel, now: Date = new Date()): Completion | undefined {
  const location = getLocation(text, offset);
  const span = replacedSpan(text, offset, location);
  if (location.isAtPropertyKey) {
    const parent = objectPath(location.path.slice(0, -1));
    if (parent !== '' && model.fields.get(parent) === undefined) return undefined;
    const colonFollows = /^\s*:/.test(text.slice(span.end, span.end + 200));
    const entries = fieldsBelow(model, parent).map((field): CompletionEntry => ({
      label: field.name,
      detail: describeField(field),
      insertText: `${JSON.stringify(field.name)}${colonFollows ? '' : ': '}`,
      filterText: span.quoted ? JSON.stringify(field.name) : field.name,
      kind: 'field',
      documentation: fieldFacts(field).join('  \n') || undefined,
    }));
    return { entries, start: span.start, end: span.end };
  }
  const field = model.fields.get(objectPath(location.path));
  if (field === undefined) return undefined;
  if (field.type === 'boolean') {
    const entries = ['true', 'false'].map((value): CompletionEntry => ({ label: value, detail: 'boolean', insertText: value, filterText: span.quoted ? `"${value}"` : value, kind: 'value' }));
    return { entries, start: span.start, end: span.end };
  }
  if (field.type === 'date' || field.type === 'date_nanos') {
    const formats = dateFormatOf(field);
    const example = exampleDate(formats, now);
    const written = JSON.stringify(example);
    return {
      entries: [{ label: written, detail: l10n.t('{0}, format {1}', field.type, formats), insertText: written, filterText: span.quoted ? written : String(example), kind: 'value', documentation: l10n.t("A value in the field's format `{0}`.", formats) }],
      start: span.start,
      end: span.end,
    };
  }
  return undefined;
}

/** The mapping properties of a field that change what a value does, one line each. */
export function fieldFacts(field: MappedField): string[] {
  const facts: string[] = [];
  // Mapping parameters and their values are Elasticsearch's words; only the explanations are localised.
  if (field.index === false) facts.push(`\`index: false\`: ${l10n.t('kept in _source, not searchable')}`);
  if (field.ignoreAbove !== undefined) facts.push(`\`ignore_above: ${field.ignoreAbove}\`: ${l10n.t('longer strings are not indexed')}`);
  if (field.type === 'date' || field.type === 'date_nanos') facts.push(`\`format: ${dateFormatOf(field)}\``);
  else if (field.format !== undefined) facts.push(`\`format: ${field.format}\``);
  if (field.copyTo !== undefined) facts.push(`\`copy_to: ${field.copyTo.join(', ')}\``);
  if (field.coerce === false) facts.push(`\`coerce: false\`: ${l10n.t('strings and fractions are refused')}`);
  if (field.ignoreMalformed === true) facts.push(`\`ignore_malformed: true\`: ${l10n.t('a malformed value is kept in _source, not indexed')}`);
  if (field.scalingFactor !== undefined) facts.push(`\`scaling_factor: ${field.scalingFactor}\``);
  if (field.dynamic !== undefined && field.dynamic !== 'true') facts.push(`\`dynamic: ${field.dynamic}\``);
  if (field.enabled === false) facts.push(`\`enabled: false\`: ${l10n.t('kept in _source, never parsed')}`);
  return facts;
}

export interface KeyHover {
  readonly start: number;
  readonly end: number;
  /** Markdown. */
  readonly contents: string;
}

/** What the mapping says of the key under `offset`, when it is a mapped field. */
export function hoverAt(text: string, offset: number, model: MappingModel): KeyHover | undefined {
  const location = getLocation(text, offset);
  const node = location.previousNode;
  if (!location.isAtPropertyKey || node === undefined || offset < node.offset || offset > node.offset + node.length) return undefined;
  const field = model.fields.get(objectPath(location.path));
  if (field === undefined) return undefined;
  const facts = fieldFacts(field);
  const contents = [l10n.t('`{0}`: **{1}** in the mapping of {2}', field.path, field.type, model.index), ...facts].join('  \n');
  return { start: node.offset, end: node.offset + node.length, contents };
}
