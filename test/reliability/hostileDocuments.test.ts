import * as assert from 'node:assert/strict';
import { ClusterError } from '../../src/cluster/model/clusterErrors';
import { checkDocumentText, describeProblem, type DocumentCheck } from '../../src/json/jsonText';
import { ClusterGateway } from '../../src/cluster/clusterGateway';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';
import { requestCounts, resetRequestCounts } from '../server/control';
import { startEsServer, type RunningEsServer } from '../server/server';
import { bigDocument, deeplyNested, deeplyNestedArrays, documentCases, type DocumentCase } from './hostileCorpus';

/**
 * Hostile document texts through the save path: checked first (refused ones send nothing), the
 * rest saved conditionally and read back character for character.
 */
describe('hostile documents on the save path', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;
  let store: DocumentStore;
  let tried = 0;
  let crashes = 0;
  const INDEX = 'hostile';

  before(async () => {
    server = await startEsServer({ port: 0, refreshIntervalMs: -1 });
    gateway = plainGateway(server.url, 60_000);
    store = new DocumentStore(() => gateway);
  });

  after(async () => {
    await gateway.close();
    await server.close();
    console.log(`\n  hostile documents: bad inputs tried ${tried}, crashes ${crashes}`);
  });

  /** The check as writeFile runs it; a throw is a crash (the user would see no reason). */
  function check(text: string): DocumentCheck {
    tried++;
    try {
      return checkDocumentText(text);
    } catch (error) {
      crashes++;
      throw new Error(`checkDocumentText crashed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }

  async function expectRefusedWithoutRequest(c: DocumentCase): Promise<string> {
    await resetRequestCounts(server.url);
    const result = check(c.text);
    assert.equal(result.ok, false, `${c.name} passed the check`);
    if (result.ok) return '';
    const message = describeProblem(result);
    assert.ok(result.message.length > 10, `message too short: ${message}`);
    if (c.message !== undefined) assert.match(result.message, new RegExp(c.message), c.name);
    // writeFile stops here: nothing may reach the cluster.
    assert.equal((await requestCounts(server.url)).total, 0);
    return message;
  }

  async function expectSavedExactly(id: string, text: string): Promise<void> {
    const result = check(text);
    assert.ok(result.ok, result.ok ? '' : describeProblem(result));
    const address = { connectionId: 'hostile', index: INDEX, id };
    const created = await store.create(address, '{"placeholder": true}', 'false');
    await resetRequestCounts(server.url);
    await store.replace(address, text, created.token, 'false').catch((error: unknown) => {
      throw error instanceof ClusterError ? new Error(`the cluster refused it: ${error.failure.reason}`) : error;
    });
    assert.equal((await requestCounts(server.url)).total, 1);
    const read = await store.get(address);
    assert.ok(read.found);
    assert.ok(read.sourceText === text, `the text came back changed (${read.sourceText.length} characters for ${text.length})`);
  }

  async function expectRefusedByCluster(id: string, c: DocumentCase): Promise<void> {
    assert.ok(check(c.text).ok, 'the text itself is valid');
    const address = { connectionId: 'hostile', index: INDEX, id };
    const created = await store.create(address, '{"placeholder": true}', 'false');
    await resetRequestCounts(server.url);
    await assert.rejects(store.replace(address, c.text, created.token, 'false'), (error: unknown) => {
      assert.ok(error instanceof ClusterError, String(error));
      assert.match(error.failure.reason, new RegExp(c.message ?? ''));
      return true;
    });
    assert.equal((await requestCounts(server.url)).total, 1, 'sent once, not retried');
  }

  const verb = { reject: 'refuses', accept: 'saves exactly', refusedByCluster: 'sends, and reports the refusal of' } as const;
  for (const [n, c] of documentCases().entries()) {
    it(`${verb[c.expect]}: ${c.name}`, async () => {
      if (c.expect === 'reject') await expectRefusedWithoutRequest(c);
      else if (c.expect === 'refusedByCluster') await expectRefusedByCluster(`case-${n}`, c);
      else await expectSavedExactly(`case-${n}`, c.text);
    });
  }

  it('a 20 MB document is checked and saved byte for byte', async () => {
    await expectSavedExactly('twenty-megabytes', bigDocument(20));
  });

  it('1,000 levels of nesting (Jackson\'s limit) are checked without a crash', () => {
    assert.deepEqual(check(deeplyNested(1_000)), { ok: true });
    // The top-level object is the first level: 999 arrays inside it make 1,000.
    assert.deepEqual(check(deeplyNestedArrays(999)), { ok: true });
  });

  for (const [label, text] of [['objects', deeplyNested(10_000)], ['arrays', deeplyNestedArrays(10_000)]] as const) {
    it(`10,000 levels of nested ${label}: refused with a reason, no stack overflow, nothing sent`, async () => {
      await expectRefusedWithoutRequest({ name: `10,000 nested ${label}`, text, expect: 'reject', message: 'nest|deep|depth|levels' });
    });
  }
});
