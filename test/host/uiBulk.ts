import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { fromContextMenu, notification, refreshMovies, screenshot, treeRow, visible } from './uiPage';

const quickInput = (page: Page) => page.locator('.quick-input-widget');
const dialog = (page: Page) => page.locator('.monaco-dialog-box');

async function answer(page: Page, text: string): Promise<void> {
  const input = quickInput(page).locator('.quick-input-box input');
  await visible(input, `The input for "${text}"`);
  await input.fill(text);
  await input.press('Enter');
}

/** The 2014 movies' sources, read in real time (a search sees writes only after a refresh). */
async function sources(esUrl: string): Promise<Map<string, string>> {
  const found = (await (await fetch(`${esUrl}/movies/_search?size=1000&q=year:2014&_source=false`)).json()) as { hits: { hits: Array<{ _id: string }> } };
  const ids = found.hits.hits.map((hit) => hit._id);
  const answer = (await (await fetch(`${esUrl}/movies/_mget`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids }) })).json()) as { docs: Array<{ _id: string; _source: unknown }> };
  return new Map(answer.docs.map((doc) => [doc._id, JSON.stringify(doc._source)]));
}

/**
 * A bulk change as the user meets it: `"reviewed": true` on the 2014 movies, previewed
 * (count and diffs) before anything is sent, applied while a colleague edits one of them (reported
 * as the one conflict), re-applied to it, then the whole change set undone: every movie as before,
 * except the colleague's edit.
 */
export async function bulkScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  checks.scenario('A bulk change of the 2014 movies');
  // Earlier scenarios wrote without a refresh: searches see those writes once the index is refreshed
  // (every second, as on the real engines). Refreshed now, this scenario reads what they left, whichever ran before.
  await refreshMovies(esUrl);
  let before = new Map<string, string>();

  await checks.check('Change Documents… on the filtered movies previews the count and the diffs; nothing is sent', async () => {
    // After a reload of the window (an earlier scenario's) the tree may be collapsed.
    if (!(await treeRow(page, 'movies').isVisible())) await treeRow(page, 'local').click();
    await fromContextMenu(page, 'movies', 'Filter Documents…');
    await answer(page, 'year:2014');
    await visible(treeRow(page, 'year:2014'), 'The filter on the movies row');
    before = await sources(esUrl);
    await fromContextMenu(page, 'movies', 'Change Documents…');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Set Field' }).click();
    await answer(page, 'reviewed');
    await answer(page, 'true');
    await visible(dialog(page).getByText(`${before.size} documents match · ${before.size} will change`), 'The preview\'s counts');
    await screenshot(page, 'ui-bulk-preview.png');
    await dialog(page).locator('.monaco-button', { hasText: 'Show Changes' }).click();
    await visible(page.locator('.monaco-diff-editor .view-line', { hasText: '"reviewed": true' }).first(), 'A sample diff with the new field');
    await screenshot(page, 'ui-bulk-diffs.png');
    assert.deepEqual(await sources(esUrl), before, 'nothing written by the preview');
  });

  const colleague = [...before.keys()][0];
  await checks.check('Apply while a colleague edits one of them: that one is reported as a conflict, the rest changed', async () => {
    const doc = (await (await fetch(`${esUrl}/movies/_doc/${colleague}`)).json()) as { _source: Record<string, unknown> };
    const put = await fetch(`${esUrl}/movies/_doc/${colleague}?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...doc._source, note: 'by a colleague' }) });
    assert.equal(put.status, 200);
    await dialog(page).locator('.monaco-button', { hasText: 'Apply' }).click();
    const report = notification(page, `${before.size - 1} changed`);
    await visible(report, 'The report of the change');
    await visible(notification(page, '1 conflict (changed since the preview'), 'The one conflict in the report');
    // The progress goes once the change is done; the report stays where it is then.
    await page.locator('.notification-toast', { hasText: 'Changing documents' }).waitFor({ state: 'detached' });
    await screenshot(page, 'ui-bulk-report.png');
    await report.locator('.monaco-button', { hasText: 'Re-apply to Changed Documents' }).click();
    await visible(dialog(page).getByText('Re-apply the change to the 1 documents'), 'The re-apply\'s count, asked first');
    await dialog(page).locator('.monaco-button', { hasText: 'Re-apply' }).click();
    await visible(notification(page, '1 changed · 0 unchanged'), 'The re-apply\'s report');
    const after = await sources(esUrl);
    for (const [id] of before) assert.match(after.get(id) ?? '', /"reviewed":true/, `${id} changed`);
    assert.match(after.get(colleague) ?? '', /"note":"by a colleague"/);
  });

  await checks.check('Undo from the history restores every movie, and keeps the colleague\'s edit', async () => {
    await page.keyboard.press('F1');
    await answer(page, '>Elasticsearch: Bulk Change History');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'set reviewed = true' }).first().click();
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Undo' }).first().click();
    await dialog(page).locator('.monaco-button', { hasText: 'Undo' }).click();
    await visible(notification(page, 'restored · changed since: 0'), 'The undo\'s report');
    await screenshot(page, 'ui-bulk-undone.png');
    const after = await sources(esUrl);
    for (const [id, text] of before) {
      if (id === colleague) assert.equal(after.get(id), JSON.stringify({ ...JSON.parse(text), note: 'by a colleague' }));
      else assert.equal(after.get(id), text, `${id} is as before`);
    }
  });
}
