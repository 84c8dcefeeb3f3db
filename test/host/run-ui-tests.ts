/**
 * `npm run test:ui`: drives the packaged extension in a real VS Code workbench as a person would
 * (code-server without the smoke-test driver, headless Chromium) and saves screenshots to
 * test-results/. First with no connection (welcome content), then with one (the tree).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { packageVsix } from '../../scripts/package';
import { openBrowser } from './browser';
import { Checks } from './checks';
import { runMain } from './cleanup';
import { startCodeServer, type CodeServer } from './codeServer';
import { ensureHost } from './ensureHost';
import { startTestEsServer, TEST_AWS, TEST_AWS_ENV } from './esServer';
import { activityItem, screenshot, sideBar, treeRow, visible } from './uiPage';
import { editingScenario } from './uiEditing';
import { mappingScenario } from './uiMapping';
import { consoleScenario } from './uiConsole';
import { mergeScenario } from './uiMerge';
import { transferScenario } from './uiTransfer';
import { tableScenario } from './uiTable';
import { bulkScenario } from './uiBulk';
import { walkthroughScenario } from './uiWalkthrough';
import { addAwsConnectionScenario, addConnectionScenario } from './uiAddConnection';
import { workbenchUrl } from './workbench';

const OVERALL_TIMEOUT_MS = 10 * 60_000;

async function startWorkbench(vsix: string, settings: Record<string, unknown>): Promise<CodeServer> {
  const server = await startCodeServer({ vsix: [vsix], settings, env: TEST_AWS_ENV });
  console.log(`code-server on ${server.url} with ${path.basename(vsix)}, settings ${JSON.stringify(settings)}`);
  return server;
}

async function main(): Promise<number> {
  await ensureHost();
  const vsix = await packageVsix();
  const es = await startTestEsServer({ seed: 'movies' });
  console.log(`ES test server (movies) on ${es.url}`);
  const aws = await startTestEsServer({ distribution: 'opensearch', awsSigV4: TEST_AWS });
  console.log(`OpenSearch test server behind SigV4 on ${aws.url}`);
  const { page } = await openBrowser();
  const checks = new Checks((_name, index) => screenshot(page, `ui-failure-${index}.png`));

  checks.scenario('No connection configured');
  const bare = await startWorkbench(vsix, {});
  await checks.check('the workbench loads with an Elasticsearch activity-bar item', async () => {
    await page.goto(workbenchUrl(bare));
    await visible(activityItem(page), 'The "Elasticsearch" activity-bar item');
  });
  await checks.check('clicking it shows the welcome content', async () => {
    await activityItem(page).click();
    await visible(sideBar(page).getByText('No Elasticsearch connection yet'), 'The text "No Elasticsearch connection yet"');
  });
  await checks.check('the welcome content offers "Add Connection"', async () => {
    const button = sideBar(page).locator('.welcome-view-content .monaco-button', { hasText: 'Add Connection' });
    await visible(button, 'The "Add Connection" button');
    await screenshot(page, 'ui-welcome.png');
  });
  if (process.env.ESDOCS_UI_ONLY === undefined) {
    await addConnectionScenario(page, checks, es.url);
    await addAwsConnectionScenario(page, checks, aws.url);
  }

  checks.scenario('Connection "local" configured');
  // A second, fresh server: code-server does not notice a settings.json written behind its back.
  await bare.stop();
  // Auto-save on, as the browser VS Code has it by default: the editing loop must still write only on Ctrl+S.
  // Auto-closing brackets and quotes off: what the scenarios type then lands as typed, whatever the timing of the suggest widget.
  const configured = await startWorkbench(vsix, {
    'esdocs.connections': [{ name: 'local', url: es.url }],
    'files.autoSave': 'afterDelay',
    'files.autoSaveDelay': 300,
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
  });
  await checks.check('the view lists the configured connection', async () => {
    await page.goto(workbenchUrl(configured));
    await activityItem(page).click();
    await visible(treeRow(page, 'local'), 'The tree row "local"');
  });
  await checks.check('expanding "local" lists the movies index', async () => {
    await treeRow(page, 'local').click();
    await visible(treeRow(page, 'movies'), 'The tree row "movies" under "local"');
  });
  await checks.check('expanding "movies" lists documents', async () => {
    await treeRow(page, 'movies').click();
    // Document rows carry the json icon; a failed listing shows a row with the error icon instead.
    const level3 = sideBar(page).locator('.monaco-list-row[aria-level="3"]');
    const documents = level3.filter({ has: page.locator('.codicon-json') });
    const errors = level3.filter({ has: page.locator('.codicon-error') });
    await visible(documents.or(errors).first(), 'A row under "movies"');
    const errorCount = await errors.count();
    assert.equal(errorCount, 0, `the listing under "movies" failed: ${errorCount ? await errors.first().innerText() : ''}`);
    const count = await documents.count();
    assert.ok(count > 0, `expected document rows under "movies", found ${count}`);
    console.log(`    ${count} document row(s) visible, first: ${(await documents.first().innerText()).replace(/\s+/g, ' ')}`);
    await screenshot(page, 'ui-tree.png');
  });

  // ESDOCS_UI_ONLY=table,console runs only those scenarios after the tree's (while working on one).
  const only = process.env.ESDOCS_UI_ONLY?.split(',');
  const wanted = (name: string): boolean => only === undefined || only.includes(name);
  if (wanted('editing')) await editingScenario(page, checks, es.url);
  if (wanted('merge')) await mergeScenario(page, checks, es.url);
  if (wanted('mapping')) await mappingScenario(page, checks);
  if (wanted('console')) await consoleScenario(page, checks, es.url);
  if (wanted('transfer')) await transferScenario(page, checks, es.url, configured.profile.workspace);
  if (wanted('table')) await tableScenario(page, checks, es.url);
  if (wanted('bulk')) await bulkScenario(page, checks, es.url);
  if (wanted('walkthrough')) await walkthroughScenario(page, checks);

  return checks.summary();
}

runMain('test:ui', main, OVERALL_TIMEOUT_MS);
