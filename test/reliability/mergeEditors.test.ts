import * as assert from 'node:assert/strict';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';
import { startTestCluster, type TestCluster } from '../real-engines/testCluster';
import { formatMergeRun, initialText, runMergeEditors, type MergeRunResult } from './mergeHarness';

const EDITORS = 16;
const ATTEMPTS = 5_000;

describe('concurrent editors of different fields: merging on every conflict loses nothing', () => {
  let server: TestCluster;
  const figures: string[] = [];
  let documents = 0;

  before(async () => {
    server = await startTestCluster({ refreshIntervalMs: -1 });
  });

  after(async () => {
    await server.close();
    console.log(`\n  merging editors (${EDITORS} editors, each on its own field of one document${server.real ? ', real engine' : ''})\n${figures.map((f) => `    ${f}`).join('\n')}`);
  });

  async function freshDocument(): Promise<string> {
    const id = `shared-${documents++}`;
    const gateway = plainGateway(server.url, 30_000);
    try {
      await new DocumentStore(() => gateway).create({ connectionId: 'setup', index: 'merges', id }, initialText(EDITORS), 'false');
    } finally {
      await gateway.close();
    }
    return id;
  }

  function record(label: string, result: MergeRunResult): void {
    figures.push(formatMergeRun(label, result));
    assert.equal(result.attempts, ATTEMPTS);
    assert.equal(result.successes + result.conflicts, result.attempts);
  }

  it('5,000 saves, a merge on every conflict: 0 field changes lost, untouched fields exact', async () => {
    const result = await runMergeEditors({ url: server.url, index: 'merges', id: await freshDocument(), editors: EDITORS, attempts: ATTEMPTS, choice: 'merge' });
    record('merge on conflict, 1 document', result);
    assert.ok(result.merges > 0, 'no conflict happened, so no merge was tested');
    assert.equal(result.editorsSaved, EDITORS, 'some editor never saved: the run did not interleave');
    assert.equal(result.lost, 0);
    assert.ok(result.untouchedExact, 'a big integer, 1.0 or an escape changed on the way');
  });

  it('the same harness overwriting on conflict loses changes (it can see what merge rules out)', async () => {
    const result = await runMergeEditors({ url: server.url, index: 'merges', id: await freshDocument(), editors: EDITORS, attempts: ATTEMPTS, choice: 'overwrite' });
    record('overwrite on conflict (control, no merge), 1 document', result);
    assert.ok(result.lost > 0, 'overwriting lost nothing: the editors did not interleave');
  });
});
