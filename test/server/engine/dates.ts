// Dates as Elasticsearch reads and prints them: a field's `format` (named formats and Java-style
// patterns, `||`-separated, tried in order; default `strict_date_optional_time||epoch_millis`), a
// zone in the text or else UTC, and nanoseconds kept exact (bigint) for date_nanos.

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

const ISO = /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Nanoseconds within the second. */
  nanos: bigint;
  /** Minutes east of UTC. */
  offset: number;
}

function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return Number.NaN;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function nanosOf(parts: Parts): bigint | undefined {
  const { year, month, day, hour, minute, second, nanos, offset } = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || Number.isNaN(offset)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCDate() !== day) return undefined;
  return (BigInt(date.getTime()) - BigInt(offset) * 60_000n) * 1_000_000n + nanos;
}

function fraction(digits: string | undefined): bigint {
  return BigInt((digits ?? '').padEnd(9, '0').slice(0, 9) || '0');
}

/**
 * The values of fields a text leaves out: the start of the period, or, for a range bound that
 * rounds up (`gt`, `lte`), its last instant in the time of day (Elasticsearch's round-up parser:
 * month and day stay 1).
 */
export type Missing = 'start' | 'roundUp';

function isoParts(text: string, missing: Missing = 'start'): (Parts & { zoned: boolean }) | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const up = missing === 'roundUp';
  return {
    year: Number(m[1]), month: Number(m[2] ?? 1), day: Number(m[3] ?? 1), hour: Number(m[4] ?? (up ? 23 : 0)), minute: Number(m[5] ?? (up ? 59 : 0)), second: Number(m[6] ?? (up ? 59 : 0)),
    nanos: m[7] === undefined && up ? 999_999_999n : fraction(m[7]), offset: zoneMinutes(m[8]), zoned: m[8] !== undefined,
  };
}

/** A Java-style pattern (`yyyy-MM-dd HH:mm:ss`, `dd/MM/yyyy`, `'T'` literals, `X`/`Z` zones) as a regular expression over the text. */
function patternParts(pattern: string, text: string, missing: Missing = 'start'): (Parts & { zoned: boolean }) | undefined {
  let re = '';
  const fields: string[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      re += pattern.slice(i + 1, end < 0 ? undefined : end).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === c) run++;
    const token = c.repeat(run);
    i += run;
    if ('yuMdHhmsSXZx'.includes(c)) {
      fields.push(c);
      re += c === 'S' ? `(\\d{1,${run}})` : c === 'X' || c === 'Z' || c === 'x' ? '(Z|[+-]\\d{2}(?::?\\d{2})?)' : (c === 'y' || c === 'u') && run >= 4 ? '([+-]?\\d{4,9})' : `(\\d{${run === 1 ? '1,2' : run}})`;
    } else re += token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(text);
  if (!m) return undefined;
  const up = missing === 'roundUp';
  const parts = { year: 1970, month: 1, day: 1, hour: up ? 23 : 0, minute: up ? 59 : 0, second: up ? 59 : 0, nanos: up ? 999_999_999n : 0n, offset: 0, zoned: fields.some((field) => 'XZx'.includes(field)) };
  fields.forEach((field, k) => {
    const value = m[k + 1]!;
    if (field === 'y' || field === 'u') parts.year = Number(value);
    else if (field === 'M') parts.month = Number(value);
    else if (field === 'd') parts.day = Number(value);
    else if (field === 'H' || field === 'h') parts.hour = Number(value);
    else if (field === 'm') parts.minute = Number(value);
    else if (field === 's') parts.second = Number(value);
    else if (field === 'S') parts.nanos = fraction(value);
    else parts.offset = zoneMinutes(value);
  });
  return parts;
}

/** A date text read by one format: nanoseconds since the epoch, and whether the text named its zone (else it was read as UTC). */
interface Read {
  readonly nanos: bigint;
  readonly zoned: boolean;
}

function parseWith(format: string, text: string, missing: Missing): Read | undefined {
  const name = format.trim();
  const instant = (nanos: bigint): Read => ({ nanos, zoned: true });
  if (name === 'epoch_millis') return /^-?\d+(\.\d{1,6})?$/.test(text) ? instant(BigInt(text.split('.')[0]!) * 1_000_000n + BigInt((text.split('.')[1] ?? '').padEnd(6, '0') || '0')) : undefined;
  if (name === 'epoch_second') return /^-?\d+$/.test(text) ? instant(BigInt(text) * 1_000_000_000n) : undefined;
  let parts: (Parts & { zoned: boolean }) | undefined;
  if (/^(strict_)?date_optional_time(_nanos)?$/.test(name) || name === 'strict_date_time' || name === 'date_time') parts = isoParts(text, missing);
  else if (name === 'strict_date' || name === 'date' || name === 'yyyy-MM-dd') parts = /^\d{4}-\d{2}-\d{2}$/.test(text) ? isoParts(text, missing) : undefined;
  else if (name === 'basic_date' || name === 'strict_basic_date') parts = /^\d{8}$/.test(text) ? isoParts(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`, missing) : undefined;
  else parts = patternParts(name, text, missing);
  const nanos = parts && nanosOf(parts);
  return nanos === undefined ? undefined : { nanos, zoned: parts!.zoned };
}

/** A date text read by the first of `format`'s formats that reads it. */
export function readDate(value: string, format: string | undefined, missing: Missing = 'start'): Read | undefined {
  for (const one of (format ?? DEFAULT_DATE_FORMAT).split('||')) {
    const read = parseWith(one, value, missing);
    if (read !== undefined) return read;
  }
  return undefined;
}

/** Nanoseconds since the epoch of a date value as the field's format reads it; a JSON number is epoch milliseconds. */
export function dateNanos(value: unknown, format: string | undefined): bigint | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) * 1_000_000n : undefined;
  if (typeof value === 'bigint') return value * 1_000_000n;
  if (typeof value !== 'string') return undefined;
  return readDate(value, format)?.nanos;
}

/** Milliseconds since the epoch (a date field keeps milliseconds: the rest is dropped, towards the past). */
export function dateMillis(value: unknown, format: string | undefined): number | undefined {
  const nanos = dateNanos(value, format);
  if (nanos === undefined) return undefined;
  const millis = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  return Number(millis);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A date printed in the first of `format`'s formats, as a sort with `format` shows its values (UTC). */
export function printDate(nanos: bigint, format: string): string {
  const first = format.split('||')[0]!.trim();
  const millis = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  if (first === 'epoch_millis') return String(millis);
  if (first === 'epoch_second') return String(millis / 1000n - (millis % 1000n < 0n ? 1n : 0n));
  const date = new Date(Number(millis));
  const ymd = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  if (first === 'strict_date' || first === 'date') return ymd;
  const hms = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  const within = ((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  // The _nanos printers show three to nine fraction digits, trailing zeros dropped; the others milliseconds.
  const digits = first.endsWith('_nanos') ? String(within).padStart(9, '0').replace(/0+$/, '').padEnd(3, '0') : pad(date.getUTCMilliseconds(), 3);
  return `${ymd}T${hms}.${digits}Z`;
}
