import { utf16Units } from './jsonScan';

/**
 * The fast path of strict JSON checking: one pass over the text's UTF-16 code units, copied into
 * a typed array (the fastest thing the engine loops over; the copy is a memcpy), which checks the
 * syntax, the nesting limit and duplicate keys, and can remove the whitespace between tokens in
 * the same pass, in place.
 *
 * It only says whether the text is certainly valid. Anything it does not accept (an error, but
 * also a key written with escapes) goes to the full check in jsonValidate, which finds the exact
 * problem and its position: so this pass never has to be right about *why*, only never accept
 * what the full check refuses.
 */

/** Jackson's default nesting limit: Elasticsearch refuses deeper documents. */
export const MAX_DEPTH = 1000;

export interface LeanScan {
  /** True when the text is certainly a valid JSON value, with no duplicate keys and within the nesting limit. */
  readonly valid: boolean;
  /** The first character code of the top-level value (`{`, `[`, `"`, …), when valid. */
  readonly first?: number;
  /** With `compact`, the text without whitespace between tokens, when valid. */
  readonly compact?: string;
}

const NOT_VALID: LeanScan = { valid: false };
/** Objects with more keys than this compare keys through a set rather than one by one. */
const LINEAR_KEYS = 12;

// What each code unit is: one load answers it.
const WHITESPACE = new Uint8Array(0x10000);
const HEX = new Uint8Array(0x10000);
const ESCAPE = new Uint8Array(0x10000);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) WHITESPACE[c] = 1;
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
for (const c of '"\\/bfnrtu') ESCAPE[c.charCodeAt(0)] = 1;

/** Keys of the objects open on the stack, as ranges of the (compacted) code units. */
class KeyRanges {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  length = 0;

  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }
}

/** Whether the key at [start, end) repeats one of the keys from `from` on (the current object's), one by one. */
function repeatsKey(units: Uint16Array, keys: KeyRanges, from: number, start: number, end: number): boolean {
  const length = end - start;
  for (let k = from; k < keys.length; k++) {
    if (keys.ends[k] - keys.starts[k] !== length) continue;
    let j = 0;
    const other = keys.starts[k];
    while (j < length && units[other + j] === units[start + j]) j++;
    if (j === length) return true;
  }
  return false;
}

/** The string of code units `start` … `end`. */
function unitText(units: Uint16Array, start: number, end: number): string {
  return Buffer.from(units.buffer, units.byteOffset + start * 2, (end - start) * 2).toString('utf16le');
}

/** Reads the key at `start` … `end` (its quotes included) of the object at `depth`; false when it repeats one. */
function addKey(units: Uint16Array, keys: KeyRanges, keyFrom: Int32Array, sets: Map<number, Set<string>>, depth: number, start: number, end: number): boolean {
  const from = keyFrom[depth];
  if (keys.length - from > LINEAR_KEYS) {
    // A large object: a set of its keys.
    let set = sets.get(depth);
    if (set === undefined) {
      set = new Set();
      for (let k = from; k < keys.length; k++) set.add(unitText(units, keys.starts[k], keys.ends[k]));
      sets.set(depth, set);
    }
    const name = unitText(units, start, end);
    if (set.has(name)) return false;
    set.add(name);
  } else if (repeatsKey(units, keys, from, start, end)) {
    return false;
  }
  keys.push(start, end);
  return true;
}

