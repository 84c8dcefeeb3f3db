import * as assert from 'node:assert/strict';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { ClusterGateway } from '../../../src/cluster/clusterGateway';
import { plainSettings } from '../../support/plainGateway';
import { addFault, clearFaults } from '../../server/control';
import { startEsServer, type RunningEsServer } from '../../server/server';

const MB = 1024 * 1024;

async function failureOf(promise: Promise<unknown>): Promise<ClusterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ClusterError, String(error));
    return error;
  }
  assert.fail('the request succeeded');
}

describe('Bounds on an answer: overall deadline and size cap', () => {
  let server: RunningEsServer;
  let abandoned = 0;

  before(async () => {
    server = await startEsServer();
  });
  after(() => server.close());
  afterEach(() => clearFaults(server.url));

  /** A fresh gateway, so that a request abandoned by one test cannot linger in the next. */
  async function withGateway<T>(requestTimeoutMs: number, maxResponseBytes: number | undefined, body: (gateway: ClusterGateway) => Promise<T>): Promise<T> {
    const gateway = new ClusterGateway({ ...plainSettings(server.url, requestTimeoutMs), ...(maxResponseBytes ? { maxResponseBytes } : {}) });
    try {
      return await body(gateway);
    } finally {
      await gateway.close();
    }
  }

  it('gives up on an answer dripping in one byte at a time, and drops the connection', async () => {
    // One byte every 50 ms of a 10 kB answer would take over 8 minutes; no single gap reaches the deadline.
    await addFault(server.url, { kind: 'drip', path: '^/$', intervalMs: 50, bytes: 10_000, times: 1 });
    await withGateway(300, undefined, async (gateway) => {
      const error = await failureOf(gateway.send({ method: 'GET', path: '/' }));
      assert.equal(error.failure.kind, 'network');
      assert.equal(error.failure.reason, 'the cluster did not answer in time (within 300 ms, esdocs.requestTimeoutSeconds)');
      // The server sees the client go away: the socket is not left dangling.
      await server.whenAnswersAbandoned(++abandoned);
      assert.equal((await gateway.send({ method: 'GET', path: '/' })).status, 200);
    });
  });

  for (const declareLength of [false, true]) {
    it(`refuses an answer larger than the cap (${declareLength ? 'announced by Content-Length' : 'chunked'}) without reading it`, async () => {
      await addFault(server.url, { kind: 'huge', path: '^/$', bytes: 64 * MB, declareLength, times: 1 });
      await withGateway(30_000, 1 * MB, async (gateway) => {
        const error = await failureOf(gateway.send({ method: 'GET', path: '/' }));
        assert.equal(error.failure.kind, 'malformed');
        assert.equal(error.failure.reason, 'the answer was larger than 1 MB (esdocs.maxResponseMegabytes) and was not read');
        await server.whenAnswersAbandoned(++abandoned);
        assert.equal((await gateway.send({ method: 'GET', path: '/' })).status, 200);
      });
    });
  }

  it('reads an answer up to the cap', async () => {
    await addFault(server.url, { kind: 'huge', path: '^/$', bytes: MB, declareLength: false, times: 1 });
    await withGateway(30_000, MB, async (gateway) => {
      const answer = await gateway.send({ method: 'GET', path: '/' });
      assert.equal(Buffer.byteLength(answer.text), MB);
    });
  });
});
