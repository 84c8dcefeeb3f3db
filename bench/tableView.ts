/**
 * `npm run bench:table-view`: the documents table as the user sees it, in the real workbench
 * (code-server, headless Chromium): the time from **Open as Table** to the first rows on screen,
 * against the same first page read with raw HTTP in the same run (the floor: what any client pays
 * for the data), and the page's memory after scrolling through 100,000 rows, which must not grow
 * with the rows scrolled (the grid keeps a few blocks; the host a few pages).
 */
import * as http from 'node:http';
import type { FrameLocator, Page } from 'playwright-core';
import { packageVsix } from '../scripts/package';
import { openBrowser } from '../test/host/browser';
import { runMain } from '../test/host/cleanup';
import { startCodeServer } from '../test/host/codeServer';
import { ensureHost } from '../test/host/ensureHost';
import { startTestEsServer } from '../test/host/esServer';
import { activityItem, treeRow, visible } from '../test/host/uiPage';
import { workbenchUrl } from '../test/host/workbench';
import { summarize } from './stats';

const INDEX = 'table-bench';
const DOCS = 100_000;
const OPENS = 7;

function post(url: string, path: string, body: string, type = 'application/json'): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method: 'POST', headers: { 'content-type': type } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function load(url: string): Promise<void> {
  await post(url, `/${INDEX}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { title: { type: 'keyword' }, n: { type: 'long' }, note: { type: 'text' } } } })).catch(() => undefined);
  for (let from = 0; from < DOCS; from += 10_000) {
    const lines: string[] = [];
    for (let i = from; i < from + 10_000; i++) lines.push(`{"index":{"_id":"r${i}"}}`, `{"title":"Row ${i}","n":${i},"note":"a short note for row ${i}"}`);
    await post(url, `/${INDEX}/_bulk`, `${lines.join('\n')}\n`, 'application/x-ndjson');
  }
  await post(url, `/${INDEX}/_refresh`, '');
}

const table = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function openTable(page: Page): Promise<number> {
  await treeRow(page, INDEX).click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: 'Open as Table' }).first();
  await visible(entry, 'Open as Table');
  await entry.hover();
  const started = performance.now();
  await page.keyboard.press('Enter');
  await table(page).locator('[role="row"][row-index="0"] [role="gridcell"][col-id="title"]', { hasText: 'Row' }).first().waitFor();
  return performance.now() - started;
}

/**
 * The JS heap of the table's page after a full garbage collection, in MB: its own process's when
 * the browser runs the webview's frame apart, else the renderer's it shares with the workbench.
 */
async function heapMb(page: Page): Promise<{ mb: number; of: string }> {
  const frame = page.frames().find((each) => each.name() === 'active-frame' || each.url().includes('fake.html'));
  let cdp;
  let of = 'the table\'s frame';
  try {
    cdp = await page.context().newCDPSession(frame ?? page);
  } catch {
    cdp = await page.context().newCDPSession(page);
    of = 'the renderer shared with the workbench';
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { mb: usage.usedSize / 1024 / 1024, of };
}

/**
 * Scrolls the grid to row `row` and waits until the rows there are loaded; returns the row elements
 * the page holds. The grid scales its scroll height past a browser's limit, so the place is the
 * fraction of all rows.
 */
async function scrollTo(page: Page, row: number): Promise<number> {
  const frame = table(page);
  await frame.locator('#grid').evaluate((grid, [target, total]) => {
    const scrollers = [...grid.querySelectorAll('*')].filter((element) => element.scrollHeight > element.clientHeight + 100);
    const body = scrollers.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
    if (body) body.scrollTop = (target / total) * (body.scrollHeight - body.clientHeight);
  }, [row, DOCS] as const);
  // A row near the target with its data (not the loading placeholder) is on screen.
  await frame.locator('[role="row"] [role="gridcell"][col-id="title"]', { hasText: new RegExp(`^Row ${String(row).slice(0, -2)}\\d\\d$`) }).first().waitFor({ timeout: 120_000 });
  return frame.locator('[role="row"]').count();
}

async function main(): Promise<number> {
  await ensureHost();
  const vsix = await packageVsix();
  const es = await startTestEsServer({});
  await load(es.url);
  const server = await startCodeServer({ vsix: [vsix], settings: { 'esdocs.connections': [{ name: 'local', url: es.url }] } });
  const { page } = await openBrowser();
  await page.goto(workbenchUrl(server));
  await activityItem(page).click();
  await treeRow(page, 'local').click();
  await visible(treeRow(page, INDEX), `The tree row "${INDEX}"`);

  const opens: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    opens.push(await openTable(page));
    const started = performance.now();
    await post(es.url, `/${INDEX}/_search`, JSON.stringify({ size: 100, sort: ['_doc'], seq_no_primary_term: true }));
    raws.push(performance.now() - started);
    await page.keyboard.press('Control+W');
  }
  // The first open pays for the grid's script; the later ones are what a user meets each time.
  const open = summarize(opens.slice(1));
  const raw = summarize(raws.slice(1));
  console.log(`first rows on screen after Open as Table: median ${open.medianMs.toFixed(0)} ms (first open ${opens[0].toFixed(0)} ms), raw first page ${raw.medianMs.toFixed(1)} ms, over ${OPENS - 1} opens`);

  await openTable(page);
  const first = await heapMb(page);
  console.log(`heap of ${first.of}:`);
  const heaps: Array<{ rows: number; heap: number; elements: number }> = [{ rows: 0, heap: first.mb, elements: await table(page).locator('[role="row"]').count() }];
  for (const target of [10_000, 25_000, 50_000, 75_000, DOCS - 1]) {
    const elements = await scrollTo(page, target);
    heaps.push({ rows: target + 1, heap: (await heapMb(page)).mb, elements });
  }
  for (const { rows, heap, elements } of heaps) console.log(`  after ${rows.toLocaleString('en-US').padStart(7)} rows: heap ${heap.toFixed(1)} MB, ${elements} row elements in the page`);
  const growth = heaps[heaps.length - 1].heap - heaps[1].heap;
  console.log(`heap growth from 10,000 to ${DOCS.toLocaleString('en-US')} rows scrolled: ${growth.toFixed(1)} MB`);
  await server.stop();
  await es.close();
  return 0;
}

runMain('bench:table-view', main, 20 * 60_000);
