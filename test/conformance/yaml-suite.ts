// Loading YAML REST test files: setup/teardown sections and named tests, each a list of steps.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Step = Record<string, unknown>;

export interface TestCase {
  file: string;
  name: string;
  steps: Step[];
}

export interface TestFile {
  file: string;
  setup: Step[];
  teardown: Step[];
  tests: TestCase[];
}

export function findYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'spec' && name !== 'api') walk(p);
      } else if (name.endsWith('.yml') || name.endsWith('.yaml')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function loadTestFile(path: string, root: string): TestFile {
  const file = relative(root, path).split('\\').join('/');
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { intAsBigInt: true });
  const result: TestFile = { file, setup: [], teardown: [], tests: [] };
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    const value = doc.toJS({ maxAliasCount: -1 }) as Record<string, Step[]> | null;
    if (!value) continue;
    for (const [name, steps] of Object.entries(value)) {
      if (name === 'setup') result.setup = steps ?? [];
      else if (name === 'teardown') result.teardown = steps ?? [];
      else result.tests.push({ file, name, steps: steps ?? [] });
    }
  }
  return result;
}
