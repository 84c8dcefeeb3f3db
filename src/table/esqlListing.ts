import { encodePathSegment, type ClusterGateway } from '../cluster/clusterGateway';
import { readSearchResponse } from '../cluster/model/listingResponses';
import { valueTextAt } from '../json/jsonPaths';
import { esqlColumns, esqlEditable, readEsqlAnswer, type EsqlAnswer } from './model/esqlAnswer';
import type { RowSource, StagedEdits } from './model/stagedEdits';
import { cellOf } from './model/tableCells';
import { ID_PATH, type CellView, type ColumnView, type RowView } from './model/tableProtocol';
import { addressOfKey, rowKey, sourceOfHit, type RowAddress } from './model/tableRows';

/**
 * The rows of an ES|QL query: one `POST /_query` (ES|QL has no paging; its `LIMIT`, 1,000 by
 * default, bounds the answer), held while the table shows it. A row that names its document
 * (`METADATA _id, _index`) can be edited: its source and version are read with one `_mget` when
 * its first cell is edited (and a search of its id when it has a routing of its own), and from then
 * on it shows that source's values.
 */
export class EsqlListing {
  private answer: Promise<EsqlAnswer> | undefined;
  private read: EsqlAnswer | undefined;

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly query: string,
  ) {}

  get columns(): ColumnView[] | undefined {
    return this.read && esqlColumns(this.read);
  }

  get editable(): boolean {
    return this.read !== undefined && esqlEditable(this.read);
  }

  async rows(start: number, end: number, staged: StagedEdits, latest: ReadonlyMap<string, RowSource>): Promise<{ rows: RowView[]; count: number }> {
    const answer = await (this.answer ??= this.gateway
      .sendOkAndRead({ method: 'POST', path: '/_query', body: JSON.stringify({ query: this.query }) }, readEsqlAnswer)
      .then((read) => (this.read = read)));
    const rows = answer.rows.slice(start, end).map((values, i) => this.rowView(answer, values, start + i, staged, latest));
    return { rows, count: answer.rows.length };
  }

  /** The document a row names, when the query asked for `_id` and `_index`. */
  addressOf(key: string): RowAddress | undefined {
    return this.read !== undefined && esqlEditable(this.read) ? addressOfKey(key) : undefined;
  }

  /**
   * A document its key did not find: ES|QL gives no `_routing`, so a document stored with a
   * routing of its own is on a shard its id alone does not point to. One search of its id (every
   * shard answers) finds it with its routing; the row keeps its key.
   */
  async findRouted(address: RowAddress): Promise<RowSource | undefined> {
    const body = `{"size":1,"query":{"ids":{"values":${JSON.stringify([address.id])}}},"seq_no_primary_term":true,"version":true}`;
    const page = await this.gateway.sendOkAndRead({ method: 'POST', path: `/${encodePathSegment(address.index)}/_search`, body }, readSearchResponse);
    const hit = page.hits.find((candidate) => candidate.id === address.id && candidate.index === address.index && candidate.routing !== undefined);
    const source = hit && sourceOfHit(hit);
    return source && { ...source, key: address.key };
  }

  private rowView(answer: EsqlAnswer, values: readonly string[], n: number, staged: StagedEdits, latest: ReadonlyMap<string, RowSource>): RowView {
    const named = (name: string): string | undefined => {
      const i = answer.columns.findIndex((column) => column.name === name);
      const text = i < 0 ? undefined : values[i];
      return text?.startsWith('"') ? (JSON.parse(text) as string) : undefined;
    };
    const index = named('_index');
    const id = named('_id');
    const key = index !== undefined && id !== undefined ? rowKey(index, id, undefined) : JSON.stringify(['esql', n]);
    const row = staged.row(key);
    const text = row ? staged.textToSend(key) : latest.get(key)?.sourceText;
    const cells: Record<string, CellView> = {};
    answer.columns.forEach((column, i) => {
      // Once the document was read (to edit it), its own values show: what a save would send.
      const fromSource = text !== undefined && column.name !== ID_PATH && !column.name.startsWith('_') ? valueTextAt(text, column.name) : undefined;
      const cell = cellOf(fromSource ?? values[i]);
      cells[column.name] = row?.edits.has(column.name) ? { ...cell, edited: true } : cell;
    });
    return { key, id: id ?? '', index: index ?? '', cells, state: row?.state ?? 'clean', ...(row?.reason === undefined ? {} : { message: row.reason }) };
  }
}
