import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { notification, replaceInEditor, screenshot, visible } from './uiPage';

/**
 * Merge as a person meets it, continuing from the conflict of the editing scenario: revert to
 * the server version, change the year; someone else fixes the title; Ctrl+S → the conflict
 * notification offers Merge → the editor holds both changes → Ctrl+S → the cluster holds both.
 */
export async function mergeScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  checks.scenario('Merging a colleague\'s change of another field');
  const source = async (): Promise<{ title?: string; year?: number }> => {
    const response = await fetch(`${esUrl}/movies/_source/109487`);
    assert.equal(response.status, 200);
    return (await response.json()) as { title?: string; year?: number };
  };
  const editorText = page.locator('.editor-instance .view-lines').first();

  await checks.check('after Revert, a change of the year meets a concurrent change of the title', async () => {
    await page.locator('.tabs-container .tab', { hasText: '109487.json' }).first().click();
    await page.locator('.editor-actions [aria-label^="Revert to Server Version"]').first().click();
    await visible(editorText.filter({ hasText: 'edited elsewhere' }), 'The server version in the editor');
    await replaceInEditor(page, '2014', '2015');
    const put = await fetch(`${esUrl}/movies/_doc/109487`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar (fixed elsewhere)', year: 2014 }),
    });
    assert.equal(put.status, 200);
    await page.keyboard.press('Control+S');
    await visible(notification(page, '1 field there, 1 here, no overlap', 'Merge'), 'The conflict notification saying the changes do not overlap, with Merge');
    await screenshot(page, 'ui-merge-conflict.png');
  });

  await checks.check('Merge puts both changes into the editor, and writes nothing', async () => {
    await notification(page, 'no overlap', 'Merge').locator('.monaco-button', { hasText: 'Merge' }).click();
    await visible(notification(page, 'Merged: 1 change from the server kept. Review and save (Ctrl+S).', 'Show Changes'), 'The merge message');
    await visible(editorText.filter({ hasText: 'fixed elsewhere' }).filter({ hasText: '2015' }), 'The merged text in the editor');
    await visible(page.locator('.tabs-container .tab.dirty', { hasText: '109487.json' }), 'The editor, still dirty');
    assert.equal((await source()).year, 2014, 'Merge wrote nothing');
    await screenshot(page, 'ui-merged.png');
  });

  await checks.check('Ctrl+S saves the merge: the cluster holds both changes', async () => {
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    await visible(page.locator('.tabs-container .tab:not(.dirty)', { hasText: '109487.json' }), 'The saved editor tab');
    assert.deepEqual(await source(), { genre: ['IMAX', 'Sci-Fi'], title: 'Interstellar (fixed elsewhere)', year: 2015 });
    await screenshot(page, 'ui-merge-saved.png');
  });
}
