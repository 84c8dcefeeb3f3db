/**
 * `npm run bench:transfer [-- --docs N] [-- --runs N]`: export and import of N documents (100,000)
 * on the test cluster, side by side in one run, interleaved: the headless export/import, elasticdump
 * (the tool users reach for, installed on first use into `.bench-tools/`, pinned) in its modes, and a
 * plain `search_after` + `_bulk` loop written the way a script would (JSON.parse, JSON.stringify).
 * Then the exporter's peak memory for a tenth of the documents and for all of them, and one document
 * through each tool, to show what each keeps. It reports; it never fails on a figure.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startChildServer } from './childServer';
import { machine } from './report';
import { summarize } from './stats';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TOOLS = path.join(ROOT, '.bench-tools');
const ELASTICDUMP_VERSION = '6.125.1';
const ELASTICDUMP = path.join(TOOLS, 'node_modules', '.bin', 'elasticdump');
const INDEX = 'transfer-bench';
/** What a JSON.parse round trip changes: a long beyond 2^53 and a double written 1.0. */
const documentText = (i: number): string => `{"n":${i},"title":"Movie number ${i}","year":${1950 + (i % 70)},"rating":1.0,"genre":["Drama","Sci-Fi"],"big":9223372036854775807}`;

interface Args {
  readonly docs: number;
  readonly runs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return { docs: value('--docs', 100_000), runs: value('--runs', 3) };
}

async function ensureElasticdump(): Promise<void> {
  if (fs.existsSync(ELASTICDUMP)) return;
  process.stderr.write(`installing elasticdump ${ELASTICDUMP_VERSION} into .bench-tools/…\n`);
  await run('npm', ['install', '--prefix', TOOLS, '--no-save', '--no-audit', '--no-fund', `elasticdump@${ELASTICDUMP_VERSION}`], { cwd: ROOT });
}

async function send(url: string, method: string, route: string, body?: string, contentType = 'application/json'): Promise<string> {
  const response = await fetch(url + route, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }) });
  const text = await response.text();
  if (response.status >= 300 && method !== 'DELETE') throw new Error(`${method} ${route} → ${response.status} ${text.slice(0, 300)}`);
  return text;
}

async function freshIndex(url: string, name: string): Promise<void> {
  await send(url, 'DELETE', `/${name}`);
  await send(url, 'PUT', `/${name}`, '{"settings":{"number_of_shards":1,"number_of_replicas":0},"mappings":{"properties":{"n":{"type":"long"},"title":{"type":"text"},"year":{"type":"integer"},"rating":{"type":"double"},"genre":{"type":"keyword"},"big":{"type":"long"}}}}');
}

async function load(url: string, docs: number): Promise<void> {
  await freshIndex(url, INDEX);
  for (let from = 0; from < docs; from += 5000) {
    let body = '';
    for (let i = from; i < Math.min(docs, from + 5000); i++) body += `{"index":{"_id":"${i}"}}\n${documentText(i)}\n`;
    await send(url, 'POST', `/${INDEX}/_bulk`, body, 'application/x-ndjson');
  }
  await send(url, 'POST', `/${INDEX}/_refresh`);
}

/** A script's export: a point in time, search_after, each hit's `_source` through JSON.parse and JSON.stringify. */
async function plainExport(url: string, out: string): Promise<void> {
  const pit = (JSON.parse(await send(url, 'POST', `/${INDEX}/_pit?keep_alive=1m`)) as { id: string }).id;
  const file = fs.createWriteStream(out);
  let after: unknown;
  for (;;) {
    const page = JSON.parse(await send(url, 'POST', '/_search', JSON.stringify({ size: 1000, pit: { id: pit, keep_alive: '1m' }, sort: [{ _shard_doc: 'asc' }], ...(after ? { search_after: after } : {}) }))) as { hits: { hits: Array<{ _source: unknown; sort: unknown }> } };
    const hits = page.hits.hits;
    if (hits.length === 0) break;
    if (!file.write(hits.map((hit) => `${JSON.stringify(hit._source)}\n`).join(''))) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    after = hits[hits.length - 1].sort;
  }
  await new Promise((resolve) => file.end(resolve));
  await send(url, 'DELETE', '/_pit', JSON.stringify({ id: pit }));
}

/** A script's import: the file's lines, 1,000 to a `_bulk` request of index actions. */
async function plainImport(url: string, file: string, index: string): Promise<void> {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  for (let from = 0; from < lines.length; from += 1000) {
    const body = lines.slice(from, from + 1000).map((line) => `{"index":{}}\n${JSON.stringify(JSON.parse(line))}\n`).join('');
    await send(url, 'POST', `/${index}/_bulk`, body, 'application/x-ndjson');
  }
}

const ours = (...args: string[]) => run(process.execPath, ['scripts/headless.mjs', 'transfer', ...args], { cwd: ROOT, maxBuffer: 1 << 26 });
const elasticdump = (...args: string[]) => run(process.execPath, [ELASTICDUMP, ...args], { cwd: ROOT, maxBuffer: 1 << 26 });

async function timed(op: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await op();
  return performance.now() - started;
}

