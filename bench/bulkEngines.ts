/**
 * `npm run bench:bulk`: what the bulk-change figures of `npm run bench` cannot show there.
 * - A Painless script change of 10,000 documents on the embedded OpenSearch (the test server runs
 *   no script): preview on a point in time, then `_bulk` updates each conditional on its version,
 *   journaled, against `_update_by_query` with the same script in the same run (one request, the
 *   cluster iterates; `conflicts=proceed` skips what changed meanwhile, nothing journaled).
 * - The runner's memory against the number of documents: the peak live JS heap while a change of
 *   10,000 and then 100,000 documents is applied and then undone (test server in a process of its
 *   own). It must not grow with the documents: the snapshot is read page by page and the journal
 *   streamed, never held.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeRunner, type RunHooks } from '../src/bulk/changeRunner';
import { JournalStore } from '../src/bulk/journalStore';
import { DocumentStore } from '../src/cluster/documentStore';
import { runMain } from '../test/host/cleanup';
import { startRealCluster } from '../test/real-engines/realCluster';
import { realEnginesUnavailable } from '../test/real-engines/engineBuild';
import { plainGateway } from '../test/support/plainGateway';
import { startChildServer } from './childServer';
import { RawHttp } from './rawHttp';
import { interleave } from './stats';

const SCRIPT_DOCS = 10_000;
const INDEX = 'bench-bulk';
const SCRIPT = 'ctx._source.n += params.k';

async function load(raw: RawHttp, docs: number): Promise<void> {
  await raw.request('DELETE', `/${INDEX}`);
  await raw.json('PUT', `/${INDEX}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }));
  for (let from = 0; from < docs; from += 10_000) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(docs, from + 10_000); i++) lines.push(`{"index":{"_id":"c${i}"}}`, `{"title":"Row ${i}","n":${i},"big":9007199254740993,"f":1.0}`);
    await raw.json('POST', `/${INDEX}/_bulk`, lines.join('\n') + '\n');
  }
  await raw.json('POST', `/${INDEX}/_refresh`);
}

function runnerOn(url: string, dir: string): { runner: ChangeRunner; close: () => Promise<void> } {
  const gateway = plainGateway(url, 120_000);
  const runner = new ChangeRunner(() => gateway, new DocumentStore(() => gateway), new JournalStore(dir, () => 3), { refresh: () => 'false', batchDocuments: () => 500, batchBytes: () => 5 * 1024 * 1024 });
  return { runner, close: () => gateway.close() };
}

async function scriptOnOpenSearch(dir: string): Promise<void> {
  const unavailable = await realEnginesUnavailable(['opensearch']);
  if (unavailable) return void console.log(`skipped: the script change on OpenSearch (${unavailable})`);
  const cluster = await startRealCluster({ engine: 'opensearch' });
  const { runner, close } = runnerOn(cluster.url, dir);
  try {
    const raw = new RawHttp(cluster.url);
    await load(raw, SCRIPT_DOCS);
    const refresh = async (): Promise<void> => void (await raw.json('POST', `/${INDEX}/_refresh`));
    const [extension, baseline] = await interleave({ runs: 5, warmup: 1 }, [
      {
        prepare: refresh,
        run: async () => {
          const preview = await runner.preview({ connectionId: 'bench', index: INDEX, change: { script: { source: SCRIPT, params: '{"k":1}' } } });
          const report = await runner.apply(preview.changeSetId);
          await runner.forget(preview.changeSetId);
          if (report.changed !== SCRIPT_DOCS) throw new Error(`changed ${report.changed} of ${SCRIPT_DOCS}`);
        },
      },
      {
        prepare: refresh,
        run: async () => {
          const answer = await raw.json('POST', `/${INDEX}/_update_by_query?conflicts=proceed&refresh=false`, JSON.stringify({ script: { source: SCRIPT, lang: 'painless', params: { k: 1 } } }));
          if (answer.updated !== SCRIPT_DOCS) throw new Error(`_update_by_query updated ${String(answer.updated)}`);
        },
      },
    ]);
    console.log(`\nscript change of ${SCRIPT_DOCS.toLocaleString('en-US')} documents on OpenSearch ${cluster.version} (median of ${extension.runs}, p95):`);
    console.log(`  bulk change (preview + conditional _bulk updates, journaled): ${extension.medianMs.toFixed(0)} ms (p95 ${extension.p95Ms.toFixed(0)})`);
    console.log(`  _update_by_query, same script:                               ${baseline.medianMs.toFixed(0)} ms (p95 ${baseline.p95Ms.toFixed(0)})`);
    console.log(`  ratio: ${(extension.medianMs / baseline.medianMs).toFixed(2)}×`);
  } finally {
    await close();
    await cluster.close();
  }
}

/** The peak live JS heap (MB above the heap before), sampled after each batch while one change of `docs` documents is applied. */
async function peakHeapOf(docs: number, dir: string): Promise<{ apply: number; undo: number; changed: number }> {
  const server = await startChildServer([]);
  const { runner, close } = runnerOn(server.url, dir);
  try {
    await load(new RawHttp(server.url), docs);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    // Collected at each batch: what the runner holds then, not the garbage a collection would free.
    const sample = (): void => {
      global.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const hooks: RunHooks = { progress: sample };
    const preview = await runner.preview({ connectionId: 'bench', index: INDEX, change: { set: { path: 'reviewed', value: 'true' } } });
    sample();
    const report = await runner.apply(preview.changeSetId, hooks);
    sample();
    await runner.forget(preview.changeSetId);
    const apply = peak;
    global.gc?.();
    peak = process.memoryUsage().heapUsed;
    const undone = await runner.undo(preview.changeSetId, hooks);
    sample();
    if (undone.restored !== docs) throw new Error(`restored ${undone.restored} of ${docs}`);
    return { apply: (apply - before) / 1024 / 1024, undo: (peak - before) / 1024 / 1024, changed: report.changed };
  } finally {
    await close();
    await server.close();
  }
}

async function memory(dir: string): Promise<void> {
  if (global.gc === undefined) console.log('(without --expose-gc the heap before each run is not collected first)');
  const rows: Array<{ docs: number; apply: number; undo: number }> = [];
  // A first, unreported round: what the first run allocates once (compiled code, caches) is not the documents' cost.
  await peakHeapOf(1_000, dir);
  for (const docs of [10_000, 100_000]) {
    const { apply, undo, changed } = await peakHeapOf(docs, dir);
    if (changed !== docs) throw new Error(`changed ${changed} of ${docs}`);
    rows.push({ docs, apply, undo });
  }
  console.log('\npeak live JS heap of the runner, after each batch, above the heap before (MB):');
  for (const { docs, apply, undo } of rows) console.log(`  ${docs.toLocaleString('en-US').padStart(7)} documents: apply ${apply.toFixed(1)}, undo (the journal streamed) ${undo.toFixed(1)}`);
  console.log(`  growth for 10× the documents: apply ${(rows[1].apply - rows[0].apply).toFixed(1)} MB, undo ${(rows[1].undo - rows[0].undo).toFixed(1)} MB`);
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-bench-bulk-'));
  try {
    // `--memory`: the memory figures only (no JVM).
    if (!process.argv.includes('--memory')) await scriptOnOpenSearch(dir);
    await memory(dir);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runMain('bench:bulk', main, 30 * 60_000);
