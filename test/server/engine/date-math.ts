// Date math as Elasticsearch reads a range bound on a date field: `now` or a date in the query's
// `format` (else the field's), then `||` and operations (`+1d`, `-2h`, `/M`); a date without a
// zone of its own is local time of `time_zone` (else UTC), and so is the calendar the operations
// and roundings work in. A bound that rounds up (`gt`, `lte`) takes the last millisecond of a
// rounded unit and, when it has no math, fills the date's missing time of day with its largest
// values.
import { EsError } from '../errors';
import { readDate, type Missing } from './dates';

export interface DateMathOptions {
  readonly format?: string;
  readonly timeZone?: string;
  readonly roundUp: boolean;
  readonly now: number;
}

function parseException(reason: string): EsError {
  return new EsError(400, 'parse_exception', reason);
}

const FIXED_ZONE = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;

/** Minutes east of UTC of `zone` at the instant `utc` (a fixed offset, UTC, or a region's rules). */
function offsetAt(zone: string, utc: number): number {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const fixed = FIXED_ZONE.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(utc));
  } catch {
    throw new EsError(400, 'illegal_argument_exception', `Unknown time-zone ID: ${zone}`);
  }
  const field = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((local - (utc - (((utc % 1000) + 1000) % 1000))) / 60_000);
}

/** The instant whose local time in `zone` is `local` (milliseconds of a UTC clock showing that time). */
function fromLocal(local: number, zone: string): number {
  const guess = local - offsetAt(zone, local) * 60_000;
  return local - offsetAt(zone, guess) * 60_000;
}

function toLocal(utc: number, zone: string): number {
  return utc + offsetAt(zone, utc) * 60_000;
}

/** One operation on a local time (a UTC clock showing it): `+n`/`-n` of a unit, or rounding down to it. */
function operate(local: Date, op: '+' | '-' | '/', n: number, unit: string): void {
  const sign = op === '-' ? -1 : 1;
  const round = op === '/';
  switch (unit) {
    case 'y':
      if (round) {
        local.setUTCMonth(0, 1);
        local.setUTCHours(0, 0, 0, 0);
      } else operate(local, op, 12 * n, 'M'); // 29 February a year on is 28 February, as in java.time
      return;
    case 'M': {
      if (round) {
        local.setUTCDate(1);
        local.setUTCHours(0, 0, 0, 0);
        return;
      }
      // As java.time: the day of the month is kept, or the month's last when it is shorter.
      const day = local.getUTCDate();
      local.setUTCDate(1);
      local.setUTCMonth(local.getUTCMonth() + sign * n);
      const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
      local.setUTCDate(Math.min(day, last));
      return;
    }
    case 'w':
      if (round) {
        local.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7));
        local.setUTCHours(0, 0, 0, 0);
      } else local.setUTCDate(local.getUTCDate() + 7 * sign * n);
      return;
    case 'd':
      if (round) local.setUTCHours(0, 0, 0, 0);
      else local.setUTCDate(local.getUTCDate() + sign * n);
      return;
    case 'h':
    case 'H':
      if (round) local.setUTCMinutes(0, 0, 0);
      else local.setUTCHours(local.getUTCHours() + sign * n);
      return;
    case 'm':
      if (round) local.setUTCSeconds(0, 0);
      else local.setUTCMinutes(local.getUTCMinutes() + sign * n);
      return;
    case 's':
      if (round) local.setUTCMilliseconds(0);
      else local.setUTCSeconds(local.getUTCSeconds() + sign * n);
      return;
    default:
      throw parseException(`unit [${unit}] not supported for date math [${unit}]`);
  }
}

/** The next unit's start after a rounding: a bound that rounds up ends one millisecond before it. */
function nextUnit(local: Date, unit: string): void {
  operate(local, '+', 1, unit === 'H' ? 'h' : unit);
}

function applyMath(math: string, start: number, roundUp: boolean, zone: string): number {
  let utc = start;
  for (let i = 0; i < math.length; ) {
    const op = math[i++]!;
    if (op !== '+' && op !== '-' && op !== '/') throw parseException(`operator not supported for date math [${math}]`);
    if (i >= math.length) throw parseException(`truncated date math [${math}]`);
    let digits = '';
    while (i < math.length && /\d/.test(math[i]!)) digits += math[i++];
    if (i >= math.length) throw parseException(`truncated date math [${math}]`);
    const n = digits === '' ? 1 : Number(digits);
    if (op === '/' && n !== 1) throw parseException(`rounding \`/\` can only be used on single unit types [${math}]`);
    const unit = math[i++]!;
    const local = new Date(toLocal(utc, zone));
    operate(local, op, n, unit);
    if (op === '/' && roundUp) {
      nextUnit(local, unit);
      local.setTime(local.getTime() - 1);
    }
    utc = fromLocal(local.getTime(), zone);
  }
  return utc;
}

function describeFormat(format: string | undefined): string {
  return format ?? 'strict_date_optional_time||epoch_millis';
}

/** Milliseconds since the epoch of a range bound on a date field, or a 400 as the engine answers for what it cannot read. */
export function dateMathMillis(bound: unknown, options: DateMathOptions): number {
  if (typeof bound === 'number') return Math.trunc(bound);
  const text = String(bound);
  const zone = options.timeZone ?? 'Z';
  offsetAt(zone, options.now); // an unknown zone is refused whatever the bound
  if (text.startsWith('now')) return applyMath(text.slice(3), options.now, options.roundUp, zone);
  const at = text.indexOf('||');
  const dateText = at < 0 ? text : text.slice(0, at);
  // Missing fields are filled as a round-up only where no math follows the date.
  const missing: Missing = options.roundUp && at < 0 ? 'roundUp' : 'start';
  const read = readDate(dateText, options.format, missing);
  if (read === undefined) {
    const reason = `failed to parse date field [${dateText}] with format [${describeFormat(options.format)}]`;
    // The engine's chain of causes: its date parser's, the formatter's, then the query's.
    const parser = new EsError(400, 'date_time_parse_exception', 'Failed to parse with all enclosed parsers');
    throw new EsError(400, 'parse_exception', `${reason}: [${reason}]`, {}, new EsError(400, 'illegal_argument_exception', reason, {}, parser));
  }
  const millis = Number(read.nanos / 1_000_000n - (read.nanos % 1_000_000n < 0n ? 1n : 0n));
  const start = read.zoned ? millis : fromLocal(millis, zone);
  return at < 0 ? start : applyMath(text.slice(at + 2), start, options.roundUp, zone);
}
