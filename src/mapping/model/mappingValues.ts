import * as l10n from '@vscode/l10n';
import { matchesDateFormats } from './dateFormats';
import type { ValueKind } from '../../json/jsonWalk';
import { dateFormatOf, OBJECT_TYPES, type MappedField } from './mappingModel';

/**
 * Whether a field's mapped type takes one JSON value (an array's elements are values of their own),
 * judged on the token's text as Elasticsearch judges it: an integer token out of the type's range
 * is refused, a string is coerced into a number unless `coerce` is false, a fraction is truncated
 * for integer types unless `coerce` is false, and `ignore_malformed` keeps a malformed value in
 * `_source` without indexing it instead of refusing the document.
 */

export interface ValueProblem {
  /** Why the value is refused, e.g. `"abc" is not a number`. */
  readonly reason: string;
  /** Refused by the cluster unless the field has `ignore_malformed`; `notIndexed`: kept but not indexed. */
  readonly effect: 'refused' | 'notIndexed';
}

const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsigned_long: [0n, 2n ** 64n - 1n],
};
const FLOATING = new Set(['double', 'float', 'half_float', 'scaled_float']);
/** Values from here round to infinity in half precision. */
const HALF_FLOAT_LIMIT = 65520;
const STRING_TYPES = new Set(['keyword', 'text', 'match_only_text', 'wildcard', 'constant_keyword', 'search_as_you_type', 'version', 'binary', 'semantic_text', 'counted_keyword']);
const IGNORE_MALFORMED_TYPES = new Set([...Object.keys(INTEGER_RANGES), ...FLOATING, 'boolean', 'date', 'date_nanos', 'ip', 'geo_point', 'geo_shape']);
/** Java's number syntax, which the mapper's coercion of strings parses. */
const JAVA_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/;

function stringContent(text: string): string {
  if (!text.includes('\\')) return text.slice(1, -1);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

function describeValue(kind: ValueKind, text: string): string {
  if (kind === 'object') return l10n.t('an object');
  if (kind === 'string') return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function isNumericType(type: string): boolean {
  return INTEGER_RANGES[type] !== undefined || FLOATING.has(type);
}

/** Checks a number written as `text` (a token's text, or a string's trimmed content). */
function numberProblem(field: MappedField, text: string, shown: string): string | undefined {
  const range = INTEGER_RANGES[field.type];
  const value = Number(text.replace(/[fFdD]$/, ''));
  const integral = /^[+-]?\d+$/.test(text);
  if (range !== undefined) {
    if (!integral && Number.isFinite(value) && field.coerce === false && Math.trunc(value) !== value) return l10n.t('{0} has a decimal part (coerce is false)', shown);
    if (!integral && field.type === 'unsigned_long' && field.coerce === false) return l10n.t('{0} has a decimal part (coerce is false)', shown);
    let inRange: boolean;
    if (integral) {
      const big = BigInt(text);
      inRange = big >= range[0] && big <= range[1];
    } else {
      const truncated = Math.trunc(value);
      inRange = Number.isFinite(value) && truncated >= Number(range[0]) && truncated <= Number(range[1]);
    }
    return inRange ? undefined : l10n.t('{0} is out of range for {1} ({2} to {3})', shown, field.type, String(range[0]), String(range[1]));
  }
  const finite = field.type === 'half_float' ? Math.abs(value) < HALF_FLOAT_LIMIT : field.type === 'float' ? Number.isFinite(Math.fround(value)) : Number.isFinite(value);
  return finite ? undefined : l10n.t('{0} is out of range for {1} (only finite values)', shown, field.type);
}

function numericProblem(field: MappedField, kind: ValueKind, text: string): string | undefined {
  if (kind === 'number') return numberProblem(field, text, text);
  if (kind === 'string') {
    const content = stringContent(text).trim();
    if (content === '') return undefined;
    if (field.coerce === false) return l10n.t('{0} is a string (coerce is false)', describeValue(kind, text));
    if (!JAVA_NUMBER.test(content)) return l10n.t('{0} is not a number', describeValue(kind, text));
    return numberProblem(field, content, describeValue(kind, text));
  }
  return l10n.t('{0} is not a number', describeValue(kind, text));
}

function booleanProblem(kind: ValueKind, text: string): string | undefined {
  if (kind === 'true' || kind === 'false') return undefined;
  if (kind === 'string' && ['true', 'false', ''].includes(stringContent(text))) return undefined;
  return l10n.t('{0} is not true or false', describeValue(kind, text));
}

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);

export function isIpAddress(value: string): boolean {
  if (IPV4.test(value)) return true;
  // An IPv6 address, with an optional zone (`fe80::1%eth0`) and an optional IPv4 tail.
  const halves = value.replace(/%[\w.-]+$/, '').split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = groups.length;
  if (groups[groups.length - 1]?.includes('.')) {
    if (!IPV4.test(groups.pop() ?? '')) return false;
    count++;
  }
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

function dateProblem(field: MappedField, kind: ValueKind, text: string): string | undefined {
  const formats = dateFormatOf(field);
  if (kind === 'number' || kind === 'string') {
    const value = kind === 'string' ? stringContent(text) : text;
    return matchesDateFormats(formats, value) ? undefined : l10n.t('{0} matches none of its formats ({1})', describeValue(kind, text), formats);
  }
  return l10n.t('{0} is not a date ({1})', describeValue(kind, text), formats);
}

function typeProblem(field: MappedField, kind: ValueKind, text: string): string | undefined {
  const { type } = field;
  if (isNumericType(type)) return numericProblem(field, kind, text);
  if (type === 'boolean') return booleanProblem(kind, text);
  if (type === 'date' || type === 'date_nanos') return dateProblem(field, kind, text);
  if (type === 'ip') return kind === 'string' && isIpAddress(stringContent(text)) ? undefined : l10n.t('{0} is not an IP address', describeValue(kind, text));
  if (STRING_TYPES.has(type)) return kind === 'object' ? l10n.t('an object is not a string') : undefined;
  if (OBJECT_TYPES.has(type)) return kind === 'object' || field.enabled === false ? undefined : l10n.t('{0} is not an object', describeValue(kind, text));
  return undefined;
}

/** What the field's type says of one value (not an array); undefined when it takes it as is. */
export function checkFieldValue(field: MappedField, kind: ValueKind, text: string): ValueProblem | undefined {
  if (kind === 'null' || kind === 'array') return undefined;
  const reason = typeProblem(field, kind, text);
  if (reason !== undefined) {
    const ignored = field.ignoreMalformed === true && IGNORE_MALFORMED_TYPES.has(field.type);
    return { reason: ignored ? l10n.t('{0}; ignore_malformed keeps it in _source, not indexed', reason) : reason, effect: ignored ? 'notIndexed' : 'refused' };
  }
  if (field.ignoreAbove !== undefined && kind === 'string' && (field.type === 'keyword' || field.type === 'wildcard')) {
    const length = stringContent(text).length;
    if (length > field.ignoreAbove) return { reason: l10n.t('{0} characters, longer than ignore_above ({1}): kept in _source, not indexed', length, field.ignoreAbove), effect: 'notIndexed' };
  }
  return undefined;
}
