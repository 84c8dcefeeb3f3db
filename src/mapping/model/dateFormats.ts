/**
 * Whether a date value matches one of a date field's formats (`format`, alternatives separated by
 * `||`), as Elasticsearch would parse it: the built-in ISO formats, `epoch_millis`,
 * `epoch_second`, and Java `DateTimeFormatter` patterns such as `yyyy-MM-dd HH:mm:ss`. A format
 * this module does not know is taken as matching: the editor never refuses what the cluster may accept.
 */

type Role = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'other';

interface Compiled {
  readonly regex: RegExp;
  readonly roles: readonly Role[];
}

const EPOCH = /^-?\d+(\.\d+)?$/;
const ZONE = '(?:[Zz]|[+-]\\d{2}(?::?\\d{2})?)';
const FRACTION = '(?:[.,]\\d{1,9})';

/** ISO date then optional time, as `strict_date_optional_time` (2-digit parts) or `date_optional_time`. */
function optionalTime(strict: boolean): Compiled {
  const two = strict ? '(\\d{2})' : '(\\d{1,2})';
  const year = strict ? '(\\d{4})' : '([+-]?\\d{1,9})';
  const time = `(?:T${two}(?::${two}(?::${two}${FRACTION}?)?)?)?`;
  return {
    regex: new RegExp(`^${year}(?:-${two}(?:-${two}${time})?)?${ZONE}?$`),
    roles: ['year', 'month', 'day', 'hour', 'minute', 'second'],
  };
}

/** Named formats written as the patterns they stand for; the `strict_` form of a name is its strict twin. */
const NAMED_PATTERNS: Record<string, string> = {
  basic_date: 'yyyyMMdd',
  basic_date_time: "yyyyMMdd'T'HHmmss.SSSXXX",
  basic_date_time_no_millis: "yyyyMMdd'T'HHmmssXXX",
  basic_time: 'HHmmss.SSSXXX',
  basic_time_no_millis: 'HHmmssXXX',
  date: 'yyyy-MM-dd',
  date_hour: "yyyy-MM-dd'T'HH",
  date_hour_minute: "yyyy-MM-dd'T'HH:mm",
  date_hour_minute_second: "yyyy-MM-dd'T'HH:mm:ss",
  date_hour_minute_second_fraction: "yyyy-MM-dd'T'HH:mm:ss.SSS",
  date_hour_minute_second_millis: "yyyy-MM-dd'T'HH:mm:ss.SSS",
  date_time: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  date_time_no_millis: "yyyy-MM-dd'T'HH:mm:ssXXX",
  hour: 'HH',
  hour_minute: 'HH:mm',
  hour_minute_second: 'HH:mm:ss',
  hour_minute_second_fraction: 'HH:mm:ss.SSS',
  hour_minute_second_millis: 'HH:mm:ss.SSS',
  time: 'HH:mm:ss.SSSXXX',
  time_no_millis: 'HH:mm:ssXXX',
  year: 'yyyy',
  year_month: 'yyyy-MM',
  year_month_day: 'yyyy-MM-dd',
};

const compiledFormats = new Map<string, Compiled | 'any'>();

function compileFormat(format: string): Compiled | 'any' {
  const cached = compiledFormats.get(format);
  if (cached !== undefined) return cached;
  let result: Compiled | 'any';
  const name = format.replace(/^strict_/, '');
  if (name === 'date_optional_time' || name === 'date_optional_time_nanos') result = optionalTime(format.startsWith('strict_'));
  else if (NAMED_PATTERNS[name] !== undefined) // The basic formats have no separators: their widths are fixed, strict or not.
    result = compilePattern(NAMED_PATTERNS[name], !format.startsWith('strict_') && !name.startsWith('basic_'), true);
  else if (/^[a-z_]+$/.test(format) && format.includes('_')) result = 'any';
  else result = compilePattern(format, false);
  compiledFormats.set(format, result);
  return result;
}

/**
 * A `DateTimeFormatter` pattern as a regular expression whose groups are the numeric fields to
 * range-check; `loose` lets fixed-width numbers be shorter (the non-`strict_` named formats), and
 * `named` takes any fraction length, as the built-in formats do.
 */
function compilePattern(pattern: string, loose: boolean, named = false): Compiled | 'any' {
  let source = '';
  const roles: Role[] = [];
  let open = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) return 'any';
      source += close === i + 1 ? "'" : escapeRegex(pattern.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (c === '[') {
      source += '(?:';
      open++;
      i++;
      continue;
    }
    if (c === ']') {
      if (open === 0) return 'any';
      source += ')?';
      open--;
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      source += escapeRegex(c);
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === c) count++;
    i += count;
    const piece = letterPiece(c, count, loose, named);
    if (piece === undefined) return 'any';
    source += piece.source;
    if (piece.role) roles.push(piece.role);
  }
  while (open-- > 0) source += ')?';
  return { regex: new RegExp(`^${source}$`), roles };
}

