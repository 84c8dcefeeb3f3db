import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeRunner } from '../src/bulk/changeRunner';
import { JournalStore } from '../src/bulk/journalStore';
import type { ClusterGateway } from '../src/cluster/clusterGateway';
import type { DocumentStore } from '../src/cluster/documentStore';
import { readSearchResponse } from '../src/cluster/model/listingResponses';
import type { Measured } from './measure';
import type { RawHttp } from './rawHttp';

/**
 * A bulk change of 10,000 documents (`set reviewed = N`: preview on a point in time, then apply in
 * `_bulk` batches of 500, each item conditional, each batch journaled and flushed to disk first)
 * against 10,000 single conditional PUTs of the same texts, one after another.
 */

export const BULK_DOCS = 10_000;
const BULK_INDEX = 'bench-bulk';

async function load(raw: RawHttp): Promise<void> {
  await raw.request('DELETE', `/${BULK_INDEX}`);
  await raw.json('PUT', `/${BULK_INDEX}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }));
  for (let from = 0; from < BULK_DOCS; from += 5_000) {
    const lines: string[] = [];
    for (let i = from; i < from + 5_000; i++) lines.push(`{"index":{"_id":"c${i}"}}`, `{"title":"Row ${i}","n":${i},"big":9007199254740993,"f":1.0}`);
    await raw.json('POST', `/${BULK_INDEX}/_bulk`, lines.join('\n') + '\n');
  }
  await raw.json('POST', `/${BULK_INDEX}/_refresh`);
}

export async function bulkChange(raw: RawHttp, gateway: ClusterGateway, store: DocumentStore, connectionId: string): Promise<Measured> {
  await load(raw);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-bench-bulk-'));
  const runner = new ChangeRunner(() => gateway, store, new JournalStore(dir, () => 3), { refresh: () => 'false', batchDocuments: () => 500, batchBytes: () => 5 * 1024 * 1024 });
  let round = 0;
  let writes: Array<{ id: string; seqNo: number; primaryTerm: number; text: string }> = [];
  return {
    name: `bulk change of ${BULK_DOCS.toLocaleString('en-US')} documents (preview + apply)`,
    extension: {
      prepare: async () => {
        await raw.json('POST', `/${BULK_INDEX}/_refresh`);
      },
      run: async () => {
        const preview = await runner.preview({ connectionId, index: BULK_INDEX, change: { set: { path: 'reviewed', value: String(++round) } } });
        const report = await runner.apply(preview.changeSetId);
        await runner.forget(preview.changeSetId);
        if (report.changed !== BULK_DOCS) throw new Error(`changed ${report.changed} of ${BULK_DOCS}`);
      },
    },
    baseline: {
      prepare: async () => {
        await raw.json('POST', `/${BULK_INDEX}/_refresh`);
        const answer = await raw.request('POST', `/${BULK_INDEX}/_search`, JSON.stringify({ size: BULK_DOCS, seq_no_primary_term: true, sort: ['_doc'] }));
        round++;
        writes = readSearchResponse(answer.text).hits.map((hit) => ({ id: hit.id, seqNo: hit.token!.seqNo, primaryTerm: hit.token!.primaryTerm, text: (hit.sourceText ?? '{}').replace(/,"reviewed":\d+/, '').replace(/}$/, `,"reviewed":${round}}`) }));
      },
      run: async () => {
        for (const write of writes) await store.replace({ connectionId, index: BULK_INDEX, id: write.id }, write.text, { seqNo: write.seqNo, primaryTerm: write.primaryTerm, version: 0 }, 'false');
      },
    },
    note: `baseline: ${BULK_DOCS.toLocaleString('en-US')} single conditional PUTs of the same texts (the tokens read before the timer); _update_by_query needs a script, which the test server does not run`,
  };
}
