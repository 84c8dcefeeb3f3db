import * as l10n from '@vscode/l10n';
import type { ValueKind } from '../../json/jsonWalk';
import { isNumericType, checkFieldValue } from '../../mapping/model/mappingValues';
import type { MappedField } from '../../mapping/model/mappingModel';
import type { CellKind } from './tableProtocol';

/**
 * What a cell's typed text becomes in the document, judged as the document editor judges a value.
 * A string cell takes the text as the string's characters (quotes and escapes are ours to write);
 * a number, boolean or null cell takes the text as JSON (`2015`, `1.0`, `true`, `null`) kept
 * exactly as typed, or as a string when it is none of those. A missing cell takes the kind its
 * field's type asks for. The mapping's check then accepts or refuses the value, with its reason.
 */

export type CellInput =
  | { readonly ok: true; readonly valueText: string; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const TEXT_TYPES = new Set(['keyword', 'text', 'match_only_text', 'wildcard', 'constant_keyword', 'search_as_you_type', 'version', 'ip', 'date', 'date_nanos', 'binary']);

function literalKind(text: string): ValueKind | undefined {
  if (JSON_NUMBER.test(text)) return 'number';
  if (text === 'true' || text === 'false') return text;
  if (text === 'null') return 'null';
  return undefined;
}

function takesString(current: CellKind, field: MappedField | undefined): boolean {
  if (current === 'string') return true;
  if (current !== 'missing') return false;
  return field !== undefined && TEXT_TYPES.has(field.type);
}

export function cellInput(text: string, current: CellKind, field: MappedField | undefined): CellInput {
  if (current === 'object' || current === 'array') return { ok: false, reason: l10n.t('an object or an array is edited in the document') };
  const trimmed = text.trim();
  const literal = takesString(current, field) ? undefined : literalKind(trimmed);
  const kind: ValueKind = literal ?? 'string';
  const valueText = literal !== undefined ? trimmed : JSON.stringify(text);
  if (field === undefined) return { ok: true, valueText };
  if (literal === undefined && (isNumericType(field.type) || field.type === 'boolean') && trimmed === '') {
    return { ok: false, reason: l10n.t('{0} needs a value: type null to clear it', field.path) };
  }
  const problem = checkFieldValue(field, kind, valueText);
  if (problem === undefined) return { ok: true, valueText };
  if (problem.effect === 'refused') return { ok: false, reason: l10n.t('{0} is {1}: {2}', field.path, field.type, problem.reason) };
  return { ok: true, valueText, warning: problem.reason };
}
