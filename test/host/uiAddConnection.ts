import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Checks } from './checks';
import { screenshot, sideBar, treeRow, visible } from './uiPage';

/** "Add Connection" from the welcome view, step by step as a person fills it in. */
export async function addConnectionScenario(page: Page, checks: Checks, esUrl: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const step = async (text: string): Promise<void> => {
    await visible(input, 'The quick input');
    await input.fill(text);
    await input.press('Enter');
  };

  await checks.check('Add Connection asks for the URL, the name and the authentication', async () => {
    await sideBar(page).locator('.welcome-view-content .monaco-button', { hasText: 'Add Connection' }).click();
    await visible(widget.getByText('Cluster URL', { exact: false }), 'The URL step');
    await step(esUrl);
    await visible(widget.getByText('A name for this connection'), 'The name step');
    await step('from-the-wizard');
    await visible(widget.locator('.monaco-list-row', { hasText: 'No authentication' }), 'The authentication step');
    await input.press('Enter');
  });

  await checks.check('it tests the connection before saving, and the tree shows it', async () => {
    // The test's result is the last step's message, in full, above Save and Change something.
    const message = widget.locator('.quick-input-message', { hasText: 'Connected: cluster' });
    await visible(message, 'The result of the connection test');
    assert.match(await message.innerText(), /Connected: cluster ".+", Elasticsearch \d+\.\d+\.\d+\./);
    await screenshot(page, 'ui-add-connection.png');
    await input.press('Enter');
    await visible(treeRow(page, 'from-the-wizard'), 'The new connection in the tree');
    assert.ok(await treeRow(page, 'from-the-wizard').isVisible());
  });
}

/**
 * Add Connection… through the AWS path, from the view's title bar: a domain of Amazon OpenSearch
 * Service (the test server answering as OpenSearch behind SigV4, with the key pair in the
 * workbench's environment). The connection test is itself a signed request.
 */
export async function addAwsConnectionScenario(page: Page, checks: Checks, awsUrl: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const step = async (text: string): Promise<void> => {
    await visible(input, 'The quick input');
    await input.fill(text);
    await input.press('Enter');
  };

  await checks.check('Add Connection… through "AWS (SigV4)" asks for the region, the service and the profile', async () => {
    await page.locator('.part.sidebar .title-actions [aria-label^="Add Connection"]').first().click();
    await visible(widget.getByText('Cluster URL', { exact: false }), 'The URL step');
    await step(awsUrl);
    await visible(widget.getByText('A name for this connection'), 'The name step');
    await step('aws-domain');
    const aws = widget.locator('.monaco-list-row', { hasText: 'AWS (SigV4)' });
    await visible(aws, 'The "AWS (SigV4)" choice');
    await aws.click();
    await visible(widget.getByText('AWS region', { exact: false }), 'The region step');
    await step('eu-west-1');
    await visible(widget.locator('.monaco-list-row', { hasText: 'es' }).first(), 'The service step');
    await input.press('Enter');
    await visible(widget.getByText('AWS profile', { exact: false }), 'The profile step');
    await step('');
  });

  await checks.check('the signed connection test reaches OpenSearch, and the tree shows the connection', async () => {
    const message = widget.locator('.quick-input-message', { hasText: 'Connected: cluster' });
    await visible(message, 'The result of the signed connection test');
    assert.match(await message.innerText(), /Connected: cluster ".+", OpenSearch \d+\.\d+\.\d+\./);
    await screenshot(page, 'ui-add-aws-connection.png');
    await input.press('Enter');
    await visible(treeRow(page, 'aws-domain'), 'The AWS connection in the tree');
  });
}
