// Whether a field of a given type takes a JSON value, with the cause Elasticsearch gives when not. Numbers
// are judged by their token's text, as Jackson reads them: an integer token beyond the field's range fails
// in the parser (x_content_parse_exception / input_coercion_exception), a string goes through the mapper's
// own coercion (illegal_argument_exception / number_format_exception).
import { isIP } from 'node:net';
import { JNumber, type JValue } from '../http/jnode';
import { EsError } from '../errors';

/** A refused value: the preview Elasticsearch quotes in its message and the cause it nests. */
export interface Refusal {
  readonly preview: string;
  /** Absent where the engine's cause was not established. */
  readonly cause?: EsError;
  /** Where the parser stood when it gave up, if not at the value's start (after an object, its end). */
  readonly atOffset?: number;
}

/** The mapping parameters a value check depends on. */
export interface FieldOptions {
  readonly format?: string;
  /** `coerce: false`: a number sent as a string is refused. */
  readonly coerce?: boolean;
}

/** What a refusal needs to say where the token was (a Jackson location: [line:column] after the token). */
export interface TokenPlace {
  readonly text: string;
  /** Character offset of the token's first character. */
  readonly start: number;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** Jackson compares a floating token with these doubles before converting it to long. */
const LONG_MIN_D = -9.223372036854776e18;
const LONG_MAX_D = 9.223372036854776e18;
/** Values from here round to infinity in half precision. */
const HALF_FLOAT_LIMIT = 65520;
const SNIPPET_BYTES = 500;

/** Java's Double.toString: plain between 10^-3 and 10^7, else d.dddE±n; always a fractional part. */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') || s.includes('e') ? s : `${s}.0`;
  }
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.replace('+', '')}`;
}

/** Java's Float.toString: the shortest digits that read back as the same float. */
export function javaFloat(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return javaDouble(f);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return javaDouble(candidate);
  }
  return javaDouble(f);
}

/** Jackson's "[line:column]" and its "at [Source: …]" suffix, the column counted in bytes after the token. */
function jacksonLocation(place: TokenPlace, tokenLength: number): { prefix: string; suffix: string } {
  const end = place.start + tokenLength;
  const lineStart = place.text.lastIndexOf('\n', end - 1) + 1;
  const line = place.text.slice(0, lineStart).split('\n').length;
  const column = Buffer.byteLength(place.text.slice(lineStart, end), 'utf8') + 1;
  const bytes = Buffer.from(place.text, 'utf8');
  const shown = bytes.subarray(0, SNIPPET_BYTES).toString('utf8');
  const truncated = bytes.length > SNIPPET_BYTES ? `[truncated ${bytes.length - SNIPPET_BYTES} bytes]` : '';
  return { prefix: `[${line}:${column}]`, suffix: `\n at [Source: (byte[])"${shown}"${truncated}; line: ${line}, column: ${column}]` };
}

function coercionFailure(place: TokenPlace, raw: string, what: string): EsError {
  const loc = jacksonLocation(place, raw.length);
  const message = `Numeric value (${raw}) out of range of ${what}${loc.suffix}`;
  return new EsError(400, 'x_content_parse_exception', `${loc.prefix} ${message}`, {}, new EsError(400, 'input_coercion_exception', message));
}

const illegal = (reason: string): EsError => new EsError(400, 'illegal_argument_exception', reason);

const INT_TYPES: Record<string, { article: string; min: number; max: number }> = {
  long: { article: 'a long', min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY },
  integer: { article: 'an integer', min: INT_MIN, max: INT_MAX },
  short: { article: 'a short', min: -32768, max: 32767 },
  byte: { article: 'a byte', min: -128, max: 127 },
};

function checkIntegerToken(type: string, n: JNumber, place: TokenPlace): Refusal | undefined {
  const integral = !/[.eE]/.test(n.raw);
  const d = n.value;
  const preview = integral ? n.raw : javaDouble(d);
  if (type === 'long') {
    const inRange = integral ? BigInt(n.raw) >= LONG_MIN && BigInt(n.raw) <= LONG_MAX : d >= LONG_MIN_D && d <= LONG_MAX_D;
    return inRange ? undefined : { preview, cause: coercionFailure(place, n.raw, 'long (-9223372036854775808 - 9223372036854775807)') };
  }
  // integer, short and byte read the token as an int first.
  const asInt = integral ? BigInt(n.raw) : d;
  if (asInt < INT_MIN || asInt > INT_MAX) return { preview, cause: coercionFailure(place, n.raw, 'int (-2147483648 - 2147483647)') };
  const truncated = Math.trunc(Number(asInt));
  if (type === 'short' && (truncated < -32768 || truncated > 32767)) return { preview, cause: coercionFailure(place, n.raw, 'Java short') };
  if (type === 'byte' && (truncated < -128 || truncated > 127)) return { preview, cause: illegal(`Value [${truncated}] is out of range for a byte`) };
  return undefined;
}

function checkFloatingToken(type: string, n: JNumber): Refusal | undefined {
  const integral = !/[.eE]/.test(n.raw);
  const d = n.value;
  if (type === 'double' || type === 'scaled_float') {
    return Number.isFinite(d) ? undefined : { preview: integral ? n.raw : javaDouble(d), cause: illegal(`[${type}] supports only finite values, but got [${javaDouble(d)}]`) };
  }
  const f = Math.fround(d);
  const finite = type === 'half_float' ? Math.abs(d) < HALF_FLOAT_LIMIT : Number.isFinite(f);
  return finite ? undefined : { preview: integral ? n.raw : javaFloat(d), cause: illegal(`[${type}] supports only finite values, but got [${javaFloat(d)}]`) };
}

const JAVA_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$|^[+-]?(Infinity|NaN)$/;

function checkNumericString(type: string, s: string): Refusal | undefined {
  const text = s.trim();
  if (text === '') return undefined;
  const int = INT_TYPES[type];
  if (!JAVA_NUMBER.test(text)) {
    const type_ = type === 'long' ? 'illegal_argument_exception' : 'number_format_exception';
    return { preview: s, cause: new EsError(400, type_, `For input string: "${s}"`) };
  }
  const d = Number(text.replace(/[fFdD]$/, ''));
  if (int) {
    const limit = type === 'long' ? [LONG_MIN_D, LONG_MAX_D] : [int.min, int.max];
    const outside = type === 'long' && /^[+-]?\d+$/.test(text) ? BigInt(text) < LONG_MIN || BigInt(text) > LONG_MAX : !(d >= limit[0]! && d <= limit[1]!);
    return outside ? { preview: s, cause: illegal(`Value [${s}] is out of range for ${int.article}`) } : undefined;
  }
  return checkFloatingToken(type, new JNumber(String(d)));
}

/** Java's rendering of a structured value in a preview ({a=1, b=[x]}). */
function javaPreview(v: JValue): string {
  if (v instanceof JNumber) return /[.eE]/.test(v.raw) ? javaDouble(v.value) : v.raw;
  if (Array.isArray(v)) return `[${v.map(javaPreview).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${k}=${javaPreview(x)}`).join(', ')}}`;
  return String(v);
}

const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float']);
/** The Java class whose parser reads each numeric type (named in the "passed as String" refusal). */
const JAVA_CLASS: Record<string, string> = { long: 'Long', integer: 'Integer', short: 'Short', byte: 'Byte', double: 'Double', float: 'Float', half_float: 'Float', scaled_float: 'Double' };
const STRING_TYPES = new Set(['keyword', 'text', 'match_only_text', 'wildcard', 'constant_keyword', 'search_as_you_type']);

/** The offset of the last character of the object or array starting at `start`. */
function closingOffset(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return text.length - 1;
}

/** `line:column` of a character, the column counted in bytes as Jackson counts it. */
export function lineColumn(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return `${text.slice(0, lineStart).split('\n').length}:${Buffer.byteLength(text.slice(lineStart, offset), 'utf8') + 1}`;
}

/** Checks one value (not an array) for a field of `type`; undefined when the field takes it. */
export function checkFieldValue(type: string, value: JValue, place: TokenPlace, options: FieldOptions = {}): Refusal | undefined {
  const { format } = options;
  if (value === null) return undefined;
  if (NUMERIC.has(type)) {
    if (value instanceof JNumber) return INT_TYPES[type] ? checkIntegerToken(type, value, place) : checkFloatingToken(type, value);
    if (typeof value === 'string' && options.coerce === false) return { preview: value, cause: illegal(`${JAVA_CLASS[type]} value passed as String`) };
    if (typeof value === 'string') return checkNumericString(type, value);
    return { preview: javaPreview(value) };
  }
  if (STRING_TYPES.has(type) && value instanceof Map) {
    const end = closingOffset(place.text, place.start);
    return { preview: javaPreview(value), cause: illegal(`Expected text at ${lineColumn(place.text, place.start)} but found START_OBJECT`), atOffset: end };
  }
  if (type === 'ip' && typeof value === 'string') {
    return isIP(value) ? undefined : { preview: value, cause: illegal(`'${value}' is not an IP string literal.`) };
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean' || value === 'true' || value === 'false' || value === '') return undefined;
    const shown = javaPreview(value);
    return { preview: shown, cause: illegal(`Failed to parse value [${shown}] as only [true] or [false] are allowed.`) };
  }
  if (type === 'date') {
    if (value instanceof JNumber) return undefined;
    if (typeof value === 'string' && (/^-?\d+$/.test(value) || !Number.isNaN(Date.parse(value)))) return undefined;
    const shown = javaPreview(value);
    const inner = new EsError(400, 'date_time_parse_exception', 'Failed to parse with all enclosed parsers');
    return { preview: shown, cause: new EsError(400, 'illegal_argument_exception', `failed to parse date field [${shown}] with format [${format ?? 'strict_date_optional_time||epoch_millis'}]`, {}, inner) };
  }
  return undefined;
}
