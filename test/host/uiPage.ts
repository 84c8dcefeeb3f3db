import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './paths';

/** Locators and waits of the UI tests: the workbench as a person sees it. */

export const UI_TIMEOUT_MS = 30_000;

// The item and its badge both carry the label; the first is the clickable item.
export const activityItem = (page: Page) => page.locator('.activitybar [aria-label^="Elasticsearch"]').first();
export const sideBar = (page: Page) => page.locator('.part.sidebar');
export const treeRow = (page: Page, text: string) => sideBar(page).locator('.monaco-list-row', { hasText: text }).first();
export const notification = (page: Page, text: string, button?: string) =>
  page
    .locator('.notifications-toasts .notification-list-item', { hasText: text })
    .filter(button ? { has: page.locator('.monaco-button', { hasText: button }) } : {})
    .first();

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // Toasts fade in; the picture should show them as a person reads them.
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const file = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: file });
  console.log(`    screenshot: ${path.relative(process.cwd(), file)}`);
}

export async function visible(locator: Locator, what: string): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    assert.fail(`${what} is not visible after ${UI_TIMEOUT_MS / 1000} s (${reason})`);
  });
}

/** Replaces text in the active editor through its find/replace widget, as a user would. */
export async function replaceInEditor(page: Page, find: string, replacement: string, inActiveGroup = false): Promise<void> {
  // With editors side by side, the first is not necessarily the one the user works in.
  const scope = inActiveGroup ? '.editor-group-container.active ' : '';
  await page.locator(`${scope}.editor-instance .monaco-editor .view-lines`).first().click();
  await page.keyboard.press('Control+H');
  const widget = page.locator(`${scope}.editor-instance .find-widget.visible`);
  await visible(widget, 'The find/replace widget');
  await widget.locator('.find-part textarea').fill(find);
  await widget.locator('.replace-part textarea').fill(replacement);
  await widget.locator('.replace-part textarea').press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

/** Runs a command by its title from the command palette (F1), as a user does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await visible(input, 'The command palette');
  await input.fill(`>${title}`);
  await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first(), `The command "${title}"`);
  await input.press('Enter');
}

/** Right-click a tree row and choose an item of its context menu. */
export async function fromContextMenu(page: Page, row: string, item: string): Promise<void> {
  await treeRow(page, row).click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: item }).first();
  await visible(entry, `"${item}" in the context menu of "${row}"`);
  // The pointer focuses the item and Enter runs it: a menu drops a click that comes as it opens.
  await entry.hover();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
}

/** Makes every write to the movies index visible to searches (what a periodic refresh does in its own time). */
export async function refreshMovies(esUrl: string): Promise<void> {
  const refreshed = await fetch(`${esUrl}/movies/_refresh`, { method: 'POST' });
  assert.equal(refreshed.status, 200, await refreshed.text());
}
