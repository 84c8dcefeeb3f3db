import type { ClusterGateway } from '../src/cluster/clusterGateway';
import type { DocumentStore } from '../src/cluster/documentStore';
import { readSearchResponse } from '../src/cluster/model/listingResponses';
import { StagedEdits, type RowSource } from '../src/table/model/stagedEdits';
import { sourceOfHit } from '../src/table/model/tableRows';
import { TablePager } from '../src/table/tablePager';
import { PAGE_ROWS } from '../src/table/model/tableProtocol';
import { TableWriter } from '../src/table/tableWriter';
import { LIST_INDEX } from './fixtures';
import type { Measured } from './measure';
import type { RawHttp } from './rawHttp';

/**
 * The documents table's host side: a page of its grid at any depth (point in time, `search_after`
 * from the sort values kept per page), and a Save of many staged rows in `_bulk` batches against
 * the single conditional PUTs a one-document editor sends.
 */

const SEARCH = { query: '{"match_all":{}}', sort: (tiebreaker: string) => `[{"${tiebreaker}":"asc"}]` };
export const SAVE_ROWS = 1_000;
const SAVE_INDEX = 'bench-table-save';

/** Page `page` (1-based) of the table's grid, reached by scrolling: the pages before it read untimed, once. */
export function tablePage(gateway: ClusterGateway, page: number): Measured {
  let pager: TablePager | undefined;
  return {
    name: `table page ${page.toLocaleString('en-US')} (${PAGE_ROWS} rows)`,
    extension: {
      prepare: async () => {
        if (pager !== undefined) return;
        pager = new TablePager(gateway, LIST_INDEX, PAGE_ROWS, SEARCH);
        for (let p = 0; p < page - 1; p++) await pager.page(p);
        // The page itself is read once too, so its cursor is known: each timed run reads it again.
        await pager.page(page - 1);
      },
      run: async () => {
        // Dropped from the pager's cache by reading other pages, as scrolling does.
        const hits = await pager!.pageAgain(page - 1);
        if (hits.length !== PAGE_ROWS) throw new Error(`table page ${page} had ${hits.length} rows`);
      },
    },
    note: 'one search per page at any depth; the pages before it read once, untimed',
  };
}

async function loadSaveIndex(raw: RawHttp): Promise<void> {
  await raw.request('DELETE', `/${SAVE_INDEX}`);
  await raw.json('PUT', `/${SAVE_INDEX}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }));
  const lines: string[] = [];
  for (let i = 0; i < SAVE_ROWS; i++) lines.push(`{"index":{"_id":"s${i}"}}`, `{"title":"Row ${i}","n":${i},"big":9007199254740993,"f":1.0}`);
  await raw.json('POST', `/${SAVE_INDEX}/_bulk?refresh=true`, lines.join('\n') + '\n');
}

async function readRows(raw: RawHttp): Promise<RowSource[]> {
  // The bench's server refreshes only when asked: the last run's writes are made visible first.
  await raw.json('POST', `/${SAVE_INDEX}/_refresh`);
  const answer = await raw.request('POST', `/${SAVE_INDEX}/_search`, JSON.stringify({ size: SAVE_ROWS, seq_no_primary_term: true, version: true, sort: ['_doc'] }));
  return readSearchResponse(answer.text).hits.map((hit) => sourceOfHit(hit)!);
}

/** Save of 1,000 staged rows (one edited cell each): `_bulk` batches, each item conditional, against 1,000 conditional PUTs. */
export async function tableSave(raw: RawHttp, store: DocumentStore, connectionId: string): Promise<Measured> {
  await loadSaveIndex(raw);
  let staged = new StagedEdits();
  let rows: RowSource[] = [];
  let round = 0;
  const stage = async (): Promise<void> => {
    rows = await readRows(raw);
    staged = new StagedEdits();
    round++;
    for (const row of rows) staged.stage(row, 'n', String(round * SAVE_ROWS + Number(row.id.slice(1))));
  };
  return {
    name: `table save ${SAVE_ROWS.toLocaleString('en-US')} staged rows`,
    extension: {
      prepare: stage,
      run: async () => {
        const report = await new TableWriter(connectionId, store, () => 'false', staged).save();
        if (report.saved.length !== SAVE_ROWS) throw new Error(`saved ${report.saved.length} of ${SAVE_ROWS}: ${JSON.stringify(report.failed[0] ?? report.conflicts[0])}`);
      },
    },
    baseline: {
      prepare: stage,
      run: async () => {
        for (const row of rows) await store.replace({ connectionId, index: row.index, id: row.id }, staged.textToSend(row.key)!, row.token, 'false');
      },
    },
    note: `baseline: ${SAVE_ROWS.toLocaleString('en-US')} single conditional PUTs, one after another (what saving each document from its editor sends)`,
  };
}
