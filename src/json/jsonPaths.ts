import { isWhitespace, skipValueIn, utf16Units } from './jsonScan';
import type { Span } from './jsonText';

/**
 * A value of an object by its field path (`director.name`), read or replaced on the exact text:
 * everything outside the value's own characters stays as it was, byte for byte (big integers,
 * `1.0`, escapes, key order, layout). A path's segments may sit in one dotted key
 * (`{"director.name": …}`) as Elasticsearch allows; the object form is looked for first. The text
 * is trusted to be well-formed JSON (from the cluster, or checked).
 */

interface Member {
  readonly keyStart: number;
  readonly value: Span;
}

/** The members of the object whose `{` is at `start`, by name, each with where its key starts. */
function membersAt(units: Uint16Array, start: number, text: string): Map<string, Member> {
  const members = new Map<string, Member>();
  let i = start + 1;
  const space = (): void => {
    while (i < units.length && isWhitespace(units[i])) i++;
  };
  for (;;) {
    space();
    if (units[i] !== 0x22) return members;
    const keyStart = i;
    i = skipValueIn(units, i);
    const keyText = text.slice(keyStart, i);
    const name = keyText.includes('\\') ? (JSON.parse(keyText) as string) : keyText.slice(1, -1);
    space();
    i++; // the colon
    space();
    const valueStart = i;
    i = skipValueIn(units, i);
    if (!members.has(name)) members.set(name, { keyStart, value: { start: valueStart, end: i } });
    space();
    if (units[i] !== 0x2c) return members;
    i++;
  }
}

interface Located {
  /** The value's span and its key's start, when the path is present. */
  readonly value?: Span;
  readonly keyStart?: number;
  /** Otherwise: the innermost object present on the way, and the segments still missing below it. */
  readonly object: Span;
  readonly missing: readonly string[];
  /** A member of the missing path's first name is there but is no object: the rest goes in one dotted key. */
  readonly blocked?: boolean;
}

function locate(text: string, path: string): Located {
  const units = utf16Units(text);
  let start = 0;
  while (start < units.length && isWhitespace(units[start])) start++;
  let object: Span = { start, end: skipValueIn(units, start) };
  let segments = path.split('.');
  for (;;) {
    const members = membersAt(units, object.start, text);
    let descended = false;
    // The shortest name first: `a` then `a.b`, so that an object is preferred to a dotted key.
    for (let k = 1; k <= segments.length; k++) {
      const member = members.get(segments.slice(0, k).join('.'));
      if (member === undefined) continue;
      if (k === segments.length) return { value: member.value, keyStart: member.keyStart, object, missing: [] };
      if (units[member.value.start] !== 0x7b) continue;
      object = member.value;
      segments = segments.slice(k);
      descended = true;
      break;
    }
    if (!descended) return { object, missing: segments, blocked: members.has(segments[0]) };
  }
}

/** The exact text of the value at `path`, or undefined when the document has none there. */
export function valueTextAt(text: string, path: string): string | undefined {
  const { value } = locate(text, path);
  return value && text.slice(value.start, value.end);
}

/**
 * The text with the value at `path` replaced by `valueText`; a path not present is added as the
 * last member of the innermost object that is (`{"a":{"b":1}}` + `a.c` → `{"a":{"b":1,"c":…}}`),
 * with objects made for the segments below it.
 */
export function setValueAt(text: string, path: string, valueText: string): string {
  const found = locate(text, path);
  if (found.value) return text.slice(0, found.value.start) + valueText + text.slice(found.value.end);
  const [first, ...rest] = found.missing;
  // A second member of one name would make the document invalid: a path under a scalar is one dotted key.
  const member = found.blocked
    ? `${JSON.stringify(found.missing.join('.'))}:${valueText}`
    : `${JSON.stringify(first)}:${rest.reduceRight((inner, segment) => `{${JSON.stringify(segment)}:${inner}}`, valueText)}`;
  const close = found.object.end - 1;
  let before = close - 1;
  while (before > found.object.start && isWhitespace(text.charCodeAt(before))) before--;
  const empty = before === found.object.start;
  return text.slice(0, before + 1) + (empty ? '' : ',') + member + text.slice(before + 1);
}

/** The text without the member at `path` (and the comma that joined it); unchanged when there is none. */
export function removeValueAt(text: string, path: string): string {
  const found = locate(text, path);
  if (!found.value) return text;
  const { value } = found;
  let from = found.keyStart ?? value.start;
  let to = value.end;
  let after = to;
  while (isWhitespace(text.charCodeAt(after))) after++;
  if (text.charCodeAt(after) === 0x2c) {
    to = after + 1;
    while (isWhitespace(text.charCodeAt(to))) to++;
  } else {
    let prior = from - 1;
    while (isWhitespace(text.charCodeAt(prior))) prior--;
    if (text.charCodeAt(prior) === 0x2c) from = prior;
  }
  return text.slice(0, from) + text.slice(to);
}
