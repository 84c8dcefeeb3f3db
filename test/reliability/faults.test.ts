import * as assert from 'node:assert/strict';
import { ClusterError, describeFailure, type ClusterFailure } from '../../src/cluster/model/clusterErrors';
import type { DocumentAddress } from '../../src/cluster/model/documentAddress';
import { checkDocumentText } from '../../src/json/jsonText';
import type { VersionToken } from '../../src/cluster/model/versionToken';
import { ClusterGateway } from '../../src/cluster/clusterGateway';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';
import { addFault, clearFaults, requestCounts, resetRequestCounts } from '../server/control';
import { startEsServer, type RunningEsServer } from '../server/server';
import { FAULT_CASES, LATENCY_MS, REQUEST_TIMEOUT_MS } from './faultCases';

const INDEX = 'faults';
const DOC_PATH = `^/${INDEX}/_doc/`;

interface Outcome {
  readonly fault: string;
  readonly path: 'save' | 'open';
  message: string;
  requests: number;
  server: string;
  next: string;
  readonly problems: string[];
}

/** What the user would be told: a ClusterError's failure, or the `malformed` one writeFile makes of anything else. */
function failureOf(error: unknown, problems: string[]): ClusterFailure {
  if (error instanceof ClusterError) return error.failure;
  problems.push(`threw ${error instanceof Error ? error.name : typeof error}, not a ClusterError`);
  return { kind: 'malformed', reason: error instanceof Error ? error.message : String(error) };
}

describe('faults on the save and open paths', () => {
  let server: RunningEsServer;
  let gateway: ClusterGateway;
  let store: DocumentStore;
  const outcomes: Outcome[] = [];

  before(async () => {
    server = await startEsServer({ port: 0, refreshIntervalMs: -1 });
    // A short timeout, so the latency fault outlasts it; nothing else here comes close to it.
    gateway = plainGateway(server.url, REQUEST_TIMEOUT_MS);
    store = new DocumentStore(() => gateway);
  });

  afterEach(() => clearFaults(server.url));

  after(async () => {
    await gateway.close();
    await server.close();
    console.log('\n  faults tried (fault | path | what the user is told | requests sent | server document | next save/open)');
    for (const o of outcomes) console.log(`    ${o.fault} | ${o.path} | ${o.message} | ${o.requests} | ${o.server} | ${o.next}`);
  });

  async function createDoc(address: DocumentAddress, text: string): Promise<VersionToken> {
    return (await store.create(address, text, 'false')).token;
  }

  async function serverText(address: DocumentAddress): Promise<string> {
    const read = await store.get(address);
    assert.ok(read.found, `${address.id} is gone`);
    return read.sourceText;
  }

  /** A slow write lands after the client gave up: wait for it (bounded) before looking. */
  async function settledText(address: DocumentAddress, expected: string): Promise<string> {
    const deadline = Date.now() + LATENCY_MS * 4;
    let text = await serverText(address);
    while (text !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await serverText(address);
    }
    return text;
  }

  for (const [n, c] of FAULT_CASES.entries()) {
    it(`save under "${c.name}": says what happened, one request, nothing written twice`, async () => {
      const address = { connectionId: 'faults', index: INDEX, id: `save-${n}` };
      const before = `{"case": ${JSON.stringify(c.name)}, "n": 0}`;
      const edited = `{"case": ${JSON.stringify(c.name)}, "n": 1, "big": 9223372036854775807}`;
      const token = await createDoc(address, before);
      const o: Outcome = { fault: c.name, path: 'save', message: '', requests: 0, server: '', next: '', problems: [] };
      outcomes.push(o);

      assert.ok(checkDocumentText(edited).ok);
      await resetRequestCounts(server.url);
      await addFault(server.url, { ...c.fault, method: 'PUT', path: DOC_PATH, times: 1 });
      const error = await store.replace(address, edited, token, 'false').then(() => undefined, (e: unknown) => e);
      if (error === undefined) o.problems.push('the save reported success');
      o.requests = (await requestCounts(server.url)).total;
      await clearFaults(server.url);
      if (error !== undefined) o.message = describeFailure('Saving', failureOf(error, o.problems));
      if (!c.message.test(o.message)) o.problems.push(`the message does not match ${c.message}`);
      if (o.requests !== 1) o.problems.push(`${o.requests} requests were sent, not 1`);

      const now = await settledText(address, c.appliedOnSave ? edited : before);
      o.server = now === before ? 'unchanged' : now === edited ? 'holds exactly the text being saved' : `other: ${now}`;
      if (now !== (c.appliedOnSave ? edited : before)) o.problems.push(`the server holds ${now}`);

      // The next save, still based on the token the editor holds.
      const next = await store.replace(address, edited, token, 'false').then(() => 'saved', (e: unknown) => (e instanceof ClusterError ? e.failure.kind : String(e)));
      o.next = c.appliedOnSave ? `${next} (serverHoldsText must turn this into "the server already holds your text")` : next;
      if (next !== (c.appliedOnSave ? 'conflict' : 'saved')) o.problems.push(`the next save ended in ${next}`);
      assert.deepEqual(o.problems, [], `${c.name} on save: ${o.message}`);
    });

    it(`open under "${c.name}": says what happened, one request, the document intact`, async () => {
      const address = { connectionId: 'faults', index: INDEX, id: `open-${n}` };
      const text = `{"case": ${JSON.stringify(c.name)}, "f": 1.0}`;
      await createDoc(address, text);
      const o: Outcome = { fault: c.name, path: 'open', message: '', requests: 0, server: '', next: '', problems: [] };
      outcomes.push(o);

      await resetRequestCounts(server.url);
      await addFault(server.url, { ...c.fault, method: 'GET', path: DOC_PATH, times: 1 });
      const result = await store.get(address).then((r) => r, (e: unknown) => e);
      o.requests = (await requestCounts(server.url)).total;
      await clearFaults(server.url);
      if (typeof result === 'object' && result !== null && 'found' in result) {
        o.problems.push(`the open returned ${result.found ? 'a document' : '"not found"'} instead of failing`);
        o.message = result.found ? 'opened' : 'shown as "document not found"';
      } else {
        o.message = describeFailure('Opening the document', failureOf(result, o.problems));
        if (!c.message.test(o.message)) o.problems.push(`the message does not match ${c.message}`);
      }
      if (o.requests !== 1) o.problems.push(`${o.requests} requests were sent, not 1`);

      // A slow GET is still answered by the server after the client gave up; let it drain first.
      const now = await settledText(address, text);
      o.server = now === text ? 'unchanged' : `other: ${now}`;
      if (now !== text) o.problems.push('the document changed');
      o.next = 'opened';
      assert.deepEqual(o.problems, [], `${c.name} on open: ${o.message}`);
    });
  }
});
