import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Checks } from './checks';
import { fromContextMenu, notification, refreshMovies, replaceInEditor, screenshot, treeRow, visible } from './uiPage';

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
  // The dialog puts its starting path (and a save dialog its proposed name) back once it has listed the
  // folder: the path is typed after the listing shows (its `..` row), or it would be overwritten.
  await visible(quickInput(page).locator('.monaco-list-row').first(), 'The file dialog\'s folder, listed');
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
  // Earlier scenarios wrote without a refresh: searches see those writes once the index is refreshed
  // (every second, as on the real engines). Refreshed now, this scenario reads what they left, whichever ran before.
  await refreshMovies(esUrl);
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

  const csv = path.join(workspace, 'films.csv');
  await checks.check('Import Documents… on the connection into a new index typed in the picker: its mapping, inferred from the CSV, is shown, then it is created and filled', async () => {
    fs.writeFileSync(csv, '_id,title,year,rating,released\n1,Heat,1995,8.3,1995-12-15\n2,"Alien, the first",1979,8.5,1979-05-25\n3,Arrival,2016,7.9,2016-11-11\n');
    await fromContextMenu(page, 'local', 'Import Documents…');
    const input = quickInput(page).locator('.quick-input-box input');
    await visible(input, 'The index picker');
    await input.fill('films');
    const fresh = quickInput(page).locator('.monaco-list-row', { hasText: 'a new index, created by the import' });
    await visible(fresh, 'The typed name offered as a new index');
    await screenshot(page, 'ui-import-new-index.png');
    await fresh.click();
    const leaveOut = quickInput(page).locator('.monaco-list-row', { hasText: 'Leave empty cells out' });
    await answerFileDialog(page, csv, leaveOut);
    await leaveOut.click();
    const inferred = quickInput(page).locator('.monaco-list-row', { hasText: 'A Mapping Inferred from the File' });
    await visible(inferred, 'How to create films: a mapping inferred from the file first');
    await inferred.click();
    const dialog = page.locator('.monaco-dialog-box');
    await visible(dialog.getByText('Create films with this mapping, inferred from the first 3 documents of the file?'), 'The inferred mapping, asked before anything is created');
    await visible(dialog.getByText('rating: double'), 'Each field with its type');
    await screenshot(page, 'ui-import-inferred-mapping.png');
    await dialog.locator('.monaco-button', { hasText: 'Create and Import' }).click();
    await visible(notification(page, 'Imported into films: created 3'), 'The report: the three films created');
    const mapping = await (await fetch(`${esUrl}/films/_mapping`)).text();
    assert.match(mapping, /"rating":\{"type":"double"\}/);
    assert.match(mapping, /"released":\{"type":"date"\}/);
    assert.equal(await (await fetch(`${esUrl}/films/_source/2`)).text(), '{"title":"Alien, the first","year":1979,"rating":8.5,"released":"1979-05-25"}');
  });
}
