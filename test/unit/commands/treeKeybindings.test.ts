import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { keybindings: Keybinding[]; commands: Array<{ command: string }>; menus: Record<string, Array<{ command: string; when?: string; group?: string }>> };
};

describe('keys and menus of the Documents view', () => {
  const inView = manifest.contributes.keybindings.filter((k) => /focusedView == esdocs\.documents/.test(k.when ?? ''));
  const keyFor = (command: string): string[] => inView.filter((k) => k.command === command).map((k) => k.key);

  it('refreshes the whole view with F5 and Ctrl+R, deletes with Delete, copies the id with Ctrl+C', () => {
    assert.deepEqual(keyFor('esdocs.refreshView').sort(), ['ctrl+r', 'f5']);
    assert.deepEqual(keyFor('esdocs.deleteSelectedDocument'), ['delete']);
    assert.deepEqual(keyFor('esdocs.copyId'), ['ctrl+c']);
  });

  it('binds keys only while the view has focus and no input box has, and only to contributed commands', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const binding of inView) {
      assert.ok(contributed.includes(binding.command), binding.command);
      assert.match(binding.when ?? '', /!inputFocus/, binding.command);
    }
    for (const binding of inView.filter((k) => k.command !== 'esdocs.refreshView')) assert.match(binding.when ?? '', /esdocs\.documentSelected/);
  });

  it('puts the whole-view refresh in the title bar and the row refresh on rows', () => {
    const title = manifest.contributes.menus['view/title'].map((m) => m.command);
    assert.ok(title.includes('esdocs.refreshView') && !title.includes('esdocs.refresh'));
    const rows = manifest.contributes.menus['view/item/context'].filter((m) => m.command === 'esdocs.refresh');
    // Once as a row's inline button, once in its context menu.
    assert.deepEqual(rows.map((m) => (m.group?.startsWith('inline') ? 'inline' : 'context')).sort(), ['context', 'inline']);
  });
});
