/**
 * `npm run bench [-- --json FILE] [-- --quick] [-- --no-workbench]`: the extension's paths against
 * the peer baseline (what other tools do) and raw HTTP on the project's test cluster, with request
 * counts and budgets; then the documents table in the real workbench. It reports; it never fails on
 * a budget.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startChildServer } from './childServer';
import { ClusterGateway } from '../src/cluster/clusterGateway';
import { plainSettings } from '../test/support/plainGateway';
import { DocumentStore } from '../src/cluster/documentStore';
import { budgets } from './budgets';
import { conflict, openAndSave, type DocumentContext } from './documentOps';
import { createDocumentsIndex, documentText, LIST_DOCS, LIST_SHARDS, loadListIndex } from './fixtures';
import { measureCheckCost, printCheckCost } from './checkCost';
import { prettyPrintJson } from '../src/json/jsonText';
import { deepPage, firstListing, firstPage, loadWideIndex, PreopeningGateway, rawWindowRefusal, wideListing } from './listing';
import { countRequests, measure, measureCapped, type Measured, type Row } from './measure';
import { cappedOpen } from './capped';
import { PeerTool } from './peerTool';
import { tablePage, tableSave } from './table';
import { bulkChange } from './bulk';
import { RawHttp } from './rawHttp';
import { machine, printBudgets, printTable } from './report';
import { measureSizes } from './sizes';
import type { AbOptions } from './stats';

const CAP_MS = 60_000;

interface Args {
  readonly json: string | undefined;
  readonly quick: boolean;
  /** Leaves out the table in the real workbench (`bench/tableView.ts`), which needs code-server and Chromium. */
  readonly noWorkbench: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const at = argv.indexOf('--json');
  return { json: at >= 0 ? argv[at + 1] : undefined, quick: argv.includes('--quick'), noWorkbench: argv.includes('--no-workbench') };
}

/** The documents table as seen in the real workbench: first rows on screen and the page's memory, in its own process (it starts its own servers). */
function tableInWorkbench(): Promise<void> {
  console.log('\nThe documents table in the real workbench (bench/tableView.ts; leave out with --no-workbench):');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'tableView.ts')], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the table in the workbench exited with code ${code}`))));
  });
}

function runs(args: Args, full: number): AbOptions {
  const count = args.quick ? Math.max(5, Math.round(full / 5)) : full;
  return { runs: count, warmup: Math.max(3, Math.round(count / 5)) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  console.log(`Elasticsearch Documents benchmark — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`);
  const server = await startChildServer(['--shards', '1', '--refresh-interval', '-1']);
  const raw = new RawHttp(server.url);
  const settings = plainSettings(server.url, 120_000);
  const gateway = new PreopeningGateway(settings);
  const listGateway = new ClusterGateway(settings);
  const peer = new PeerTool(server.url);
  const ctx: DocumentContext = { store: new DocumentStore(() => gateway), raw, peer, connectionId: 'bench' };
  const rows: Row[] = [];
  const run = async (options: AbOptions, m: Measured): Promise<void> => {
    process.stderr.write(`  ${m.name}…\n`);
    rows.push(await measure(server.url, options, m));
  };
  try {
    await createDocumentsIndex(raw);
    const seconds = await loadListIndex(raw);
    console.log(`test server ${server.url}: ${LIST_DOCS.toLocaleString('en-US')} documents in ${LIST_SHARDS} shards bulk-loaded in ${seconds.toFixed(1)} s`);
    console.log('');
    const doc2k = await openAndSave(ctx, '2 KB', 2 * 1024);
    await run(runs(args, 400), doc2k.open);
    await run(runs(args, 400), doc2k.save);
    const getOnly = { name: 'open 2 KB, store.get only', extension: () => ctx.store.get(doc2k.openAddress), note: 'informational: the gateway round trip alone (no pretty print)' };
    await run(runs(args, 400), doc2k.open.baseline ? { ...getOnly, baseline: doc2k.open.baseline } : getOnly);
    await run(runs(args, 300), await conflict(ctx, 2 * 1024));
    await run(runs(args, 100), firstPage(gateway, raw));
    const deepOptions = runs(args, 60);
    await run(deepOptions, deepPage(listGateway, raw, 200, deepOptions.warmup));
    await run(deepOptions, deepPage(listGateway, raw, 2000, deepOptions.warmup));
    await run(runs(args, 50), firstListing(listGateway));
    await run(deepOptions, tablePage(listGateway, 1));
    await run(deepOptions, tablePage(listGateway, 200));
    await run({ runs: args.quick ? 3 : 10, warmup: 2 }, await tableSave(raw, ctx.store, ctx.connectionId));
    await run({ runs: args.quick ? 2 : 5, warmup: 1 }, await bulkChange(raw, listGateway, new DocumentStore(() => listGateway), ctx.connectionId));
    await loadWideIndex(raw);
    await run(runs(args, 100), wideListing(listGateway));
    const doc64k = await openAndSave(ctx, '64 KB', 64 * 1024);
    await run({ runs: args.quick ? 2 : 5, warmup: 1 }, { ...doc64k.open, note: `informational (how open grows with size); ${doc64k.open.note ?? ''}` });
    const doc5m = await openAndSave(ctx, '5 MB', 5 * 1024 * 1024);
    // One extension open in a worker first: when it cannot finish within the cap, the row says so.
    process.stderr.write(`  open 5 MB (one try, capped at ${CAP_MS / 1000} s)…\n`);
    let probe: Awaited<ReturnType<typeof cappedOpen>> | undefined;
    const openRequests = await countRequests(server.url, { run: async () => (probe = await cappedOpen(server.url, doc5m.openAddress, CAP_MS)) }, 0);
    if (probe?.totalMs === undefined) rows.push(await measureCapped(server.url, runs(args, 20), doc5m.open, CAP_MS, openRequests));
    else await run(runs(args, 20), doc5m.open);
    await run(runs(args, 20), doc5m.save);
    process.stderr.write('  strict check of the 5 MB text…\n');
    const checkCost = measureCheckCost(prettyPrintJson(documentText(5 * 1024 * 1024)), args.quick ? 5 : 15);
    const refusal = await rawWindowRefusal(raw, 2000);
    const sizes = measureSizes();
    console.log('');
    printTable(rows, sizes);
    console.log(`  raw from/size at page 2,000 answers HTTP ${refusal} (from + size > 10,000)`);
    const checked = budgets(rows, sizes);
    console.log('');
    printCheckCost(checkCost);
    printBudgets(checked);
    if (args.json !== undefined) {
      fs.writeFileSync(args.json, JSON.stringify({ machine: m, date: new Date().toISOString(), rows, sizes, checkCost, budgets: checked }, null, 2) + '\n');
      console.log(`\nwrote ${args.json}`);
    }
  } finally {
    raw.close();
    await peer.close();
    await gateway.close();
    await listGateway.close();
    await server.close();
  }
  if (!args.noWorkbench) await tableInWorkbench();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
