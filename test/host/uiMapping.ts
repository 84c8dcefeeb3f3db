import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { replaceInEditor, screenshot, visible } from './uiPage';

/**
 * Mapping-aware editing as a person meets it, in the editor of 109487 (movies): a misspelt field
 * gets a did-you-mean warning, and field names complete from the index mapping.
 */
export async function mappingScenario(page: Page, checks: Checks): Promise<void> {
  checks.scenario('Editing against the mapping of movies');
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();

  await checks.check('a misspelt field is marked: did you mean `year`?', async () => {
    await replaceInEditor(page, '"year"', '"yaer"');
    await page.keyboard.press('Control+Shift+M');
    await visible(page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean `year`' }), 'The did-you-mean warning in Problems');
    await screenshot(page, 'ui-did-you-mean.png');
  });

  await checks.check('Ctrl+Space on a new key offers the mapped fields with their types', async () => {
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget.visible .monaco-list-row');
    await visible(suggestions.filter({ hasText: 'genre' }), 'The field "genre" offered');
    await screenshot(page, 'ui-completion.png');
    await page.keyboard.press('Escape');
  });
}
