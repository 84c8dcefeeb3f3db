import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { replaceInEditor, runCommand, screenshot, visible } from './uiPage';

const suggestion = (page: Page, label: string) => page.locator('.suggest-widget.visible .monaco-list-row', { hasText: label }).first();
const activeEditor = (page: Page) => page.locator('.editor-group-container.active .monaco-editor .view-lines').first();

/**
 * The request console as a new user meets it, on the demo connection: New Console, a `_search`
 * typed with completion of the index, the API and a field of the mapping, Ctrl+Enter, a hit
 * opened from the answer, edited and saved conditionally; a `_bulk` snippet pasted as Elastic's
 * documentation prints it runs unchanged; `if_sql_no` is caught before anything is sent.
 */
export async function consoleScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  checks.scenario('The request console on "local"');

  await checks.check('Elasticsearch: New Console opens a console bound to the connection', async () => {
    await runCommand(page, 'Elasticsearch: New Console');
    await visible(page.locator('.editor-group-container.active .view-lines', { hasText: 'match_all' }), 'The new console with its example request');
    await visible(page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'local' }), 'The connection lens at the top');
    await visible(page.locator('.statusbar-item', { hasText: 'local' }), 'The connection in the status bar');
  });

  await checks.check('the path completes segment by segment: the index, then _search', async () => {
    await activeEditor(page).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('GET mov');
    await visible(suggestion(page, 'movies'), 'The index "movies" offered');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/_sea');
    await visible(suggestion(page, '_search'), 'The API "_search" offered');
    await screenshot(page, 'ui-console-path-completion.png');
    await page.keyboard.press('Enter');
  });

  await checks.check('a field of the mapping completes inside a match query', async () => {
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // As typed so far: the body is still open where the field name goes.
    await page.keyboard.insertText('{\n"query": { "match": { "');
    await page.keyboard.press('Control+Space');
    await visible(suggestion(page, 'title'), 'The field "title" of the movies mapping offered');
    await screenshot(page, 'ui-console-field-completion.png');
    await suggestion(page, 'title').click();
    await page.keyboard.insertText('": "matrix" } }\n}');
    await visible(activeEditor(page).getByText('"title": "matrix"'), 'The field name inserted');
  });

  await checks.check('Ctrl+Enter sends it; the answer opens beside, with an Open lens on the hit', async () => {
    await page.keyboard.press('Control+Enter');
    await visible(page.locator('.tabs-container .tab', { hasText: 'results' }), 'The results tab');
    await visible(page.locator('.view-lines', { hasText: '200 OK' }).first(), 'The status line of the answer');
    await visible(page.locator('.codelens-decoration', { hasText: 'Open movies/2571' }), 'The Open lens on the hit');
    await screenshot(page, 'ui-console-results.png');
  });

  await checks.check('Open on the hit opens the document; an edit and Ctrl+S save it conditionally', async () => {
    await page.locator('.codelens-decoration a', { hasText: 'Open movies/2571' }).click();
    await visible(page.locator('.tabs-container .tab', { hasText: '2571.json' }), 'The document tab 2571.json');
    const before = await page.locator('.statusbar-item', { hasText: /seq \d+ · term 1 · v1/ }).first().textContent();
    await replaceInEditor(page, '"year": 1999', '"year": 1998', true);
    await page.keyboard.press('Control+S');
    await visible(page.locator('.statusbar-item', { hasText: /· v2/ }), 'The new version in the status bar');
    const after = await page.locator('.statusbar-item', { hasText: /· v2/ }).first().textContent();
    assert.notEqual(before, after);
    const source = (await (await fetch(`${esUrl}/movies/_source/2571`)).json()) as { year?: number };
    assert.equal(source.year, 1998);
    await screenshot(page, 'ui-console-hit-saved.png');
  });

  await checks.check('a _bulk snippet pasted from the documentation runs unchanged', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
    await activeEditor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(
      '\n\nPOST _bulk\n{ "index" : { "_index" : "test", "_id" : "1" } }\n{ "field1" : "value1" }\n{ "delete" : { "_index" : "test", "_id" : "2" } }\n{ "create" : { "_index" : "test", "_id" : "3" } }\n{ "field1" : "value3" }\n{ "update" : {"_id" : "1", "_index" : "test"} }\n{ "doc" : {"field2" : "value2"} }\n',
    );
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Control+Enter');
    await visible(page.locator('.view-lines', { hasText: '"errors": false' }).first(), 'The bulk answer without errors');
    const source = (await (await fetch(`${esUrl}/test/_source/1`)).json()) as Record<string, string>;
    assert.deepEqual(source, { field1: 'value1', field2: 'value2' });
    await screenshot(page, 'ui-console-bulk.png');
  });

  await checks.check('a misspelt if_seq_no is caught before sending: did you mean `if_seq_no`?', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
    await activeEditor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nPUT movies/_doc/2571?if_sql_no=1&if_primary_term=1\n{ "title": "x" }\n');
    await page.keyboard.press('Control+Shift+M');
    await visible(page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean `if_seq_no`' }), 'The did-you-mean warning in Problems');
    await screenshot(page, 'ui-console-did-you-mean.png');
  });
}
