import * as l10n from '@vscode/l10n';
import { indentJson } from '../../json/jsonScan';
import { compactJson, parseJsonTree, renderCompact, type JsonMember, type JsonNode } from '../../json/jsonTree';

/**
 * A structural three-way merge of JSON documents by key path: the common ancestor (`base`, the
 * text the editor was opened from), the server's current version and the editor's text. Objects
 * merge key by key, recursively; arrays and scalars are whole values. A change (or removal) on one
 * side wins over an untouched value; the same change on both sides is no conflict; different
 * changes of one path, or a change against the removal of that path or of a parent, conflict.
 * Values keep their exact text: big integers, `1.0` and escapes are never decoded.
 */
export type MergeResult =
  | { readonly clean: true; readonly text: string; readonly serverChanges: number; readonly localChanges: number }
  | { readonly clean: false; readonly conflicts: readonly string[][]; readonly serverChanges: number; readonly localChanges: number };

type Maybe = JsonNode | undefined;

export function mergeDocuments(base: string, server: string, yours: string): MergeResult {
  const [b, s, y] = [parseJsonTree(base), parseJsonTree(server), parseJsonTree(yours)];
  const equal = sameValue();
  const serverChanges = changedPaths(b, s, equal).length;
  const localChanges = changedPaths(b, y, equal).length;
  const conflicts: string[][] = [];
  const merged = mergeValue(b, s, y, [], conflicts, equal);
  if (conflicts.length > 0 || merged === undefined) return { clean: false, conflicts, serverChanges, localChanges };
  // Unchanged by the merge: the user's text stays exactly as typed, layout included.
  const text = merged === renderCompact(y) ? yours : indentJson(merged);
  return { clean: true, text, serverChanges, localChanges };
}

/** The key paths whose value differs between `from` and `to` (added, removed or changed). */
export function changedPaths(from: Maybe, to: Maybe, equal = sameValue(), path: string[] = []): string[][] {
  if (equal(from, to)) return [];
  if (from?.kind !== 'object' || to?.kind !== 'object') return [path];
  const fromMembers = byName(from.members);
  const toMembers = byName(to.members);
  const names = new Set([...fromMembers.keys(), ...toMembers.keys()]);
  return [...names].flatMap((name) => changedPaths(fromMembers.get(name)?.value, toMembers.get(name)?.value, equal, [...path, name]));
}

/** How a conflicting path reads in a message: `cast.lead`, or "the whole document". */
export function describePath(path: readonly string[]): string {
  return path.length === 0 ? l10n.t('the whole document') : path.join('.');
}

/** Value equality by compact text, each node's compact form computed once. */
function sameValue(): (a: Maybe, b: Maybe) => boolean {
  const compact = new WeakMap<JsonNode, string>();
  const of = (node: JsonNode): string => {
    let text = compact.get(node);
    if (text === undefined) {
      text = compactJson(node.text);
      compact.set(node, text);
    }
    return text;
  };
  return (a, b) => (a === undefined || b === undefined ? a === b : of(a) === of(b));
}

/** The merged value's compact text, or undefined when the merge removes it. */
function mergeValue(b: Maybe, s: Maybe, y: Maybe, path: string[], conflicts: string[][], equal: (a: Maybe, b: Maybe) => boolean): string | undefined {
  if (equal(s, y)) return s && renderCompact(s);
  if (equal(b, s)) return y && renderCompact(y);
  if (equal(b, y)) return s && renderCompact(s);
  if (s?.kind === 'object' && y?.kind === 'object' && b?.kind !== 'leaf') {
    return mergeObjects(b?.members ?? [], s.members, y.members, path, conflicts, equal);
  }
  conflicts.push(path);
  return undefined;
}

function mergeObjects(
  b: readonly JsonMember[], s: readonly JsonMember[], y: readonly JsonMember[],
  path: string[], conflicts: string[][], equal: (a: Maybe, b: Maybe) => boolean,
): string {
  const [baseMembers, serverMembers, yourMembers] = [byName(b), byName(s), byName(y)];
  const merged = new Map<string, string>();
  for (const name of new Set([...serverMembers.keys(), ...yourMembers.keys(), ...baseMembers.keys()])) {
    const server = serverMembers.get(name);
    const yours = yourMembers.get(name);
    const value = mergeValue(baseMembers.get(name)?.value, server?.value, yours?.value, [...path, name], conflicts, equal);
    const keyText = (server ?? yours)?.keyText;
    if (value !== undefined && keyText !== undefined) merged.set(name, `${keyText}:${value}`);
  }
  // The server's order; a key only the editor has goes right after the key it follows there.
  const after = new Map<string | undefined, string[]>();
  let anchor: string | undefined;
  for (const { name } of y) {
    if (!merged.has(name)) continue;
    if (serverMembers.has(name)) anchor = name;
    else if (after.has(anchor)) after.get(anchor)?.push(name);
    else after.set(anchor, [name]);
  }
  const order = [...(after.get(undefined) ?? [])];
  for (const { name } of s) {
    if (merged.has(name)) order.push(name);
    order.push(...(after.get(name) ?? []));
  }
  return `{${order.map((name) => merged.get(name)).join(',')}}`;
}

function byName(members: readonly JsonMember[]): Map<string, JsonMember> {
  return new Map(members.map((member) => [member.name, member]));
}
