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
      const hit = readHit(text, membersAt(i));
      if (hit === undefined) return undefined;
      hits.push(hit);
      i = skipValueIn(units, i);
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

function readHit(text: string, spans: Map<string, Span>): SearchHit | undefined {
  const id = stringOf(text, spans.get('_id'));
  if (id === undefined) return undefined;
  const routing = stringOf(text, spans.get('_routing'));
  const token = tokenFromMetadata({ _seq_no: numberOf(text, spans.get('_seq_no')), _primary_term: numberOf(text, spans.get('_primary_term')), _version: numberOf(text, spans.get('_version')) });
  const source = spans.get('_source');
  const sort = spans.get('sort');
  return {
    ...(token === undefined ? {} : { token }),
    index: stringOf(text, spans.get('_index')) ?? '',
    id,
    ...(routing === undefined ? {} : { routing }),
    sourceText: source && text.slice(source.start, source.end),
    sourceCompact: true,
    sortText: sort && text.slice(sort.start, sort.end),
  };
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

