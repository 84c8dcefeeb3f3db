import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeRunner } from '../../src/bulk/changeRunner';
import { JournalStore } from '../../src/bulk/journalStore';
import { DocumentStore } from '../../src/cluster/documentStore';
import { plainGateway } from '../support/plainGateway';
import { startTestCluster, type TestCluster } from '../real-engines/testCluster';

// The figures: 8 concurrent writers editing random documents while a bulk change and then
// its undo run over 5,000 documents.
const WRITERS = 8;
const DOCS = 5_000;
const INDEX = 'bulk-torture';

interface Ack {
  readonly id: string;
  readonly value: number;
}

describe('a bulk change and its undo among concurrent writers: nothing lost', function () {
  this.timeout(600_000);
  let server: TestCluster;
  let dir: string;

  before(async () => {
    server = await startTestCluster({ defaultShards: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-bulk-torture-'));
  });

  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${WRITERS} writers, ${DOCS.toLocaleString('en-US')} documents: every acknowledged write survives the change and the undo`, async () => {
    const gateway = plainGateway(server.url, 60_000);
    await server.createIndex(INDEX, 2);
    for (let from = 0; from < DOCS; from += 2_500) {
      const lines = Array.from({ length: 2_500 }, (_, i) => `{"index":{"_id":"d${from + i}"}}\n{"n":${from + i},"big":9007199254740993,"f":1.0}\n`).join('');
      await gateway.sendOk({ method: 'POST', path: `/${INDEX}/_bulk`, query: { refresh: 'true' }, body: lines, contentType: 'application/x-ndjson' });
    }
    const store = new DocumentStore(() => gateway);
    const runner = new ChangeRunner(() => gateway, store, new JournalStore(dir, () => 10), { refresh: () => 'false', batchDocuments: () => 250, batchBytes: () => 5 * 1024 * 1024 });

    // Each writer sets its own field to an increasing value on random documents, conditionally; it keeps what was acknowledged.
    let running = true;
    const acks: Ack[][] = Array.from({ length: WRITERS }, () => []);
    let conflicts = 0;
    const writer = async (w: number): Promise<void> => {
      let value = 0;
      while (running) {
        const id = `d${Math.floor(Math.random() * DOCS)}`;
        const doc = await store.get({ connectionId: 'test', index: INDEX, id });
        if (!doc.found) continue;
        value++;
        const text = doc.sourceText.replace(/}$/, '').replace(new RegExp(`,"w${w}":\\d+`), '') + `,"w${w}":${value}}`;
        try {
          await store.replace({ connectionId: 'test', index: INDEX, id }, text, doc.token, 'false');
          acks[w].push({ id, value });
        } catch {
          conflicts++;
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    try {
      const preview = await runner.preview({ connectionId: 'test', index: INDEX, change: { set: { path: 'reviewed', value: 'true' } } });
      assert.equal(preview.matched, DOCS);
      const applied = await runner.apply(preview.changeSetId);
      assert.equal(applied.changed + applied.conflicts.length + applied.unchanged, DOCS);
      assert.ok(applied.conflicts.length > 0, 'the writers never met the change: the run proves nothing');
      const undone = await runner.undo(preview.changeSetId);
      assert.equal(undone.restored + undone.changedSince.length, applied.changed, 'each document the change wrote was restored or reported');
      running = false;
      await Promise.all(writers);

      // Every writer's last acknowledged value on each document is there; the change is gone wherever it was restored.
      const last = new Map<string, Map<number, number>>();
      acks.forEach((list, w) => list.forEach(({ id, value }) => last.set(id, (last.get(id) ?? new Map()).set(w, value))));
      const reported = new Set([...applied.conflicts, ...undone.changedSince].map((doc) => doc.id));
      let checked = 0;
      for (let from = 0; from < DOCS; from += 500) {
        const ids = Array.from({ length: 500 }, (_, i) => `d${from + i}`);
        const docs = await store.getMany('test', ids.map((id) => ({ index: INDEX, id })));
        docs.forEach((doc, i) => {
          assert.ok(doc.found, ids[i]);
          for (const [w, value] of last.get(ids[i]) ?? []) {
            assert.match(doc.sourceText, new RegExp(`"w${w}":${value}[,}]`), `${ids[i]}: writer ${w}'s acknowledged ${value} was lost: ${doc.sourceText}`);
            checked++;
          }
          assert.ok(doc.sourceText.startsWith(`{"n":${from + i},"big":9007199254740993,"f":1.0`), `${ids[i]}: the untouched bytes stay: ${doc.sourceText}`);
          if (!reported.has(ids[i])) assert.ok(!doc.sourceText.includes('"reviewed"'), `${ids[i]} was restored`);
        });
      }
      console.log(`    ${acks.flat().length} writes acknowledged (${checked} last values checked), ${conflicts} writer conflicts; change: ${applied.changed} changed, ${applied.conflicts.length} conflicts; undo: ${undone.restored} restored, ${undone.changedSince.length} changed since`);
    } finally {
      running = false;
      await Promise.allSettled(writers);
      await runner.dispose();
      await gateway.close();
    }
  });
});
