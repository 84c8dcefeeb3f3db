import { skipValueIn, utf16Units } from '../../json/jsonScan';
import { leanScan } from '../../json/jsonLeanScan';
import { memberSpansAt, type Span } from '../../json/jsonText';
import { tokenFromMetadata } from './versionToken';
import type { SearchHit, SearchPage } from './searchPage';

/**
 * A search answer read by skipping over its values instead of building a tree of them: the hits'
 * metadata is decoded, each `_source` and `sort` is sliced out as its exact text, and nothing
 * inside a source is looked at (its whitespace between tokens is dropped, as a save and an export
 * would). A page of 1,000 documents reads several times faster than through a full parse, which
 * an export of millions feels. Only a text the lean scan accepts as valid is read this way; for
 * anything else (or a shape it does not expect) it returns undefined and the full parser, which
 * says what is wrong, takes over.
 */
export function scanSearchResponse(answer: string): SearchPage | undefined {
  // One pass checks the answer and makes it compact: every slice of it (each `_source`) is then compact too.
  const lean = leanScan(answer, true);
  if (!lean.valid || lean.compact === undefined || lean.first !== 0x7b) return undefined;
  const text = lean.compact;
  const units = utf16Units(text);
  const membersAt = (from: number) => memberSpansAt(units, from, (start, end) => text.slice(start, end));
  const root = membersAt(0);
  const outer = root.get('hits');
  if (outer === undefined || units[outer.start] !== 0x7b) return undefined;
  const members = membersAt(outer.start);
  const list = members.get('hits');
  if (list === undefined || units[list.start] !== 0x5b) return undefined;
  const hits: SearchHit[] = [];
  // Compact: no whitespace between an array's elements.
  let i = list.start + 1;
  if (units[i] !== 0x5d) {
    for (;;) {
      if (units[i] !== 0x7b) return undefined;
      const spans = hitSpans(units, i);
      if (spans === undefined) return undefined;
      const hit = readHit(text, spans);
      if (hit === undefined) return undefined;
      hits.push(hit);
      i = spans.end;
      if (units[i] === 0x5d) break;
      if (units[i] !== 0x2c) return undefined;
      i++;
    }
  }
  const pitId = stringOf(text, root.get('pit_id'));
  const total = totalOf(text, units, members.get('total'), membersAt);
  if (total === null) return undefined;
  return { hits, ...(pitId === undefined ? {} : { pitId }), ...(total === undefined ? {} : { total }) };
}

/** Where a hit's members are, the ones the reader takes; `end` is just past the hit. */
interface HitSpans {
  index?: Span;
  id?: Span;
  routing?: Span;
  seqNo?: Span;
  primaryTerm?: Span;
  version?: Span;
  source?: Span;
  sort?: Span;
  end: number;
}

const KEY = (name: string): Uint16Array => Uint16Array.from(name, (c) => c.charCodeAt(0));
const KEYS: ReadonlyArray<readonly [Uint16Array, Exclude<keyof HitSpans, 'end'>]> = [
  [KEY('_index'), 'index'], [KEY('_id'), 'id'], [KEY('_routing'), 'routing'], [KEY('_seq_no'), 'seqNo'],
  [KEY('_primary_term'), 'primaryTerm'], [KEY('_version'), 'version'], [KEY('_source'), 'source'], [KEY('sort'), 'sort'],
];

/**
 * One hit's members, read in one pass over its compact text: each key is matched against the few
 * the reader takes by its code units, never sliced out as a string (a page has thousands of hits,
 * each with eight keys). A key written with an escape is not expected: undefined, and the full
 * parser reads the page.
 */
function hitSpans(units: Uint16Array, from: number): HitSpans | undefined {
  const spans: HitSpans = { end: from };
  let i = from + 1;
  if (units[i] === 0x7d) return { end: i + 1 };
  for (;;) {
    if (units[i] !== 0x22) return undefined;
    const keyStart = i + 1;
    let keyEnd = keyStart;
    while (keyEnd < units.length && units[keyEnd] !== 0x22) {
      if (units[keyEnd] === 0x5c) return undefined;
      keyEnd++;
    }
    if (units[keyEnd + 1] !== 0x3a) return undefined;
    const start = keyEnd + 2;
    const end = skipValueIn(units, start);
    const name = keyNamed(units, keyStart, keyEnd);
    if (name !== undefined) spans[name] = { start, end };
    if (units[end] === 0x7d) {
      spans.end = end + 1;
      return spans;
    }
    if (units[end] !== 0x2c) return undefined;
    i = end + 1;
  }
}

function keyNamed(units: Uint16Array, start: number, end: number): Exclude<keyof HitSpans, 'end'> | undefined {
  const length = end - start;
  outer: for (const [key, name] of KEYS) {
    if (key.length !== length) continue;
    for (let k = 0; k < length; k++) if (units[start + k] !== key[k]) continue outer;
    return name;
  }
  return undefined;
}

type MutableHit = { -readonly [K in keyof SearchHit]: SearchHit[K] };

function readHit(text: string, spans: HitSpans): SearchHit | undefined {
  const id = stringOf(text, spans.id);
  if (id === undefined) return undefined;
  const { source, sort } = spans;
  // One object of one shape for every hit, its optional members added only when present (a spread per hit costs more than the scan).
  const hit: MutableHit = { index: stringOf(text, spans.index) ?? '', id, sourceText: source && text.slice(source.start, source.end), sourceCompact: true, sortText: sort && text.slice(sort.start, sort.end) };
  const routing = stringOf(text, spans.routing);
  if (routing !== undefined) hit.routing = routing;
  const seqNo = numberOf(text, spans.seqNo);
  const primaryTerm = numberOf(text, spans.primaryTerm);
  if (seqNo !== undefined && primaryTerm !== undefined) {
    const token = tokenFromMetadata({ _seq_no: seqNo, _primary_term: primaryTerm, _version: numberOf(text, spans.version) });
    if (token !== undefined) hit.token = token;
  }
  return hit;
}

/** `{"value":12,"relation":"eq"}` or a plain number; undefined when absent, null when it is neither. */
function totalOf(text: string, units: Uint16Array, span: Span | undefined, membersAt: (from: number) => Map<string, Span>): SearchPage['total'] | null {
  if (span === undefined) return undefined;
  if (units[span.start] === 0x7b) {
    const inner = membersAt(span.start);
    const count = numberOf(text, inner.get('value'));
    if (count === undefined) return null;
    return { value: count, relation: stringOf(text, inner.get('relation')) === 'gte' ? 'gte' : 'eq' };
  }
  const count = numberOf(text, span);
  return count === undefined ? null : { value: count, relation: 'eq' };
}

/** A string member's value, as a string of its own (a slice would keep the whole page alive). */
function stringOf(text: string, span: Span | undefined): string | undefined {
  if (span === undefined || text.charCodeAt(span.start) !== 0x22) return undefined;
  const inner = text.slice(span.start + 1, span.end - 1);
  // Without an escape, the characters between the quotes are the string; copied so that the page can go.
  return inner.includes('\\') ? (JSON.parse(text.slice(span.start, span.end)) as string) : (' ' + inner).slice(1);
}

function numberOf(text: string, span: Span | undefined): number | undefined {
  if (span === undefined) return undefined;
  const value = Number(text.slice(span.start, span.end));
  return Number.isFinite(value) ? value : undefined;
}

