import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every user-visible string of package.json is a `%key%` of package.nls.json, so that a
 * translation of the manifest is one more file (package.nls.de.json, …).
 */
const ROOT = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const strings = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Keys whose string values people read, wherever they sit in the manifest. */
const SHOWN = new Set(['displayName', 'description', 'title', 'shortTitle', 'category', 'name', 'contextualTitle', 'contents', 'markdownDescription', 'altText', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage']);

function shownStrings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (Array.isArray(value)) value.forEach((item, i) => shownStrings(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (SHOWN.has(key) && typeof child === 'string') out.push([at, child]);
      else if (SHOWN.has(key) && Array.isArray(child)) child.forEach((s, i) => typeof s === 'string' && out.push([`${at}[${i}]`, s]));
      else shownStrings(child, at, out);
    }
  }
}

describe('package.json strings', () => {
  const found: Array<[string, string]> = [];
  // `name` at the top is the package id and `languages` aliases are names, not prose.
  shownStrings({ ...manifest, name: undefined, contributes: { ...(manifest.contributes as object), languages: undefined } }, '', found);

  it('takes every shown string from package.nls.json', () => {
    assert.ok(found.length > 0);
    const literal = found.filter(([, value]) => !/^%[\w.]+%$/.test(value));
    assert.deepEqual(literal, []);
  });

  it('has an English text for every key and no key left over', () => {
    const used = new Set(found.map(([, value]) => value.slice(1, -1)));
    assert.deepEqual([...used].filter((key) => strings[key] === undefined), []);
    assert.deepEqual(Object.keys(strings).filter((key) => !used.has(key)), []);
  });

  it('points the walkthrough at pictures that ship', () => {
    const walkthroughs = (manifest.contributes as { walkthroughs: Array<{ steps: Array<{ media: { image: string } }> }> }).walkthroughs;
    for (const step of walkthroughs.flatMap((w) => w.steps)) assert.ok(existsSync(join(ROOT, step.media.image)), step.media.image);
  });
});
