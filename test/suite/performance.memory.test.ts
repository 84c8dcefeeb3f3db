import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { DocumentNode, IndexNode, TreeNode } from '../../src/explorer/treeNodes';
import { CONNECTION, freshIndex, listEverything, rest, useTestConnection } from './support';

/**
 * Listing many documents keeps the extension host's heap bounded: a listed document is an
 * address, a preview line and a version, never its source. 20,000 sources of 2 KB would hold
 * about 40 MB (twice that as UTF-16 strings); the listing may grow the heap by 25 MB at most.
 */

// Longer than 12 characters on purpose, as are Elasticsearch's 20-character automatic ids:
// V8 keeps a substring of 13 characters or more as a slice of its parent, so a name taken from
// a search answer by substring would hold the whole answer (50 sources) alive.
const INDEX = 'performance-memory';
const COUNT = 20_000;
const SOURCE_BYTES = 2048;
const PAGE_SIZE = 50;
const LIMIT_BYTES = 25 * 1024 * 1024;

const id = (i: number): string => `doc-${String(i).padStart(16, '0')}`;

/** About SOURCE_BYTES of JSON, different for every document so that nothing can be shared. */
function source(i: number): string {
  const head = `{"title":"Document ${i}","n":${i},"tags":["memory","t${i % 97}"],"body":"`;
  const words: string[] = [];
  let length = head.length + 2;
  for (let w = 0; length < SOURCE_BYTES; w++) {
    const word = `w${(i * 31 + w * 7) % 1009}`;
    words.push(word);
    length += word.length + 1;
  }
  return `${head}${words.join(' ')}"}`;
}

async function bulkLoad(): Promise<void> {
  const chunk = 2000;
  for (let start = 0; start < COUNT; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(COUNT, start + chunk); i++) lines.push(`{"index":{"_id":"${id(i)}"}}`, source(i));
    const answer = await rest('POST', `/${INDEX}/_bulk`, lines.join('\n') + '\n', 'application/x-ndjson');
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.ok(!answer.text.includes('"errors":true'), 'bulk load has no errors');
  }
  await rest('POST', `/${INDEX}/_refresh`);
}

/**
 * A full collection when V8 lets us have one: `global.gc` is not exposed in the extension host,
 * but a context created after `--expose-gc` is set gets its own `gc`. Undefined otherwise.
 */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * heapUsed once the heap is quiet: collected when possible. Between collections the event loop
 * turns once, so that callbacks holding the last answers (sockets closing, finalizers) have run.
 */
async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function indexNode(tree: ExtensionApi['tree']): Promise<IndexNode> {
  tree.reload();
  const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === CONNECTION);
  assert.ok(connection, 'the test connection is listed');
  const index = (await tree.getChildren(connection)).find((n): n is IndexNode => n.kind === 'index' && n.index.name === INDEX);
  assert.ok(index, `${INDEX} is listed`);
  return index;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

describe('Performance: memory of a long listing', function () {
  this.timeout(180_000);
  let tree: ExtensionApi['tree'];

  before(async () => {
    await useTestConnection();
    // The default page size: 400 pages of 50, as someone clicking "Load more" would get them.
    await vscode.workspace.getConfiguration('esdocs').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(vscode.workspace.getConfiguration('esdocs').get('pageSize'), PAGE_SIZE);
    const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
    assert.ok(extension);
    tree = (await extension.activate()).tree;
    await freshIndex(INDEX, 1);
    await bulkLoad();
  });

  after(async () => {
    tree.reload();
    await rest('DELETE', `/${INDEX}`);
  });

  it(`holds ${COUNT.toLocaleString('en-US')} listed documents of 2 KB in less than ${mb(LIMIT_BYTES)} MB of heap`, async () => {
    const gc = collector();
    const node = await indexNode(tree);
    const before = await settledHeap(gc);
    const started = Date.now();
    const { children, pages } = await listEverything<TreeNode>(tree, node, COUNT / PAGE_SIZE + 2);
    const seconds = (Date.now() - started) / 1000;
    const after = await settledHeap(gc);
    const documents = children.filter((n): n is DocumentNode => n.kind === 'document');
    assert.equal(documents.length, COUNT);
    const growth = after - before;
    console.log(
      `      heap ${mb(before)} → ${mb(after)} MB: +${mb(growth)} MB for ${documents.length} documents ` +
        `(${Math.round(growth / documents.length)} bytes each), ${pages} pages in ${seconds.toFixed(1)} s, ` +
        `${gc ? 'after a forced full GC' : 'no GC available: figures include garbage'}`,
    );
    assert.ok(growth < LIMIT_BYTES, `the listing grew the heap by ${mb(growth)} MB (limit ${mb(LIMIT_BYTES)} MB)`);
  });
});
