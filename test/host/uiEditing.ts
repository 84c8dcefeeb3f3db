import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { notification, replaceInEditor, screenshot, treeRow, visible } from './uiPage';

/**
 * The product's loop as a person goes through it, with the movies index listed in the view:
 * open 109487, edit, Ctrl+S; then someone else writes, the person edits again, Ctrl+S → the
 * conflict notification, Compare → the diff.
 */
export async function editingScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  checks.scenario('Editing 109487 and meeting a conflict');
  const source = async (): Promise<{ title?: string }> => {
    const response = await fetch(`${esUrl}/movies/_source/109487`);
    assert.equal(response.status, 200);
    return (await response.json()) as { title?: string };
  };

  await checks.check('clicking 109487 opens its source in an editor', async () => {
    await treeRow(page, '109487').click();
    await visible(page.locator('.tabs-container .tab', { hasText: '109487.json' }), 'The editor tab "109487.json"');
    await visible(page.locator('.editor-instance .view-lines', { hasText: 'Interstellar' }), 'The title in the editor');
    await visible(page.locator('.statusbar-item', { hasText: /seq \d+ · term 1 · v1/ }), 'The version in the status bar');
    await screenshot(page, 'ui-editor.png');
  });

  await checks.check('with auto-save on, an edit stays in the editor, marked as not auto-saved', async () => {
    await replaceInEditor(page, '"Interstellar"', '"Interstellar Foo"');
    await visible(page.locator('.statusbar-item', { hasText: /seq \d+ · term 1 · v1 · not auto-saved/ }), 'The version in the status bar saying the edit is not auto-saved');
    await visible(page.locator('.tabs-container .tab.dirty', { hasText: '109487.json' }), 'The dirty editor tab');
    assert.equal((await source()).title, 'Interstellar', 'nothing was written by auto-save');
    await screenshot(page, 'ui-not-auto-saved.png');
  });

  await checks.check('pressing Ctrl+S saves it to the cluster', async () => {
    await page.keyboard.press('Control+S');
    await visible(page.locator('.statusbar-item', { hasText: /· v2/ }), 'The new version in the status bar');
    assert.equal((await source()).title, 'Interstellar Foo');
  });

  await checks.check('after a concurrent change, Ctrl+S shows the conflict notification', async () => {
    const put = await fetch(`${esUrl}/movies/_doc/109487`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar (edited elsewhere)', year: 2014 }),
    });
    assert.equal(put.status, 200);
    await replaceInEditor(page, '"Interstellar Foo"', '"Interstellar Bar"');
    await page.keyboard.press('Control+S');
    await visible(notification(page, 'changed on the server since you opened it', 'Overwrite'), 'The conflict notification with its actions');
    await screenshot(page, 'ui-conflict.png');
    assert.equal((await source()).title, 'Interstellar (edited elsewhere)', 'the concurrent change is not overwritten');
    const toasts = page.locator('.notifications-toasts .notification-list-item');
    assert.equal(await toasts.filter({ hasText: 'Failed to save' }).count(), 0, 'no second notification from VS Code');
    assert.equal(await toasts.filter({ hasText: 'changed on the server' }).count(), 1, 'one notification for one conflict');
  });

  await checks.check('Compare opens the diff of the server version and the user text', async () => {
    await notification(page, 'changed on the server since you opened it', 'Compare').locator('.monaco-button', { hasText: 'Compare' }).click();
    await visible(page.locator('.tabs-container .tab', { hasText: '109487 (server ↔ yours)' }), 'The diff tab');
    const diff = page.locator('.monaco-diff-editor').first();
    await visible(diff.locator('.editor.original .view-lines', { hasText: 'edited elsewhere' }), 'The server version on the left');
    await visible(diff.locator('.editor.modified .view-lines', { hasText: 'Interstellar Bar' }), 'The user text on the right');
    await screenshot(page, 'ui-diff.png');
  });
}
