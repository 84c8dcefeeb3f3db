import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds } from '../../../src/commands/commandIds';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('package.json contributions', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);

  it('contributes exactly the commands of the CommandIds table', () => {
    assert.deepEqual([...contributed].sort(), Object.values(CommandIds).sort());
  });

  it('gives every command the Elasticsearch category and an icon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Elasticsearch', command.command);
      assert.match(command.icon ?? '', /^\$\([a-z-]+\)$/, command.command);
    }
  });

  it('refers only to contributed commands in menus, each with a when clause', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) {
        assert.ok(contributed.includes(item.command), `${menu}: ${item.command}`);
        assert.ok(item.when, `${menu}: ${item.command} has a when clause`);
      }
    }
  });

  it('declares every setting the Settings wrapper reads', () => {
    const source = readFileSync(join(__dirname, '../../../src/config/settings.ts'), 'utf8');
    const read = [...source.matchAll(/(?:get<[^>]+>|update)\('([a-zA-Z]+)'/g)].map((m) => `esdocs.${m[1]}`);
    assert.ok(read.length >= 5);
    for (const key of read) assert.ok(key in manifest.contributes.configuration.properties, key);
  });
});
