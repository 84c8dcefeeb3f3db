import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { screenshot, visible } from './uiPage';

const STEPS = ['Connect to a cluster', 'Open a document', 'Edit and save', 'Meet a conflict and resolve it'];

/**
 * The Getting Started walkthrough, opened as a person would: four steps, a picture and a command
 * button per step, and a step checked off by its command. (VS Code counts a step's events from the
 * moment its Welcome page first opens, so earlier actions do not check steps off.)
 */
export async function walkthroughScenario(page: Page, checks: Checks): Promise<void> {
  checks.scenario('The Getting Started walkthrough');
  const step = (title: string) => page.locator('.getting-started-step', { hasText: title }).first();
  const quickInput = page.locator('.quick-input-widget');

  await checks.check('Welcome: Open Walkthrough… offers it and opens its four steps', async () => {
    const input = quickInput.locator('input');
    // Earlier scenarios leave editors side by side; in a narrow group the Welcome page hides its pictures.
    await page.keyboard.press('F1');
    await visible(input, 'The command palette');
    await input.fill('>View: Join All Editor Groups');
    await visible(quickInput.locator('.monaco-list-row', { hasText: 'Join All Editor Groups' }), 'The command "Join All Editor Groups"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F1');
    await visible(input, 'The command palette');
    await input.fill('>Welcome: Open Walkthrough');
    await visible(quickInput.locator('.monaco-list-row', { hasText: 'Open Walkthrough' }), 'The command "Open Walkthrough…"');
    await page.keyboard.press('Enter');
    await input.fill('Get Started with Elasticsearch Documents');
    await visible(quickInput.locator('.monaco-list-row', { hasText: 'Get Started with Elasticsearch Documents' }), 'The walkthrough in the list');
    await page.keyboard.press('Enter');
    for (const title of STEPS) await visible(step(title), `The step "${title}"`);
  });

  await checks.check('the first step shows its picture', async () => {
    const picture = page.locator('.getting-started-media img[alt^="The Add Connection steps"]');
    await visible(picture, 'The picture of the first step');
    // decode() settles once the picture has loaded, and fails if it cannot be.
    const width = await picture.evaluate(async (element) => {
      const img = element as unknown as { decode(): Promise<void>; naturalWidth: number };
      await img.decode();
      return img.naturalWidth;
    });
    assert.ok(width > 0, 'the picture loaded');
    await screenshot(page, 'ui-walkthrough.png');
  });

  await checks.check('its Add Connection button starts Add Connection, and the step is checked off', async () => {
    await step('Connect to a cluster').locator('.monaco-button, a', { hasText: 'Add Connection' }).first().click();
    await visible(quickInput.getByText('Add Elasticsearch Connection'), 'The first question of Add Connection');
    await page.keyboard.press('Escape');
    await visible(step('Connect to a cluster').locator('[role="checkbox"][aria-checked="true"]'), 'The first step checked off');
  });
}