function letterPiece(letter: string, count: number, loose: boolean, named: boolean): { source: string; role?: Role } | undefined {
  const digits = (fixed: number, role: Role): { source: string; role: Role } => ({ source: count === 1 || loose ? `(\\d{1,${Math.max(fixed, 2)}})` : `(\\d{${count}})`, role });
  switch (letter) {
    case 'y':
    case 'u':
      return { source: count === 2 ? '(\\d{2})' : loose || count < 4 ? '([+-]?\\d{1,9})' : `(\\d{${count}})`, role: 'year' };
    case 'M':
    case 'L':
      if (count >= 3) return { source: '[A-Za-z]{3,9}\\.?' };
      return digits(2, 'month');
    case 'd':
      return digits(2, 'day');
    case 'H':
    case 'k':
      return digits(2, 'hour');
    case 'h':
    case 'K':
      return digits(2, 'hour12');
    case 'm':
      return digits(2, 'minute');
    case 's':
      return digits(2, 'second');
    case 'S':
      // The built-in formats take 1 to 9 fraction digits; a pattern's `SSS` takes exactly three.
      return { source: loose || named ? '\\d{1,9}' : `\\d{${count}}` };
    case 'n':
    case 'N':
    case 'A':
      return { source: '\\d{1,19}' };
    case 'D':
      return { source: count === 1 ? '\\d{1,3}' : `\\d{${count},3}` };
    case 'a':
      return { source: '(?:AM|PM|am|pm)' };
    case 'E':
    case 'e':
    case 'c':
      return { source: count >= 3 || letter === 'E' ? '[A-Za-z]{2,9}' : '\\d{1,2}' };
    case 'G':
      return { source: '(?:AD|BC|Anno Domini|Before Christ)' };
    case 'w':
    case 'W':
    case 'Q':
    case 'q':
    case 'F':
      return { source: '\\d{1,2}' };
    case 'X':
    case 'x':
    case 'Z':
      return { source: '(?:[Zz]|[+-]\\d{2}(?::?\\d{2})?(?::?\\d{2})?|GMT[+-]?\\d{0,2}(?::?\\d{2})?)' };
    case 'z':
    case 'V':
    case 'O':
    case 'v':
      return { source: '[A-Za-z0-9_/+:.-]+' };
    default:
      return undefined;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LIMITS: Record<Exclude<Role, 'year' | 'day' | 'other'>, [number, number]> = {
  month: [1, 12],
  hour: [0, 23],
  hour12: [1, 12],
  minute: [0, 59],
  second: [0, 59],
};

function daysIn(year: number | undefined, month: number | undefined): number {
  if (month === undefined) return 31;
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function matchesCompiled(compiled: Compiled, text: string): boolean {
  const match = compiled.regex.exec(text);
  if (match === null) return false;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (let g = 0; g < compiled.roles.length; g++) {
    const captured = match[g + 1];
    if (captured === undefined) continue;
    const value = Number(captured);
    const role = compiled.roles[g];
    if (role === 'year') year = value;
    else if (role === 'month') month = value;
    else if (role === 'day') day = value;
    else if (role !== 'other') {
      const [min, max] = LIMITS[role];
      if (value < min || value > max) return false;
    }
  }
  if (month !== undefined && (month < 1 || month > 12)) return false;
  return day === undefined || (day >= 1 && day <= daysIn(year, month));
}

/** Whether `value` (a string's content, or a number's text) matches one of the `||`-separated formats. */
export function matchesDateFormats(formats: string, value: string): boolean {
  for (const raw of formats.split('||')) {
    const format = raw.trim();
    if (format === 'epoch_millis' || format === 'epoch_second') {
      if (EPOCH.test(value)) return true;
      continue;
    }
    const compiled = compileFormat(format);
    if (compiled === 'any' || matchesCompiled(compiled, value)) return true;
  }
  return false;
}

/** An example of a value in the first of the formats, for completion and new documents. */
export function exampleDate(formats: string, now: Date): string | number {
  const first = formats.split('||')[0].trim();
  const iso = now.toISOString();
  if (first === 'epoch_millis') return now.getTime();
  if (first === 'epoch_second') return Math.floor(now.getTime() / 1000);
  const name = first.replace(/^strict_/, '');
  if (name.startsWith('date_optional_time')) return `${iso.slice(0, 19)}Z`;
  const pattern = NAMED_PATTERNS[name] ?? first;
  const parts: Record<string, string> = { y: iso.slice(0, 4), M: iso.slice(5, 7), d: iso.slice(8, 10), H: iso.slice(11, 13), m: iso.slice(14, 16), s: iso.slice(17, 19), S: iso.slice(20, 23), X: 'Z', Z: '+0000', x: '+00' };
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, close < 0 ? pattern.length : close);
      i = close < 0 ? pattern.length : close + 1;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === c) count++;
    const part = parts[c === 'u' ? 'y' : c];
    if (part === undefined) out += /[A-Za-z]/.test(c) ? '' : pattern.slice(i, i + count).replace(/[[\]]/g, '');
    else out += c === 'y' || c === 'u' ? (count === 2 ? part.slice(2) : part) : c === 'S' ? part.padEnd(count, '0').slice(0, count) : part;
    i += count;
  }
  return out;
}
