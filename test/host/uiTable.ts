import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { Checks } from './checks';
import { fromContextMenu, notification, refreshMovies, runCommand, screenshot, treeRow, visible } from './uiPage';

/** The table's page: VS Code's webview iframe, and the page's own frame inside it. */
const tablePage = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function source(esUrl: string, id: string): Promise<string> {
  return (await fetch(`${esUrl}/movies/_source/${encodeURIComponent(id)}`)).text();
}

async function document(esUrl: string, id: string): Promise<{ _seq_no: number; _primary_term: number; _source: Record<string, unknown> }> {
  return (await fetch(`${esUrl}/movies/_doc/${encodeURIComponent(id)}`)).json() as Promise<{ _seq_no: number; _primary_term: number; _source: Record<string, unknown> }>;
}

/** A grid cell of the row whose `_id` cell reads `id`, in the column `path`. */
function cell(frame: FrameLocator, rowIndex: string, path: string) {
  return frame.locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${path}"]`).first();
}

/**
 * The documents table as a user meets it: the movies opened as a table, sorted by year, three
 * cells of two rows edited, reviewed and saved in one request; then a colleague's change of one
 * of those documents through REST, another edit of it, the conflict, the merge, and the server
 * checked: nothing anyone wrote is lost.
 */
export async function tableScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  checks.scenario('The documents table of "movies"');
  const frame = tablePage(page);

  await checks.check('Open as Table shows the movies in an ARIA grid, _id first, then the mapping\'s fields', async () => {
    // The whole index: a filter left on the row by an earlier scenario would apply to the table.
    if (!(await treeRow(page, 'movies').isVisible())) await treeRow(page, 'local').click();
    if (await treeRow(page, 'year:2014').isVisible()) {
      await fromContextMenu(page, 'movies', 'Clear Filter');
      await treeRow(page, 'year:2014').waitFor({ state: 'hidden' });
    }
    await fromContextMenu(page, 'movies', 'Open as Table');
    const grid = frame.locator('[role="grid"]').first();
    await visible(grid, 'The table\'s grid');
    await visible(frame.locator('[role="columnheader"]', { hasText: 'title' }).first(), 'The "title" column header');
    await visible(frame.locator('[role="gridcell"][col-id="title"]').first(), 'A title cell');
    // The ARIA grid pattern: rows and cells say where they are.
    await visible(frame.locator('[role="row"][aria-rowindex]').first(), 'A row with aria-rowindex');
    await visible(frame.locator('[role="gridcell"][aria-colindex]').first(), 'A cell with aria-colindex');
    const headers = await frame.locator('[role="columnheader"]').allInnerTexts();
    assert.ok(headers.map((h) => h.trim()).filter(Boolean)[0] === '_id', `the first column is _id: ${headers.join(' | ')}`);
    await screenshot(page, 'ui-table-open.png');
  });

  let first = '';
  let second = '';
  await checks.check('clicking the year header twice sorts the rows by year, newest first, on the server', async () => {
    const header = frame.locator('[role="columnheader"][col-id="year"]');
    await header.click();
    await visible(frame.locator('[role="columnheader"][col-id="year"][aria-sort="ascending"]'), 'The year header sorted ascending');
    await header.click();
    await visible(frame.locator('[role="columnheader"][col-id="year"][aria-sort="descending"]'), 'The year header sorted descending');
    // The rows of the new order arrive from the server: the first row's year is the index's newest.
    await frame.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="year"]', { hasText: /^20[2-9]\d$/ }).first().waitFor();
    const years = (await frame.locator('[role="gridcell"][col-id="year"]').allInnerTexts()).map((text) => Number(text.trim())).filter(Number.isFinite);
    assert.ok(years.length > 5, `year cells: ${years.join(',')}`);
    assert.deepEqual(years.slice(0, 5), [...years.slice(0, 5)].sort((a, b) => b - a), `the first years are in descending order: ${years.join(',')}`);
    first = (await cell(frame, '0', '_id').innerText()).trim();
    second = (await cell(frame, '1', '_id').innerText()).trim();
    assert.ok(first !== '' && second !== '' && first !== second, `two rows: ${first}, ${second}`);
    await screenshot(page, 'ui-table-sorted.png');
  });

  const typeInto = async (rowIndex: string, path: string, text: string): Promise<void> => {
    await cell(frame, rowIndex, path).dblclick();
    const input = frame.locator('.ag-cell-edit-wrapper input, .ag-cell-editor input').first();
    await visible(input, `The editor of ${path} in row ${rowIndex}`);
    await input.fill(text);
    await input.press('Enter');
  };

  let before: Record<string, unknown> = {};
  await checks.check('editing three cells of two rows stages them: marked, counted, nothing sent', async () => {
    before = (await document(esUrl, first))._source;
    await typeInto('0', 'title', 'Edited in the table');
    await typeInto('1', 'title', 'Second edit');
    await typeInto('1', 'year', '1999');
    await visible(frame.locator('#staged-text', { hasText: '2 documents changed' }), 'The bar "2 documents changed"');
    await visible(frame.locator('[role="row"][row-index="1"] .cell-edited[col-id="year"]'), 'The edited year cell, marked');
    assert.deepEqual((await document(esUrl, first))._source, before, 'nothing was written before Save');
    await screenshot(page, 'ui-table-staged.png');
  });

  await checks.check('a value the mapping refuses is not staged, and the table says why', async () => {
    await typeInto('0', 'year', 'soon');
    await visible(frame.locator('#notice', { hasText: 'year' }), 'The reason the year was refused');
    const refused = frame.locator('[role="row"][row-index="0"] .cell-refused[col-id="year"]');
    await visible(refused, 'The refused cell, marked');
    await refused.hover();
    await visible(frame.locator('.ag-tooltip', { hasText: 'is not a number' }), 'The refused cell\'s tooltip, saying why');
    await screenshot(page, 'ui-table-refused.png');
    assert.equal((await frame.locator('#staged-text').innerText()).trim(), '2 documents changed');
  });

  await checks.check('Ctrl+Z takes the last staged edit back and Ctrl+Y puts it again', async () => {
    await cell(frame, '1', 'title').click();
    await page.keyboard.press('Control+z');
    await frame.locator('[role="row"][row-index="1"] .cell-edited[col-id="year"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await visible(frame.locator('[role="row"][row-index="1"] .cell-edited[col-id="year"]'), 'The year edit again');
  });

  await checks.check('Review shows the changes of both documents in VS Code\'s diff', async () => {
    await frame.locator('button[data-command="review"]').click();
    await visible(page.locator('.tab', { hasText: '2 documents to be saved' }), 'The tab of the review');
    await visible(page.locator('.monaco-diff-editor .view-line', { hasText: 'Edited in the table' }).first(), 'The edited title in the diff');
    await screenshot(page, 'ui-table-review.png');
    // The table's own tab (a console's tab may name movies too).
    await page.locator('.tab', { hasText: /^\s*(●\s*)?movies\s*$/ }).first().click();
    await visible(frame.locator('#staged-text'), 'The table again');
  });

  await checks.check('a reload of the window brings the table back with its staged edits, unsent', async () => {
    // As a user reloads: the workbench shuts down in order, keeping each webview's state.
    await runCommand(page, 'Developer: Reload Window');
    await visible(frame.locator('#staged-text', { hasText: '2 documents changed' }), 'The restored bar "2 documents changed"');
    await visible(frame.locator('[role="columnheader"][col-id="year"][aria-sort="descending"]'), 'The restored sort');
    await visible(frame.locator('.cell-edited', { hasText: 'Edited in the table' }), 'The restored edit');
    assert.deepEqual((await document(esUrl, first))._source, before, 'nothing was written by the reload');
  });

  await checks.check('Ctrl+S in the table writes both documents in one _bulk request, each conditional, and the marks go', async () => {
    await fetch(`${esUrl}/_esdocs_test/requests`, { method: 'DELETE' });
    await cell(frame, '2', 'title').click();
    await page.keyboard.press('Control+s');
    await frame.locator('#staged').waitFor({ state: 'hidden' });
    const saved = await document(esUrl, first);
    assert.equal(saved._source.title, 'Edited in the table');
    assert.deepEqual({ ...saved._source, title: before.title }, before, 'only the title changed');
    assert.equal((await document(esUrl, second))._source.year, 1999);
    const requests = (await (await fetch(`${esUrl}/_esdocs_test/requests`)).json()) as { byRoute: Record<string, number> };
    const writes = Object.entries(requests.byRoute).filter(([route]) => /^(PUT|POST|DELETE) /.test(route) && !route.includes('_search') && !route.includes('_pit'));
    assert.deepEqual(writes, [['POST /_bulk', 1]], `the writes sent: ${JSON.stringify(requests.byRoute)}`);
    assert.equal(await frame.locator('.cell-edited').count(), 0, 'no cell is marked any more');
  });

  await checks.check('a change made meanwhile through REST meets the next edit as a conflict, and Merge keeps both', async () => {
    const now = await document(esUrl, first);
    // A colleague changes the genre of the first movie.
    const colleague = await fetch(`${esUrl}/movies/_update/${encodeURIComponent(first)}?if_seq_no=${now._seq_no}&if_primary_term=${now._primary_term}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ doc: { genre: ['Documentary'] } }),
    });
    assert.equal(colleague.status, 200, await colleague.text());
    await typeInto('0', 'year', '2001');
    await frame.locator('button[data-command="save"]').click();
    await visible(frame.locator('[role="row"][row-index="0"].row-conflict'), 'The first row marked as a conflict');
    await visible(notification(page, 'changed on the server since you read them'), 'The conflict notification');
    await screenshot(page, 'ui-table-conflict.png');
    await notification(page, 'changed on the server since you read them').locator('.monaco-button', { hasText: 'Merge' }).click();
    await visible(frame.locator('#staged-text', { hasText: '1 document changed' }), 'The merged row, staged again');
    await frame.locator('button[data-command="save"]').click();
    await frame.locator('#staged').waitFor({ state: 'hidden' });
    const merged = JSON.parse(await source(esUrl, first)) as Record<string, unknown>;
    assert.deepEqual(merged.genre, ['Documentary'], 'the colleague\'s genre survived');
    assert.equal(merged.year, 2001, 'the edit of the year landed');
    assert.equal(merged.title, 'Edited in the table', 'the first save is still there');
    await screenshot(page, 'ui-table-merged.png');
  });

  await checks.check('Ctrl+A selects the rows on screen, and the selection bar counts them', async () => {
    await cell(frame, '3', 'title').click();
    await visible(frame.locator('#selection-text', { hasText: '1 document selected' }), 'The selection bar of one row');
    await page.keyboard.press('Control+a');
    await visible(frame.locator('#selection-text', { hasText: /^([2-9]|\d\d+) documents selected$/ }), 'The selection bar after Ctrl+A');
    // Exactly the rows the status line counts: not those the grid keeps drawn out of sight.
    const [from, to] = (await frame.locator('#status').innerText()).split(' of ')[0]!.split('–').map(Number) as [number, number];
    assert.equal(await frame.locator('#selection-text').innerText(), `${to - from + 1} documents selected`);
  });

  await checks.check('the table keeps its place: scrolled down, another tab and back or a reload, the same rows on screen', async () => {
    await cell(frame, '3', 'title').click();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    const status = frame.locator('#status', { hasText: /^([2-9]|\d\d+)–/ });
    await visible(status, 'The status line of rows scrolled to');
    const shown = (await status.innerText()).split('–')[0]!;
    // The table's page is let go while its tab is hidden, and made again when it is shown.
    await runCommand(page, 'File: New Untitled Text File');
    await frame.locator('#status').waitFor({ state: 'detached' });
    await page.locator('.tab', { hasText: /^\s*(●\s*)?movies\s*$/ }).first().click();
    await visible(frame.locator('#status', { hasText: new RegExp(`^${shown}–`) }), `The status line from row ${shown} again`);
    await visible(frame.locator(`[role="row"][row-index="${Number(shown) - 1}"]`).first(), `The row ${shown}`);
    await screenshot(page, 'ui-table-kept-place.png');
    // A reload of the window too.
    await runCommand(page, 'Developer: Reload Window');
    await visible(frame.locator('#status', { hasText: new RegExp(`^${shown}–`) }), `The status line from row ${shown} after the reload`);
  });

  await checks.check('the filter box filters by a query string; switched to ES|QL it highlights the query, and its answer fills the grid', async () => {
    // A search sees a write once the index is refreshed (every second, as on the real engines):
    // refreshed now, the movie saved a moment ago is found by its new year.
    await refreshMovies(esUrl);
    const filter = frame.locator('#filter');
    await filter.fill('year:2001');
    await filter.press('Enter');
    await visible(frame.locator('#status', { hasText: /of \d+ · year:2001$/ }), 'The status line of the filtered rows');
    const years = (await frame.locator('[role="gridcell"][col-id="year"]').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    assert.ok(years.length > 0 && years.every((year) => year === '2001'), `the filtered years: ${years.join(',')}`);
    await visible(frame.locator('[role="gridcell"][col-id="title"]', { hasText: 'Edited in the table' }), 'The edited movie, found by its new year');

    await frame.locator('#filter-kind').selectOption('esql');
    assert.match(await filter.inputValue(), /^FROM movies METADATA _id, _index/, 'switching to ES|QL starts a query of the index');
    await filter.fill('FROM movies METADATA _id, _index | WHERE year == 2001 | SORT title | LIMIT 10');
    await visible(frame.locator('.filter-mirror .hljs-keyword', { hasText: 'WHERE' }), 'WHERE, highlighted as a command');
    await visible(frame.locator('.filter-mirror .hljs-number', { hasText: '2001' }), '2001, highlighted as a number');
    await filter.press('Enter');
    await visible(frame.locator('[role="gridcell"][col-id="title"]', { hasText: 'Edited in the table' }), 'The edited movie, from the ES|QL answer');
    await screenshot(page, 'ui-table-esql.png');

    await frame.locator('#filter-kind').selectOption('query');
    assert.equal(await filter.inputValue(), 'year:2001', 'switching back gives the query string typed before');
  });
}
