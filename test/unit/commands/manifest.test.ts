import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds } from '../../../src/platform/model/commandIds';
import type { ConnectionConfig } from '../../../src/cluster/model/connectionConfig';
import { connectionContextValue } from '../../../src/connections/model/connectionDisplay';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { properties: Record<string, { scope?: string; maximum?: number }> };
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const englishStrings = JSON.parse(readFileSync(join(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string as English-speaking users see it (`%key%` looked up in package.nls.json). */
const shown = (value: string | undefined): string | undefined => value?.replace(/^%(.+)%$/, (_, key: string) => englishStrings[key] ?? value);

describe('package.json contributions', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);

  it('contributes exactly the commands of the CommandIds table', () => {
    assert.deepEqual([...contributed].sort(), Object.values(CommandIds).sort());
  });

  it('gives every command the Elasticsearch category and an icon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(shown(command.category), 'Elasticsearch', command.command);
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

  it('declares exactly the settings the Settings wrapper reads: none missing, none unused', () => {
    const source = readFileSync(join(__dirname, '../../../src/platform/settings.ts'), 'utf8');
    const read = new Set([...source.matchAll(/(?:get<[^>]+>|update)\('([a-zA-Z.]+)'/g)].map((m) => `esdocs.${m[1]}`));
    assert.deepEqual([...read].sort(), Object.keys(manifest.contributes.configuration.properties).sort());
  });

  it('offers Update Credentials only on connections that authenticate, and Remove only on added ones', () => {
    const whenOf = (command: string): RegExp => {
      const item = manifest.contributes.menus['view/item/context'].find((i) => i.command === command);
      const match = /viewItem =~ \/(.+)\/$/.exec(item?.when ?? '');
      assert.ok(match, `${command} matches the context value with a regular expression`);
      return new RegExp(match[1]);
    };
    const connection = (origin: ConnectionConfig['origin'], auth: ConnectionConfig['auth']): string =>
      connectionContextValue({ id: 'c', name: 'c', urls: ['http://127.0.0.1:9200'], auth, tls: {}, origin });
    const update = whenOf('esdocs.updateCredentials');
    assert.ok(update.test(connection('added', 'basic')) && update.test(connection('settings', 'apiKey')));
    assert.ok(!update.test(connection('added', 'none')) && !update.test(connection('settings', 'none')));
    const remove = whenOf('esdocs.removeConnection');
    assert.ok(remove.test(connection('added', 'none')) && remove.test(connection('added', 'bearer')));
    assert.ok(!remove.test(connection('settings', 'basic')));
    assert.ok(whenOf('esdocs.editConnection').test(connection('settings', 'none')));
  });

  it('keeps the request timeout out of a folder\'s reach, and the tuning settings out of an untrusted one\'s', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['esdocs.requestTimeoutSeconds'].scope, 'machine');
    assert.equal(properties['esdocs.requestTimeoutSeconds'].maximum, 600);
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['esdocs.connections', 'esdocs.pageSize', 'esdocs.refreshOnSave', 'esdocs.retryOnConflict']) assert.ok(restricted.includes(key), key);
  });
});
