import * as assert from 'node:assert/strict';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';
import { startTestCluster, type TestCluster } from '../real-engines/testCluster';
import { defaultRoutingShards, shardForRouting } from '../server/engine/routing';
import { createCounters, formatRun, runEditors, type EditorRunResult } from './editorHarness';

// The issue's figures: 16 editors, 5,000 save attempts per scenario, an index of 2 shards.
const EDITORS = 16;
const ATTEMPTS = 5_000;
const SHARDS = 2;
const oneDoc = ['counter'];
const hundredDocs = Array.from({ length: 100 }, (_, n) => `counter-${n}`);

describe('concurrent editors: conditional saves lose nothing', () => {
  let server: TestCluster;
  const figures: string[] = [];
  let indexNumber = 0;

  before(async () => {
    server = await startTestCluster({ defaultShards: SHARDS, refreshIntervalMs: -1 });
  });

  after(async () => {
    await server.close();
    console.log(`\n  concurrent editors (${EDITORS} editors, ${SHARDS} shards${server.real ? ', real engine' : ''})\n${figures.map((f) => `    ${f}`).join('\n')}`);
  });

  /** Each scenario gets a fresh index, so counters start at 0 and primary terms at 1. */
  async function freshIndex(ids: readonly string[], cluster = server): Promise<string> {
    const index = `counters-${indexNumber++}`;
    await cluster.createIndex(index, SHARDS);
    await createCounters(cluster.url, index, ids);
    return index;
  }

  function record(label: string, result: EditorRunResult): void {
    figures.push(formatRun(label, result));
    assert.equal(result.attempts, ATTEMPTS);
    assert.equal(result.successes + result.conflicts + result.unanswered, result.attempts, 'every attempt saved, conflicted or went unanswered');
    // Only a real engine's failover may leave a save unanswered; the test server always answers.
    if (!server.real) assert.equal(result.unanswered, 0);
  }

  it('5,000 conditional saves on 1 document: 0 lost, and conflicts did happen', async () => {
    const index = await freshIndex(oneDoc);
    const result = await runEditors({ url: server.url, index, ids: oneDoc, editors: EDITORS, attempts: ATTEMPTS, mode: 'conditional' });
    record('conditional, 1 document', result);
    assert.ok(result.conflicts > 0, 'the editors never interleaved, so the run proves nothing');
    assert.ok(result.successes > 0);
    assert.equal(result.lost, 0);
  });

  it('5,000 conditional saves over 100 documents: 0 lost', async () => {
    const index = await freshIndex(hundredDocs);
    const result = await runEditors({ url: server.url, index, ids: hundredDocs, editors: EDITORS, attempts: ATTEMPTS, mode: 'conditional' });
    record('conditional, 100 documents', result);
    assert.ok(result.successes > 0);
    assert.equal(result.lost, 0);
  });

  it('the same harness with blind writes sees lost updates (it can see what it rules out)', async () => {
    const index = await freshIndex(oneDoc);
    const result = await runEditors({ url: server.url, index, ids: oneDoc, editors: EDITORS, attempts: ATTEMPTS, mode: 'blind' });
    record('blind writes, 1 document', result);
    assert.equal(result.conflicts, 0, 'a write without a condition cannot conflict');
    assert.ok(result.lost > 0, 'blind writes lost nothing: the editors did not interleave');
  });

  for (const ids of [oneDoc, hundredDocs]) {
    it(`a primary failover halfway through ${ids.length} document(s): old-term saves conflict, 0 lost`, async () => {
      // Nodes are stopped: on a real engine, a three-node cluster of this test's own.
      const cluster = await startTestCluster({ multiNode: true, defaultShards: SHARDS, refreshIntervalMs: -1 });
      try {
        await failoverRun(cluster, ids);
      } finally {
        await cluster.close();
      }
    });
  }

  async function failoverRun(cluster: TestCluster, ids: readonly string[]): Promise<void> {
    const index = await freshIndex(ids, cluster);
    const routingShards = defaultRoutingShards(SHARDS);
    const shards = [...new Set(ids.map((id) => shardForRouting(id, SHARDS, routingShards)))];
    const failoverAll = async (): Promise<number> => {
      let term = 0;
      for (const shard of shards) term = Math.max(term, await cluster.failover(index, shard));
      return term;
    };
    const midRun = { atAttempt: ATTEMPTS / 2, action: failoverAll };
    const result = await runEditors({ url: cluster.url, index, ids, editors: EDITORS, attempts: ATTEMPTS, mode: 'conditional', midRun });
    record(`conditional, ${ids.length} document(s), failover of shard(s) ${shards.join(',')} at attempt ${ATTEMPTS / 2}`, result);
    // Elasticsearch compares if_primary_term with the term the document was last written at, so an
    // old-term save of an unchanged document rightly succeeds; one of a changed document conflicts.
    assert.ok(result.newTermConflicts > 0, 'no save conflicted with a document written after the failover');
    if (ids.length === 1) assert.ok(result.staleTermConflicts > 0, 'no save based on the old primary term was refused');
    assert.equal(result.lost, 0);
    // The failover must have hit the documents' shards: every document now reads at the new term.
    const gateway = plainGateway(cluster.url, 30_000);
    try {
      const store = new DocumentStore(() => gateway);
      for (const id of ids) {
        const read = await store.get({ connectionId: 'check', index, id });
        assert.ok(read.found);
        assert.equal(read.token.primaryTerm, 2, `document ${id} is not on a failed-over shard`);
      }
    } finally {
      await gateway.close();
    }
  }
});
