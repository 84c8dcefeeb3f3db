import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonTree } from '../../../src/json/jsonTree';
import { pagingMethodOf, versionAtLeast } from '../../../src/cluster/model/clusterEngine';
import { exportDocuments } from '../../../src/transfer/exporter';
import { runTransferCli } from '../../../src/transfer/transferCli';
import { plainGateway } from '../../support/plainGateway';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const ROOT = path.resolve(__dirname, '../../..');

// Values a JSON.parse round trip would change: beyond 2^63, 1.0, -0, escapes, astral characters, key order, depth.
const DEEP = `${'{"d":'.repeat(40)}1.50${'}'.repeat(40)}`;
const hostile = (i: number): string =>
  `{"z": ${i}, "big": 12345678901234567890, "f": 1.0, "neg": -0, "esc": "\\u00e9\\ud83d\\ude00 é\\n\\"q\\"", "a": [1.10, {"m": null}], "deep": ${DEEP}}`;

/** Runs the headless command in a process of its own and kills it (SIGKILL) once it has written its first progress record. */
async function killAtFirstRecord(args: string[], records: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/transfer/transferCli.ts', ...args], { cwd: ROOT, stdio: 'ignore' });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve) => {
    const watcher = fs.watch(records, () => {
      if (!fs.readdirSync(records).some((name) => name.endsWith('.json'))) return;
      watcher.close();
      resolve();
    });
  });
  child.kill('SIGKILL');
  await exited;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runTransferCli(args, {}, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('headless export and import (npm run export, npm run import) against the cluster under test', function () {
  this.timeout(120000);
  let cluster: TestCluster;
  let dir: string;
  const at = (name: string): string => path.join(dir, name);
  const rest = async (method: string, route: string, body?: string, contentType = 'application/json') => {
    const response = await fetch(cluster.url + route, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }) });
    return { status: response.status, text: await response.text() };
  };
  /** A new index that stores any value as written (its fields are not mapped), one shard. */
  const freshIndex = async (name: string) => {
    await rest('DELETE', `/${name}`);
    const made = await rest('PUT', `/${name}`, '{"settings":{"number_of_shards":1,"number_of_replicas":0},"mappings":{"dynamic":false}}');
    assert.equal(made.status, 200, made.text);
  };
  const exported = async (index: string, format: string, file: string, ...extra: string[]) => {
    const result = await run(['export', '--url', cluster.url, '--index', index, '--format', format, '--out', at(file), '--page-size', '7', ...extra]);
    assert.equal(result.code, 0, result.err);
    return fs.readFileSync(at(file), 'utf8');
  };
  const imported = async (index: string, file: string, ...extra: string[]) => run(['import', '--url', cluster.url, '--index', index, '--state-dir', at('state'), ...extra, at(file)]);
  const sortedLines = (text: string) => text.split('\n').filter(Boolean).sort();
  const hasPointInTime = async (): Promise<boolean> => {
    const gateway = plainGateway(cluster.url, 30000);
    try {
      return pagingMethodOf(await gateway.cluster()) !== 'searchAfter';
    } finally {
      await gateway.close();
    }
  };

  before(async () => {
    cluster = await startTestCluster();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-transfer-'));
    await freshIndex('transfer-src');
    let bulk = '';
    for (let i = 0; i < 30; i++) bulk += `{"index":{"_id":"doc ${i}/é"${i % 10 === 0 ? ',"routing":"r1"' : ''}}}\n${hostile(i)}\n`;
    const loaded = await rest('POST', '/transfer-src/_bulk?refresh=true', bulk, 'application/x-ndjson');
    assert.equal(loaded.status, 200, loaded.text);
    assert.ok(!loaded.text.includes('"errors":true'), loaded.text);
  });

  after(async () => {
    await cluster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('export → import into a new index → export again gives the same bytes, in every format', async () => {
    const original = await exported('transfer-src', 'ndjson', 'src.ndjson');
    assert.equal(sortedLines(original).length, 30);
    assert.ok(original.includes('"big":12345678901234567890,"f":1.0,"neg":-0,"esc":"\\u00e9\\ud83d\\ude00 é\\n\\"q\\""'), original.slice(0, 300));
    for (const format of ['tokens', 'bulk', 'json', 'ndjson']) {
      const file = `src.${format}${format === 'tokens' ? '.gz' : ''}`;
      await exported('transfer-src', format, file);
      await freshIndex(`transfer-copy-${format}`);
      const result = await imported(`transfer-copy-${format}`, file, '--batch-size', '4');
      assert.equal(result.code, 0, result.out + result.err);
      assert.match(result.out, /created 30\n/);
      assert.deepEqual(sortedLines(await exported(`transfer-copy-${format}`, 'ndjson', `copy.${format}.ndjson`)), sortedLines(original), format);
    }
    const bulk = fs.readFileSync(at('src.bulk'), 'utf8');
    assert.ok(bulk.includes('{"index":{"_index":"transfer-src","_id":"doc 0/é","routing":"r1"}}'), 'routing and ids are kept');
  });

  it('CSV: export by the mapping\'s columns and import back into a new index give the same documents', async () => {
    await rest('DELETE', '/transfer-csv');
    const mapping = '{"mappings":{"properties":{"title":{"type":"text"},"n":{"type":"long"},"f":{"type":"double"},"tags":{"type":"keyword"},"who":{"properties":{"name":{"type":"keyword"}}}}}}';
    assert.equal((await rest('PUT', '/transfer-csv', mapping)).status, 200);
    const sources = ['{"title":"He said \\"hi\\", then\\nleft","n":9223372036854775807,"f":1.0,"tags":["a","b"],"who":{"name":"é😀"}}', '{"title":"=SUM(A1)","n":-1,"f":2.50,"tags":"one","who":{"name":"x,y"}}'];
    await rest('POST', '/transfer-csv/_bulk?refresh=true', sources.map((source, i) => `{"index":{"_id":"c${i}"}}\n${source}\n`).join(''), 'application/x-ndjson');
    const csv = await exported('transfer-csv', 'csv', 'movies.csv');
    // In the order GET _mapping gives them: Elasticsearch sorts a mapping's fields by name, the test server keeps them as created.
    const header = csv.split('\r\n')[0].split(',');
    assert.equal(header[0], '_id');
    assert.deepEqual(header.slice(1).sort(), ['f', 'n', 'tags', 'title', 'who.name']);
    await rest('DELETE', '/transfer-csv-copy');
    assert.equal((await rest('PUT', '/transfer-csv-copy', mapping)).status, 200);
    const result = await imported('transfer-csv-copy', 'movies.csv');
    assert.equal(result.code, 0, result.out + result.err);
    // Each value exact; the keys in the order of the CSV's columns (a table has no other order to keep).
    const members = (text: string) => {
      const tree = parseJsonTree(text);
      return tree.kind === 'object' ? tree.members.map((member) => `${member.name}=${member.value.text}`).sort() : [];
    };
    for (let i = 0; i < sources.length; i++) assert.deepEqual(members((await rest('GET', `/transfer-csv-copy/_source/c${i}`)).text), members(sources[i]));
  });

  it('conditional re-import writes the offline edits and reports, not overwrites, what changed on the server meanwhile', async () => {
    await freshIndex('transfer-edit');
    const seeded = await rest('POST', '/transfer-edit/_bulk?refresh=true', Array.from({ length: 5 }, (_, i) => `{"index":{"_id":"e${i}"}}\n{"n":${i},"by":"seed"}\n`).join(''), 'application/x-ndjson');
    assert.equal(seeded.status, 200);
    const tokens = await exported('transfer-edit', 'tokens', 'edit.ndjson');
    // Someone changes e1 and e3 on the server; offline, the file's copies of e1 and e2 are edited.
    await rest('PUT', '/transfer-edit/_doc/e1?refresh=true', '{"n":1,"by":"colleague"}');
    await rest('PUT', '/transfer-edit/_doc/e3?refresh=true', '{"n":3,"by":"colleague"}');
    fs.writeFileSync(at('edit.ndjson'), tokens.replace('{"n":1,"by":"seed"}', '{"n":1,"by":"offline"}').replace('{"n":2,"by":"seed"}', '{"n":2,"by":"offline"}'));
    const result = await imported('transfer-edit', 'edit.ndjson', '--mode', 'conditional', '--json', '--rejects', at('rejects.ndjson'));
    assert.equal(result.code, 1, 'not every document was written');
    const report = JSON.parse(result.out) as Record<string, { count: number; items: Array<{ id: string }> }>;
    assert.deepEqual(report.conflicts.items.map((item) => item.id).sort(), ['e1', 'e3']);
    assert.equal(report.updated.count, 3);
    assert.equal((await rest('GET', '/transfer-edit/_source/e1')).text, '{"n":1,"by":"colleague"}', 'the colleague\'s change is kept');
    assert.equal((await rest('GET', '/transfer-edit/_source/e2')).text, '{"n":2,"by":"offline"}', 'the offline edit is written');
    assert.deepEqual(fs.readFileSync(at('rejects.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { _id: string })._id).sort(), ['e1', 'e3'], 'the rejects file holds the original lines');
  });

  it('create-only never touches an existing document: importing the same file again reports each as existing', async () => {
    const again = await imported('transfer-copy-ndjson', 'src.ndjson', '--json');
    assert.equal(again.code, 1);
    const report = JSON.parse(again.out) as Record<string, { count: number }>;
    assert.deepEqual([report.created.count, report.existed.count], [0, 30], 'generated ids are the same for the same lines');
  });

  it('an export is one snapshot: documents written, changed and deleted meanwhile change nothing in the file', async function () {
    // An engine without a point in time (OpenSearch before 2.4) has no snapshot to export: said in the README, skipped here.
    if (!(await hasPointInTime())) return this.skip();
    await freshIndex('transfer-snapshot');
    const body = Array.from({ length: 600 }, (_, i) => `{"index":{"_id":"s${i}"}}\n{"v":0}\n`).join('');
    await rest('POST', '/transfer-snapshot/_bulk?refresh=true', body, 'application/x-ndjson');
    const gateway = plainGateway(cluster.url, 30000);
    let writes: Promise<unknown> | undefined;
    // Every page after the first waits for the writes: they all land while the export is under way.
    const waiting = Object.create(gateway) as typeof gateway;
    waiting.sendOkAndRead = async (request, read) => {
      if (writes && request.path === '/_search') await writes;
      return gateway.sendOkAndRead(request, read);
    };
    try {
      await exportDocuments(waiting, {
        index: 'transfer-snapshot', format: 'tokens', out: at('snapshot.ndjson'), pageSize: 50,
        onProgress: () => {
          writes ??= (async () => {
            for (let i = 0; i < 40; i++) {
              await rest('PUT', `/transfer-snapshot/_doc/new${i}?refresh=true`, '{"v":1}');
              await rest('PUT', `/transfer-snapshot/_doc/s${599 - i}?refresh=true`, '{"v":2}');
              await rest('DELETE', `/transfer-snapshot/_doc/s${i}?refresh=true`);
            }
          })();
        },
      });
    } finally {
      await writes;
      await gateway.close();
    }
    assert.ok(writes, 'the writes ran');
    const lines = fs.readFileSync(at('snapshot.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { _id: string; _source: { v: number } });
    const ids = lines.map((line) => line._id);
    assert.equal(new Set(ids).size, ids.length, 'no document twice');
    assert.deepEqual([...ids].sort(), Array.from({ length: 600 }, (_, i) => `s${i}`).sort(), 'exactly the documents of the snapshot');
    assert.ok(lines.every((line) => line._source.v === 0), 'each as it was when the export began');
  });

  it('a sliced export reads the slices of one point in time in parallel: every document once, sources exact', async () => {
    await rest('DELETE', '/transfer-sliced');
    const made = await rest('PUT', '/transfer-sliced', '{"settings":{"number_of_shards":2,"number_of_replicas":0},"mappings":{"dynamic":false}}');
    assert.equal(made.status, 200, made.text);
    const body = Array.from({ length: 2_500 }, (_, i) => `{"index":{"_id":"x${i}"}}\n${hostile(i)}\n`).join('');
    assert.equal((await rest('POST', '/transfer-sliced/_bulk?refresh=true', body, 'application/x-ndjson')).status, 200);
    const whole = await exported('transfer-sliced', 'tokens', 'whole.ndjson', '--page-size', '100');
    for (const slices of ['2', '3', '5']) {
      const sliced = await exported('transfer-sliced', 'tokens', `sliced-${slices}.ndjson`, '--page-size', '100', '--slices', slices);
      assert.deepEqual(sortedLines(sliced), sortedLines(whole), `${slices} slices: the same lines, each once`);
    }
  });

  it('an export killed halfway resumes on its point in time: the file is whole, each document once, as one export writes it', async function () {
    if (!(await hasPointInTime())) return this.skip();
    const state = at('export-state');
    const records = path.join(state, 'exports');
    fs.mkdirSync(records, { recursive: true });
    const file = at('resumed.ndjson');
    // The first checkpoint is the first page written: the export is under way.
    await killAtFirstRecord(['export', '--url', cluster.url, '--index', 'transfer-sliced', '--format', 'tokens', '--page-size', '10', '--state-dir', state, '--out', file], records);
    // Meanwhile a document changes: the resumed export still writes the snapshot.
    await rest('PUT', '/transfer-sliced/_doc/x2499?refresh=true', '{"changed":true}');
    const resumed = await run(['export', '--url', cluster.url, '--index', 'transfer-sliced', '--format', 'tokens', '--page-size', '10', '--state-dir', state, '--resume', '--out', file]);
    assert.equal(resumed.code, 0, resumed.err);
    const whole = fs.readFileSync(at('whole.ndjson'), 'utf8');
    assert.equal(fs.readFileSync(file, 'utf8'), whole, 'the same bytes as the export read at once');
    assert.deepEqual(fs.readdirSync(records).filter((name) => name.endsWith('.json')), [], 'a completed export leaves no progress record');
    const nothing = await run(['export', '--url', cluster.url, '--index', 'transfer-sliced', '--format', 'tokens', '--state-dir', state, '--resume', '--out', file]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /no export of it to continue/);
    await rest('PUT', '/transfer-sliced/_doc/x2499?refresh=true', hostile(2499));
  });

  it('imports into a new index it creates: with a mapping inferred from the file, copied from another index, or dynamic', async () => {
    for (const index of ['transfer-inferred', 'transfer-copied', 'transfer-dynamic']) await rest('DELETE', `/${index}`);
    // The embedded Elasticsearch has no unsigned_long (its X-Pack mapper is not there; every distribution has it): there the file has no big column.
    // OpenSearch before 2.8 has none either: there the inferred mapping takes double for it.
    const probe = plainGateway(cluster.url, 30000);
    const identity = await probe.cluster().finally(() => probe.close());
    const big = !(cluster.real && cluster.engine === 'elasticsearch');
    const bigType = identity.engine === 'opensearch' && !versionAtLeast(identity.version, 2, 8) ? 'double' : 'unsigned_long';
    fs.writeFileSync(at('new.csv'), big ? 'id,title,year,rating,released,big\n1,Heat,1995,8.3,1995-12-15,12345678901234567890\n2,"Alien, the first",1979,8.0,1979-05-25,3\n' : 'id,title,year,rating,released\n1,Heat,1995,8.3,1995-12-15\n2,"Alien, the first",1979,8.0,1979-05-25\n');
    const inferred = await imported('transfer-inferred', 'new.csv', '--create', 'infer', '--id-column', 'id');
    assert.equal(inferred.code, 0, inferred.err);
    assert.match(inferred.err, /created transfer-inferred \(a mapping inferred from the file\)/);
    const mapping = JSON.parse((await rest('GET', '/transfer-inferred/_mapping')).text) as Record<string, { mappings: { properties: Record<string, { type: string }> } }>;
    const types = Object.fromEntries(Object.entries(mapping['transfer-inferred'].mappings.properties).map(([field, value]) => [field, value.type]));
    assert.deepEqual(types, { ...(big ? { big: bigType } : {}), id: 'long', rating: 'double', released: 'date', title: 'text', year: 'long' });
    await rest('POST', '/transfer-inferred/_refresh');
    assert.match((await rest('GET', '/transfer-inferred/_doc/2')).text, /"title":"Alien, the first","year":1979,"rating":8.0,"released":"1979-05-25"(,"big":3)?}/);

    const copied = await imported('transfer-copied', 'new.csv', '--create-from', 'transfer-inferred', '--id-column', 'id');
    assert.equal(copied.code, 0, copied.err);
    assert.deepEqual(JSON.parse((await rest('GET', '/transfer-copied/_mapping')).text)['transfer-copied'], mapping['transfer-inferred'], 'the same mappings');

    // Dynamic mapping would take the first big integer for a long and refuse it: the file for it has none.
    fs.writeFileSync(at('plain.csv'), 'id,title,year\n1,Heat,1995\n2,Alien,1979\n');
    const dynamic = await imported('transfer-dynamic', 'plain.csv', '--create', 'dynamic', '--id-column', 'id');
    assert.equal(dynamic.code, 0, dynamic.err);
    await rest('POST', '/transfer-dynamic/_refresh');
    assert.match((await rest('GET', '/transfer-dynamic/_count')).text, /"count":2/);
    const again = await imported('transfer-dynamic', 'plain.csv', '--create', 'dynamic', '--id-column', 'id');
    assert.equal(again.code, 1);
    assert.match(again.err, /already exists/, 'the cluster refuses to create it twice, and says so');
  });

  it('a preview counts the documents and names the malformed lines, and sends nothing', async () => {
    fs.writeFileSync(at('broken.ndjson'), '{"a":1}\n{"a":\n{"b":2}\n[3]\n');
    const preview = await run(['import', '--index', 'transfer-none', '--preview', at('broken.ndjson')]);
    assert.equal(preview.code, 1);
    assert.match(preview.out, /ndjson, 2 documents, 2 malformed/);
    assert.match(preview.out, /broken\.ndjson:2: /);
    assert.match(preview.out, /broken\.ndjson:4: /);
    assert.equal((await rest('HEAD', '/transfer-none')).status, 404);
  });

  it('an import killed halfway resumes: every line is in the index exactly once', async () => {
    const lines = 3000;
    fs.writeFileSync(at('many.ndjson'), Array.from({ length: lines }, (_, i) => `{"i":${i},"big":12345678901234567890}`).join('\n') + '\n');
    await freshIndex('transfer-resume');
    const state = at('resume-state');
    const records = path.join(state, 'imports');
    fs.mkdirSync(records, { recursive: true });
    // The first progress record is the first acknowledged batch: the import is under way.
    await killAtFirstRecord(['import', '--url', cluster.url, '--index', 'transfer-resume', '--batch-size', '10', '--state-dir', state, at('many.ndjson')], records);
    const resumed = await run(['import', '--url', cluster.url, '--index', 'transfer-resume', '--state-dir', state, '--resume', '--json', at('many.ndjson')]);
    assert.match(resumed.err, /resuming after line \d+/);
    const report = JSON.parse(resumed.out) as Record<string, { count: number }>;
    assert.equal(report.created.count + report.existed.count, lines, resumed.out);
    assert.equal((await rest('GET', '/transfer-resume/_count')).text.match(/"count":(\d+)/)?.[1], String(lines));
    assert.deepEqual(fs.readdirSync(records).filter((name) => name.endsWith('.json')), [], 'a completed import leaves no progress record');
    const nothing = await run(['import', '--url', cluster.url, '--index', 'transfer-resume', '--state-dir', state, '--resume', at('many.ndjson')]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /nothing to resume/);
  });
});
