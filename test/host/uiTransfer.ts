import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Checks } from './checks';
import { fromContextMenu, notification, replaceInEditor, screenshot, treeRow, visible } from './uiPage';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/**
 * VS Code's own file dialog of the browser workbench: the path typed, then Enter. The dialog fills in
 * its starting path after it shows, and may put its folder back while it lists it: when Enter met
 * the folder ("Please select a file"), the path is typed again. `next` is what shows once the dialog
 * took the path (by default its box closes): the next question may reuse the box, which then never closes.
 */
async function answerFileDialog(page: Page, file: string, next?: Locator): Promise<void> {
  const input = quickInput(page).locator('.quick-input-box input');
  await visible(input, 'The file dialog');
  const handle = await input.elementHandle();
  await page.waitForFunction((element) => (element as unknown as { value: string }).value.includes('/'), handle);
  for (let attempt = 0; ; attempt++) {
    await input.fill(file);
    await page.waitForFunction(([element, wanted]) => (element as unknown as { value: string }).value === wanted, [handle, file] as const);
    await input.press('Enter');
    const refused = quickInput(page).getByText('Please select a file');
    const outcome = await Promise.race([
      (next ?? quickInput(page)).waitFor({ state: next ? 'visible' : 'hidden' }).then(() => 'done' as const, () => 'done' as const),
      // The loser of the race gives up at its timeout: quietly.
      refused.waitFor({ state: 'visible' }).then(() => 'again' as const, () => 'done' as const),
    ]);
    if (outcome === 'done' || attempt >= 2) return;
  }
}

/**
 * Waits for the workbench to write the file (auto-save and Ctrl+S write it after the tab shows it
 * saved): each change of the folder is looked at, until the file holds `text`. Should it never,
 * the run's overall deadline ends it.
 */
async function waitForFile(file: string, text: string): Promise<void> {
  const watcher = fs.watch(path.dirname(file));
  try {
    await new Promise<void>((resolve) => {
      const check = () => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text) && resolve();
      watcher.on('change', check);
      check();
    });
  } finally {
    watcher.close();
  }
}

async function source(esUrl: string, id: string): Promise<string> {
  return (await fetch(`${esUrl}/movies/_source/${id}`)).text();
}

/**
 * Export and import as a user meets them: the movies of 2014 exported with tokens, one edited in
 * the file, one changed by a colleague meanwhile, the file imported back conditionally: the edit
 * lands, the colleague's change is kept and reported as the one conflict.
 */
export async function transferScenario(page: Page, checks: Checks, esUrl: string, workspace: string): Promise<void> {
  checks.scenario('Export and import of "movies"');
  const file = path.join(workspace, 'movies-2014.ndjson');
  let exported = 0;

  await checks.check('Filter Documents… then Export Documents… writes the filtered movies, with tokens', async () => {
    await fromContextMenu(page, 'movies', 'Filter Documents…');
    const input = quickInput(page).locator('.quick-input-box input');
    await visible(input, 'The filter box');
    await input.fill('year:2014');
    await input.press('Enter');
    await visible(treeRow(page, 'year:2014'), 'The filter on the movies row');
    await fromContextMenu(page, 'movies', 'Export Documents…');
    const tokens = quickInput(page).locator('.monaco-list-row', { hasText: 'NDJSON with tokens' });
    await visible(tokens, 'The format "NDJSON with tokens"');
    await tokens.click();
    await answerFileDialog(page, file);
    // Said once the file is written and closed.
    await visible(notification(page, 'documents of movies to movies-2014.ndjson'), 'The notification of the export');
    await screenshot(page, 'ui-export-done.png');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    exported = lines.length;
    assert.ok(exported > 2, `${exported} movies of 2014`);
    await visible(notification(page, `Exported ${exported} documents of movies`), 'The count in the notification');
    assert.ok(lines.every((line) => line.includes('"_seq_no":') && line.includes('"year":2014')), lines[0]);
  });

  await checks.check('the file opens from the notification; one movie is edited in it and saved', async () => {
    await notification(page, `Exported ${exported} documents`, 'Open File').locator('.monaco-button', { hasText: 'Open File' }).click();
    await visible(page.locator('.tabs-container .tab', { hasText: 'movies-2014.ndjson' }), 'The exported file in an editor');
    await visible(page.locator('.editor-group-container.active .view-lines', { hasText: 'Silent Letter' }), 'The movies in the file');
    await replaceInEditor(page, '"title":"Silent Letter"', '"title":"Silent Letter (edited offline)"', true);
    await visible(page.locator('.editor-group-container.active .view-lines', { hasText: 'Silent Letter (edited offline)' }), 'The edit in the file');
    await page.keyboard.press('Control+S');
    await visible(page.locator('.tabs-container .tab:not(.dirty)', { hasText: 'movies-2014.ndjson' }), 'The file saved');
    await waitForFile(file, 'Silent Letter (edited offline)');
    // Meanwhile a colleague changes another movie of the file.
    const changed = await fetch(`${esUrl}/movies/_doc/4781?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"title":"Electric Frontier","year":2014,"genre":["Adventure"],"note":"a colleague"}' });
    assert.equal(changed.status, 200);
  });

  await checks.check('Import Documents… conditionally: the edit lands, the colleague\'s change is the one conflict', async () => {
    await fromContextMenu(page, 'movies', 'Import Documents…');
    const conditional = quickInput(page).locator('.monaco-list-row', { hasText: 'Conditional update' });
    await answerFileDialog(page, file, conditional);
    await visible(conditional, 'The mode "Conditional update" (the file has tokens)');
    await visible(quickInput(page).getByText(`${exported} documents from movies-2014.ndjson`), 'The count of documents in the file');
    await conditional.click();
    await visible(notification(page, `updated ${exported - 1} · conflicts 1`), 'The report: all updated but the one conflict');
    await screenshot(page, 'ui-import-report.png');
    assert.match(await source(esUrl, '7646'), /Silent Letter \(edited offline\)/);
    assert.match(await source(esUrl, '4781'), /a colleague/);
  });
}