async function peakRss(url: string, out: string, query?: string): Promise<number> {
  const { stderr } = await run(process.execPath, ['--import', 'tsx', 'bench/transferRss.ts', 'export', '--url', url, '--index', INDEX, '--out', out, ...(query ? ['--query', query] : [])], { cwd: ROOT });
  return Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  console.log(`Export and import benchmark — ${args.docs.toLocaleString('en-US')} documents, ${args.runs} runs each, interleaved — ${m.cpu}, ${m.cores} cores, Node ${m.node}`);
  await ensureElasticdump();
  const server = await startChildServer(['--shards', '1']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-transfer-bench-'));
  const file = (name: string) => path.join(dir, name);
  try {
    await load(server.url, args.docs);
    const exports: Array<[string, () => Promise<unknown>]> = [
      ['npm run export (point in time, search_after, page 1,000)', () => ours('export', '--url', server.url, '--index', INDEX, '--out', file('ours.ndjson'))],
      ['elasticdump --limit=1000 (scroll, its default)', () => elasticdump(`--input=${server.url}/${INDEX}`, `--output=${file('ed-scroll.ndjson')}`, '--type=data', '--overwrite=true', '--limit=1000')],
      ['elasticdump --limit=1000 --searchAfter=true --pit=true', () => elasticdump(`--input=${server.url}/${INDEX}`, `--output=${file('ed-pit.ndjson')}`, '--type=data', '--overwrite=true', '--limit=1000', '--searchAfter=true', '--pit=true')],
      ['elasticdump --limit=1000 --support-big-int=true (scroll)', () => elasticdump(`--input=${server.url}/${INDEX}`, `--output=${file('ed-bigint.ndjson')}`, '--type=data', '--overwrite=true', '--limit=1000', '--support-big-int=true')],
      ['plain loop: search_after + JSON.parse/stringify', () => plainExport(server.url, file('plain.ndjson'))],
    ];
    let target = 0;
    const nextIndex = async () => {
      const name = `transfer-bench-in-${++target}`;
      await freshIndex(server.url, name);
      return name;
    };
    const imports: Array<[string, (index: string) => Promise<unknown>]> = [
      ['npm run import (create-only, _bulk of 500)', (index) => ours('import', '--url', server.url, '--index', index, '--state-dir', file('state'), file('ours.ndjson'))],
      ['elasticdump --limit=1000 (file → index)', (index) => elasticdump(`--input=${file('ed-scroll.ndjson')}`, `--output=${server.url}/${index}`, '--type=data', '--overwrite=true', '--limit=1000')],
      ['plain loop: _bulk of 1,000, JSON.parse/stringify', (index) => plainImport(server.url, file('plain.ndjson'), index)],
    ];
    const exportTimes = exports.map(() => [] as number[]);
    const importTimes = imports.map(() => [] as number[]);
    for (let i = 0; i < args.runs; i++) {
      for (const [k, [name, op]] of exports.entries()) {
        process.stderr.write(`  export ${i + 1}/${args.runs}: ${name}…\n`);
        exportTimes[k].push(await timed(op));
      }
      for (const [k, [name, op]] of imports.entries()) {
        process.stderr.write(`  import ${i + 1}/${args.runs}: ${name}…\n`);
        const index = await nextIndex();
        importTimes[k].push(await timed(() => op(index)));
        await send(server.url, 'DELETE', `/${index}`);
      }
    }
    const rate = (msMedian: number) => `${Math.round(args.docs / (msMedian / 1000)).toLocaleString('en-US')} docs/s`;
    console.log('\n| export | median | rate | runs |\n| --- | ---: | ---: | ---: |');
    exports.forEach(([name], k) => {
      const s = summarize(exportTimes[k]);
      console.log(`| ${name} | ${(s.medianMs / 1000).toFixed(2)} s | ${rate(s.medianMs)} | ${exportTimes[k].length} |`);
    });
    console.log('\n| import | median | rate | runs |\n| --- | ---: | ---: | ---: |');
    imports.forEach(([name], k) => {
      const s = summarize(importTimes[k]);
      console.log(`| ${name} | ${(s.medianMs / 1000).toFixed(2)} s | ${rate(s.medianMs)} | ${importTimes[k].length} |`);
    });
    const tenth = Math.round(args.docs / 10);
    const small = await peakRss(server.url, file('rss-small.ndjson'), JSON.stringify({ range: { n: { lt: tenth } } }));
    const large = await peakRss(server.url, file('rss-large.ndjson'));
    console.log(`\nexporter peak RSS: ${small.toFixed(0)} MB for ${tenth.toLocaleString('en-US')} documents, ${large.toFixed(0)} MB for ${args.docs.toLocaleString('en-US')}`);
    console.log('\nthe source of document 0 as each tool wrote it:');
    console.log(`  stored:                              ${documentText(0)}`);
    const firstSource = (name: string) => fs.readFileSync(file(name), 'utf8').split('\n').find((line) => line.includes('"n":0,')) ?? '(not found)';
    console.log(`  npm run export:                      ${firstSource('ours.ndjson')}`);
    console.log(`  elasticdump:                         ${firstSource('ed-scroll.ndjson')}`);
    console.log(`  elasticdump --support-big-int=true:  ${firstSource('ed-bigint.ndjson')}`);
    console.log(`  plain loop:                          ${firstSource('plain.ndjson')}`);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
