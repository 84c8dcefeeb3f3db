import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterGateway, ClusterRequest, ClusterResponse } from '../../../src/cluster/clusterGateway';
import { ClusterError } from '../../../src/cluster/model/clusterErrors';
import { importDocuments } from '../../../src/transfer/importer';

/** A cluster that answers `_bulk` from a script: each answer a status and, per item sent, a status. */
function scriptedGateway(script: Array<{ status: number; items?: number[] }>, readOnly = false): { gateway: ClusterGateway; bodies: string[] } {
  const bodies: string[] = [];
  const gateway = {
    readOnly,
    async send(request: ClusterRequest): Promise<ClusterResponse> {
      if (request.path.endsWith('/_refresh')) return { status: 200, text: '{}' };
      bodies.push(request.body ?? '');
      const next = script.shift();
      assert.ok(next, `an answer is scripted for request ${bodies.length}`);
      const items = (next.items ?? []).map((status) => ({ create: { status, ...(status === 201 ? { result: 'created' } : { error: { type: status === 429 ? 'es_rejected_execution_exception' : 'other', reason: 'scripted' } }) } }));
      return { status: next.status, text: JSON.stringify({ errors: true, items }) };
    },
  };
  return { gateway: gateway as unknown as ClusterGateway, bodies };
}

describe('importDocuments: what is sent again, and what is not', () => {
  let file: string;
  before(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-import-')), 'three.ndjson');
    fs.writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it('sends again only the items refused for load (429), and a whole request refused for load, with backoff', async () => {
    const { gateway, bodies } = scriptedGateway([{ status: 429 }, { status: 200, items: [201, 429, 201] }, { status: 200, items: [201] }]);
    const waits: number[] = [];
    const result = await importDocuments(gateway, { index: 'm', file, mode: 'create', sleep: async (ms) => void waits.push(ms) });
    assert.equal(result.report.created.count, 3);
    assert.equal(bodies.length, 3);
    assert.equal(bodies[2].split('\n').filter(Boolean).length, 2, 'the last request holds only the item refused for load');
    assert.match(bodies[2], /\{"n":2\}/);
    assert.ok(waits[1] > waits[0], 'each wait is longer than the one before');
  });

  it('sends nothing again after another refusal or error: it is reported, or the import stops', async () => {
    const refused = scriptedGateway([{ status: 200, items: [201, 400, 201] }]);
    const result = await importDocuments(refused.gateway, { index: 'm', file, mode: 'create', sleep: async () => undefined });
    assert.deepEqual([result.report.created.count, result.report.refused.count, refused.bodies.length], [2, 1, 1]);
    const failing = scriptedGateway([{ status: 500 }]);
    await assert.rejects(importDocuments(failing.gateway, { index: 'm', file, mode: 'create' }), ClusterError);
    assert.equal(failing.bodies.length, 1);
  });

  it('refuses a read-only connection before sending anything', async () => {
    const readOnly = scriptedGateway([], true);
    await assert.rejects(importDocuments(readOnly.gateway, { index: 'm', file, mode: 'create' }), (error: unknown) => error instanceof ClusterError && error.failure.kind === 'readOnly');
    assert.equal(readOnly.bodies.length, 0);
  });
});
