import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compactJson, parseJsonTree, type JsonNode } from '../../../../src/json/jsonTree';
import { changedPaths, mergeDocuments } from '../../../../src/documents/model/threeWayMerge';

/**
 * Properties of the merge over generated documents. Documents are built as text from values
 * that JavaScript would not keep (big integers, `1.0`, escapes), and each side is the base with
 * random edits (changes, removals, additions at any depth).
 */

type Doc = { readonly [key: string]: Doc | string };

const LEAVES = ['1', '1.0', '-0', '12345678901234567890', '"a"', '"\\u00e9"', '"b c"', 'true', 'null', '[1,2]', '[]', '{"in":"array"}'];
const KEYS = ['a', 'b', 'c', 'title', 'year', 'cast', '10', '2', 'é'];

const leaf = fc.constantFrom(...LEAVES);
const doc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('doc')), { maxKeys: 5 }),
})).doc;

function render(value: Doc | string, layout: string): string {
  if (typeof value === 'string') return value;
  return `{${Object.entries(value).map(([key, inner]) => `${layout}${JSON.stringify(key)}:${render(inner, layout)}`).join(',')}}`;
}

type Edit = { kind: 'set'; path: string[]; value: string } | { kind: 'remove'; path: string[] };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }), value: leaf }),
  fc.record({ kind: fc.constant('remove' as const), path: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }) }),
);

function apply(base: Doc, edits: readonly Edit[]): Doc {
  const copy = (value: Doc): Record<string, Doc | string> => ({ ...value });
  let result = copy(base);
  for (const change of edits) {
    const root = copy(result);
    let parent: Record<string, Doc | string> = root;
    let reachable = true;
    for (const key of change.path.slice(0, -1)) {
      const next = parent[key];
      if (typeof next === 'string') {
        reachable = false;
        break;
      }
      parent[key] = copy(next ?? {});
      parent = parent[key] as Record<string, Doc | string>;
    }
    if (!reachable) continue;
    const last = change.path[change.path.length - 1];
    if (change.kind === 'set') parent[last] = change.value;
    else delete parent[last];
    result = root;
  }
  return result;
}

function valueAt(node: JsonNode | undefined, path: readonly string[]): string | undefined {
  const found = nodeAt(node, path);
  return found && compactJson(found.text);
}

/** Changed paths, with an object added where the base had nothing counted key by key (both sides may add one). */
function leafChanges(base: JsonNode, side: JsonNode): string[][] {
  const expand = (path: string[]): string[][] => {
    const node = nodeAt(side, path);
    if (node?.kind !== 'object' || nodeAt(base, path) !== undefined) return [path];
    // An empty object added on one side is contained in whatever object the other side added there.
    return node.members.flatMap((member) => expand([...path, member.name]));
  };
  return changedPaths(base, side).flatMap(expand);
}

function nodeAt(node: JsonNode | undefined, path: readonly string[]): JsonNode | undefined {
  let current = node;
  for (const key of path) current = current?.kind === 'object' ? current.members.find((member) => member.name === key)?.value : undefined;
  return current;
}

const sides = fc.record({ base: doc, server: fc.array(edit, { maxLength: 4 }), yours: fc.array(edit, { maxLength: 4 }), layout: fc.constantFrom('', ' ', '\n  ') });

describe('mergeDocuments: properties', () => {
  it('merging with an unchanged side gives the other side', () => {
    fc.assert(fc.property(sides, ({ base, yours, layout }) => {
      const b = render(base, layout);
      const y = render(apply(base, yours), '\n');
      const mine = mergeDocuments(b, b, y);
      assert.ok(mine.clean);
      assert.equal(mine.text, y, 'the editor\'s text exactly, when the server changed nothing');
      const theirs = mergeDocuments(b, y, b);
      assert.ok(theirs.clean);
      assert.equal(compactJson(theirs.text), compactJson(y));
    }));
  });

  it('merge(base, x, x) is x', () => {
    fc.assert(fc.property(sides, ({ base, server, layout }) => {
      const x = render(apply(base, server), layout);
      const result = mergeDocuments(render(base, ''), x, x);
      assert.ok(result.clean);
      assert.equal(compactJson(result.text), compactJson(x));
    }));
  });

  it('a clean merge holds every change of both sides; a conflicting one names a path both changed', () => {
    fc.assert(fc.property(sides, ({ base, server, yours, layout }) => {
      const [b, s, y] = [render(base, layout), render(apply(base, server), ''), render(apply(base, yours), '\n ')];
      const result = mergeDocuments(b, s, y);
      const [bt, st, yt] = [parseJsonTree(b), parseJsonTree(s), parseJsonTree(y)];
      const serverChanged = leafChanges(bt, st);
      const yoursChanged = leafChanges(bt, yt);
      if (!result.clean) {
        const touches = (a: string[], c: string[]): boolean => a.every((key, i) => c[i] === undefined || c[i] === key) || c.every((key, i) => a[i] === undefined || a[i] === key);
        for (const conflict of result.conflicts) {
          const changedOnBoth = changedPaths(bt, st).some((path) => touches(path, conflict)) && changedPaths(bt, yt).some((path) => touches(path, conflict));
          assert.ok(changedOnBoth, `conflict ${conflict.join('.')} was not changed on both sides`);
        }
        return;
      }
      const merged = parseJsonTree(result.text);
      for (const path of serverChanged) assert.equal(valueAt(merged, path), valueAt(st, path), `server change at ${path.join('.')}`);
      for (const path of yoursChanged) assert.equal(valueAt(merged, path), valueAt(yt, path), `editor change at ${path.join('.')}`);
    }), { numRuns: 500 });
  });
});