/** Whether the code units at `i` spell `word`. */
function spells(units: Uint16Array, i: number, word: readonly number[]): boolean {
  if (i + word.length > units.length) return false;
  for (let k = 0; k < word.length; k++) if (units[i + k] !== word[k]) return false;
  return true;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

// What the scan expects next.
const VALUE = 0;
const AFTER_VALUE = 1;
const KEY = 2;

/**
 * Scans `text`. With `compact`, the result carries the text without whitespace between tokens;
 * every token keeps its characters. One loop with local variables only: the engine keeps them in
 * registers, where closures over them would make every byte a memory round trip.
 */
export function leanScan(text: string, compact = false): LeanScan {
  const units = utf16Units(text);
  const length = units.length;
  // Containers open: 1 for an object, 2 for an array; and where each object's keys start.
  const stack = new Uint8Array(MAX_DEPTH + 1);
  const keyFrom = new Int32Array(MAX_DEPTH + 1);
  const keys = new KeyRanges();
  const sets = new Map<number, Set<string>>();
  let depth = 0;
  let i = 0;
  // Where the next kept byte goes: in place, so the compact text is a prefix of the buffer.
  let n = 0;
  let first = -1;
  let state = VALUE;
  for (;;) {
    while (i < length && WHITESPACE[units[i]] === 1) i++;
    if (i >= length) {
      if (state !== AFTER_VALUE || depth !== 0) return NOT_VALID;
      return compact ? { valid: true, first, compact: n === length ? text : unitText(units, 0, n) } : { valid: true, first };
    }
    let c = units[i];
    if (state === AFTER_VALUE) {
      if (depth === 0) return NOT_VALID;
      if (c === 0x2c) {
        units[n++] = c;
        i++;
        state = stack[depth] === 1 ? KEY : VALUE;
      } else if ((c === 0x7d && stack[depth] === 1) || (c === 0x5d && stack[depth] === 2)) {
        units[n++] = c;
        i++;
        if (stack[depth] === 1) {
          keys.length = keyFrom[depth];
          sets.delete(depth);
        }
        depth--;
      } else {
        return NOT_VALID;
      }
      continue;
    }
    if (state === VALUE && (c === 0x7b || c === 0x5b)) {
      if (first < 0) first = c;
      if (depth === MAX_DEPTH) return NOT_VALID;
      depth++;
      units[n++] = c;
      i++;
      if (c === 0x7b) {
        stack[depth] = 1;
        keyFrom[depth] = keys.length;
        state = KEY;
      } else {
        stack[depth] = 2;
      }
      while (i < length && WHITESPACE[units[i]] === 1) i++;
      // `{` + 2 is `}` and `[` + 2 is `]`: an empty container.
      if (units[i] === c + 2) {
        units[n++] = c + 2;
        i++;
        depth--;
        state = AFTER_VALUE;
      }
      continue;
    }
    if (c === 0x22) {
      // A string, copied into place; a key's escapes are left to the full check, which compares
      // keys decoded ("\u0061" is "a").
      const start = n;
      units[n++] = c;
      i++;
      for (;;) {
        if (i >= length) return NOT_VALID;
        c = units[i++];
        units[n++] = c;
        if (c === 0x22) break;
        if (c < 0x20) return NOT_VALID;
        if (c === 0x5c) {
          if (state === KEY || i >= length) return NOT_VALID;
          c = units[i++];
          units[n++] = c;
          if (ESCAPE[c] !== 1) return NOT_VALID;
          if (c === 0x75) {
            if (i + 4 > length) return NOT_VALID;
            for (let k = 0; k < 4; k++) {
              c = units[i++];
              if (HEX[c] !== 1) return NOT_VALID;
              units[n++] = c;
            }
          }
        }
      }
      if (state === KEY) {
        if (!addKey(units, keys, keyFrom, sets, depth, start, n)) return NOT_VALID;
        while (i < length && WHITESPACE[units[i]] === 1) i++;
        if (units[i] !== 0x3a) return NOT_VALID;
        units[n++] = 0x3a;
        i++;
        state = VALUE;
        continue;
      }
      if (first < 0) first = 0x22;
      state = AFTER_VALUE;
      continue;
    }
    if (state === KEY) return NOT_VALID;
    if (first < 0) first = c;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
      if (c === 0x2d) units[n++] = units[i++];
      if (units[i] === 0x30) {
        units[n++] = units[i++];
      } else {
        const from = i;
        while (i < length && units[i] >= 0x30 && units[i] <= 0x39) units[n++] = units[i++];
        if (i === from) return NOT_VALID;
      }
      if (units[i] === 0x2e) {
        units[n++] = units[i++];
        const from = i;
        while (i < length && units[i] >= 0x30 && units[i] <= 0x39) units[n++] = units[i++];
        if (i === from) return NOT_VALID;
      }
      if (units[i] === 0x65 || units[i] === 0x45) {
        units[n++] = units[i++];
        if (units[i] === 0x2b || units[i] === 0x2d) units[n++] = units[i++];
        const from = i;
        while (i < length && units[i] >= 0x30 && units[i] <= 0x39) units[n++] = units[i++];
        if (i === from) return NOT_VALID;
      }
    } else {
      const word = c === 0x74 ? TRUE : c === 0x66 ? FALSE : c === 0x6e ? NULL : undefined;
      if (word === undefined || !spells(units, i, word)) return NOT_VALID;
      for (let k = 0; k < word.length; k++) units[n++] = units[i++];
    }
    state = AFTER_VALUE;
  }
}
