// An order-preserving JSON tree. Plain JSON.parse loses what Elasticsearch keeps when it re-serializes a
// source: the position of integer-like keys ("2" before "1") and the exact text of numbers (big integers,
// "1.0"). Source filtering, update merges, filter_path and pretty printing therefore work on this tree.

export class JNumber {
  constructor(readonly raw: string) {}
  get value(): number {
    return Number(this.raw);
  }
}

export type JValue = null | boolean | string | JNumber | JValue[] | JObject;
export type JObject = Map<string, JValue>;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function isJObject(v: JValue | undefined): v is JObject {
  return v instanceof Map;
}

/** Where each member of a parsed object or array starts in the text (a character offset). */
export class ValueStarts {
  private readonly starts = new WeakMap<object, Map<string | number, number>>();

  record(container: JObject | JValue[], key: string | number, offset: number): void {
    let m = this.starts.get(container);
    if (!m) this.starts.set(container, (m = new Map()));
    m.set(key, offset);
  }

  of(container: JObject | JValue[], key: string | number): number | undefined {
    return this.starts.get(container)?.get(key);
  }
}

/** Parses JSON into the order-preserving tree; `starts`, when given, learns where each member begins. */
export function parseJNode(text: string, starts?: ValueStarts): JValue {
  let pos = 0;
  const fail = (what: string): never => {
    let line = 1;
    let col = 1;
    for (let i = 0; i < pos && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    const found = pos < text.length ? `'${text[pos]}'` : 'end-of-input';
    throw new JsonSyntaxError(`Unexpected character (${found}): ${what}`, line, col);
  };
  const ws = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  const str = (): string => {
    const start = pos;
    pos++;
    let simple = true;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        simple = false;
        pos += 2;
        continue;
      }
      if (c < 32) fail('control character in string');
      pos++;
    }
    if (pos >= text.length) fail('unterminated string');
    pos++;
    const lit = text.slice(start, pos);
    return simple ? lit.slice(1, -1) : (JSON.parse(lit) as string);
  };
  const num = (): JNumber => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m || m[0].length === 0) fail('expected a value');
    const raw = m![0];
    pos += raw.length;
    return new JNumber(raw);
  };
  const value = (): JValue => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj: JObject = new Map();
      ws();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('was expecting double-quote to start field name');
        const key = str();
        ws();
        if (text[pos] !== ':') fail("was expecting a colon to separate field name and value");
        pos++;
        if (starts) {
          ws();
          starts.record(obj, key, pos);
        }
        obj.set(key, value());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail("was expecting comma to separate Object entries");
      }
    }
    if (c === '[') {
      pos++;
      const arr: JValue[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        if (starts) {
          ws();
          starts.record(arr, arr.length, pos);
        }
        arr.push(value());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail('was expecting comma to separate Array entries');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    return num();
  };
  const v = value();
  ws();
  if (pos < text.length) fail('expected end of input');
  return v;
}

export function stringifyJNode(v: JValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JNumber) return v.raw;
  if (Array.isArray(v)) return '[' + v.map(stringifyJNode).join(',') + ']';
  const parts: string[] = [];
  for (const [k, val] of v) parts.push(JSON.stringify(k) + ':' + stringifyJNode(val));
  return '{' + parts.join(',') + '}';
}

/** Plain JS value for matching and comparisons (numbers lose their text, keys their order). */
export function toPlain(v: JValue): unknown {
  if (v instanceof JNumber) return v.value;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v) o[k] = toPlain(val);
    return o;
  }
  return v;
}

/** Converts a plain value (as produced by JSON.parse or by code) into the tree form. */
export function fromPlain(v: unknown): JValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return new JNumber(String(v));
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof JNumber || v instanceof Map) return v as JValue;
  if (Array.isArray(v)) return v.map(fromPlain);
  const m: JObject = new Map();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) m.set(k, fromPlain(val));
  return m;
}

export function jnodeEquals(a: JValue, b: JValue): boolean {
  if (a instanceof JNumber || b instanceof JNumber) {
    return a instanceof JNumber && b instanceof JNumber && a.raw === b.raw;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jnodeEquals(x, b[i]!));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !jnodeEquals(v, b.get(k)!)) return false;
    }
    return true;
  }
  return a === b;
}
