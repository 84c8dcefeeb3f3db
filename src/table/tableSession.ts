import * as vscode from 'vscode';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { DocumentStore } from '../cluster/documentStore';
import { describeError } from '../cluster/model/clusterErrors';
import type { MappingModel } from '../mapping/model/mappingModel';
import type { RefreshPolicy } from '../platform/model/settingValues';
import { Disposable } from '../platform/model/disposable';
import { cellInput } from './model/cellInput';
import { cellOf, underArray } from './model/tableCells';
import { tableColumns } from './model/tableColumns';
import { queryOf } from '../cluster/model/queryText';
import { sortOf } from './model/tableQuery';
import { editsInPlace, ID_PATH, PAGE_ROWS, type ColumnView, type FilterKind, type HostMessage, type SortKey, type TableSetup, type TableViewState, type ViewMessage } from './model/tableProtocol';
import { addressOfKey, newerSource, rowView, sourceOfHit, versionOf, type RowAddress } from './model/tableRows';
import { StagedEdits, type RowSource } from './model/stagedEdits';
import { TablePager } from './tablePager';
import { TableWriter, type SaveReport } from './tableWriter';
import { EsqlListing } from './esqlListing';
import { valueTextAt } from '../json/jsonPaths';

export interface TableTarget {
  readonly connectionId: string;
  readonly index: string;
}

export interface TableDeps {
  readonly gateway: ClusterGateway;
  readonly store: DocumentStore;
  readonly refresh: () => RefreshPolicy;
  readonly mapping: MappingModel | undefined;
  /** Whether the connection offers ES|QL. */
  readonly esql: boolean;
  /** Whether the engine sorts on `_id` (Elasticsearch before 8, OpenSearch). */
  readonly idSortable?: boolean;
  /** The columns last chosen for this index (kept per index, across tables and sessions). */
  readonly columnsKept?: readonly string[];
  readonly keepColumns?: (shown: readonly string[]) => void;
}

/**
 * One open table: what it lists (index, filter, sort), the pages read, the edits staged and the
 * writes that save them. The webview asks through `handle`; everything it shows comes back
 * through `onDidPost`. Actions that need VS Code's own UI (review, merge choices, confirmations)
 * are the panel's; this class reads, stages and writes.
 */
export class TableSession extends Disposable {
  private readonly posted = this.register(new vscode.EventEmitter<HostMessage>());
  readonly onDidPost = this.posted.event;
  private filter: string;
  private filterKind: FilterKind;
  private sort: readonly SortKey[];
  private shown: readonly string[] | undefined;
  private columns: ColumnView[];
  private readonly found = new Set<string>();
  private pager: TablePager | undefined;
  private esql: EsqlListing | undefined;
  /** Sources newer than the pages: what a save left, or a merge read. */
  private readonly latest = new Map<string, RowSource>();
  readonly staged: StagedEdits;
  readonly writer: TableWriter;

  constructor(
    /** Names the table in the commands and diffs that act on it. */
    readonly id: number,
    readonly target: TableTarget,
    private readonly deps: TableDeps,
    state?: Partial<TableViewState>,
  ) {
    super();
    this.filter = state?.filter ?? '';
    this.filterKind = state?.filterKind ?? 'query';
    this.sort = state?.sort ?? [];
    this.shown = state?.shown ?? deps.columnsKept;
    this.staged = StagedEdits.restore(state?.staged);
    this.columns = tableColumns(deps.mapping, [], deps.idSortable === true);
    this.writer = new TableWriter(target.connectionId, deps.store, deps.refresh, this.staged);
  }

  get readOnly(): boolean {
    return this.deps.gateway.readOnly;
  }

  get title(): string {
    return this.filter.trim() === '' ? this.target.index : `${this.target.index} · ${this.filter.trim()}`;
  }

  /** What the webview keeps across a reload of the window. */
  viewState(): TableViewState {
    return { ...this.target, filter: this.filter, filterKind: this.filterKind, sort: this.sort, ...(this.shown ? { shown: this.shown } : {}), staged: this.staged.snapshot() };
  }

  setup(): TableSetup {
    const esqlRows = this.filterKind === 'esql' && this.esql?.columns !== undefined;
    const readOnlyReason = this.readOnly
      ? vscode.l10n.t('The connection is read-only: the table shows documents without editing them.')
      : esqlRows && !this.esql?.editable ? vscode.l10n.t('These rows do not name their documents: add METADATA _id, _index after FROM to edit them.') : undefined;
    return {
      title: this.title,
      index: this.target.index,
      columns: esqlRows ? (this.esql?.columns ?? []).map((column) => (this.editablePath(column.path) ? column : { ...column, readOnly: true })) : this.columns,
      editable: readOnlyReason === undefined,
      ...(readOnlyReason ? { readOnlyReason } : {}),
      filter: this.filter,
      filterKind: this.filterKind,
      esql: this.deps.esql,
      sort: this.sort,
      ...(this.shown ? { shown: this.shown } : {}),
    };
  }

  async handle(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'setup', setup: this.setup() });
        this.postStage();
        return;
      case 'getRows':
        if (JSON.stringify(message.sort) !== JSON.stringify(this.sort)) {
          this.sort = message.sort;
          await this.restart(false);
          this.postState();
        }
        return this.getRows(message.request, message.start, message.end);
      case 'filter':
        this.filter = message.text;
        this.filterKind = message.kind;
        await this.restart();
        this.post({ type: 'setup', setup: this.setup() });
        this.postState();
        return;
      case 'edit':
        return this.edit(message.key, message.path, message.text, message.version);
      case 'columns':
        this.shown = message.shown;
        if (this.filterKind === 'query') this.deps.keepColumns?.(message.shown);
        this.post({ type: 'setup', setup: this.setup() });
        this.postState();
        return;
      default:
        return undefined;
    }
  }

  /** Stages a cell's typed text, or says why it is refused; nothing is sent. */
  async edit(key: string, path: string, text: string, shown?: string): Promise<void> {
    if (this.readOnly) return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('the connection is read-only') });
    if (!this.editablePath(path)) return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('{0} is not a field of the document\'s source: it cannot be edited here', path) });
    const source = this.sourceOf(key) ?? (await this.readByKey(key));
    if (source === undefined) return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('the document is not on the server any more') });
    // An edit made on what the grid showed is staged only on that same version (a row read again by its key may be newer).
    if (shown !== undefined && this.staged.row(key) === undefined && versionOf(source) !== shown) {
      this.rowsChanged([key]);
      return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('the document changed on the server since the table showed it: its row now shows the new version; edit it again') });
    }
    const shownText = this.staged.textToSend(key) ?? source.sourceText;
    if (underArray(shownText, path)) return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('{0} is inside an array: open the document to edit it', path) });
    const current = cellOf(valueTextAt(shownText, path));
    if (!editsInPlace(current)) return this.post({ type: 'refused', key, path, reason: vscode.l10n.t('{0} holds an object, an array, a long text or line breaks: open the document to edit it', path) });
    const input = cellInput(text, current.kind, this.deps.mapping?.fields.get(path));
    if (!input.ok) return this.post({ type: 'refused', key, path, reason: input.reason });
    // Shown again even when nothing changed: the cell goes back from its editor to the staged value.
    this.staged.stage(source, path, input.valueText);
    this.rowsChanged([key]);
    if (input.warning) this.post({ type: 'notice', text: input.warning });
  }

  /**
   * A row's document read by its key (one `_mget`): an ES|QL row when its first cell is edited, or
   * a row the grid still shows whose page the host let go. The source and version staged on.
   */
  private async readByKey(key: string): Promise<RowSource | undefined> {
    const address = this.addressOf(key);
    return address === undefined ? undefined : (await this.read([address])).get(key);
  }

  /** Documents by their addresses (one `_mget`; an ES|QL row's missed there, by a search of its id), kept as the latest read. */
  private async read(addresses: readonly RowAddress[]): Promise<Map<string, RowSource | undefined>> {
    const read = addresses.length === 0 ? new Map<string, RowSource | undefined>() : await this.writer.read(addresses);
    for (const address of addresses) if (read.get(address.key) === undefined && this.esql) read.set(address.key, await this.esql.findRouted(address));
    for (const source of read.values()) if (source) this.latest.set(source.key, source);
    return read;
  }

  /** The document a row's key names: an ES|QL row's only when the query asked for `_id` and `_index`. */
  private addressOf(key: string): RowAddress | undefined {
    return this.filterKind === 'esql' ? this.esql?.addressOf(key) : addressOfKey(key);
  }

  /** The sources of rows (for Open, Delete, Copy): as shown, or read by their keys where not at hand. */
  async sourcesOf(keys: readonly string[]): Promise<RowSource[]> {
    const missing = keys.filter((key) => this.sourceOf(key) === undefined);
    await this.read(missing.map((key) => this.addressOf(key)).filter((address) => address !== undefined));
    return keys.map((key) => this.sourceOf(key)).filter((source): source is RowSource => source !== undefined);
  }

  /** A column whose values are the document's own source fields: not `_id` or other metadata, not an ES|QL column computed or of a multi-field. */
  editablePath(path: string): boolean {
    if (path === ID_PATH) return false;
    if (this.filterKind !== 'esql') return true;
    return this.deps.mapping?.fields.has(path) === true;
  }

  undo(): void {
    const key = this.staged.undo();
    if (key !== undefined) this.rowsChanged([key]);
  }

  redo(): void {
    const key = this.staged.redo();
    if (key !== undefined) this.rowsChanged([key]);
  }

  discard(keys?: readonly string[]): void {
    this.rowsChanged(this.staged.discard(keys));
  }

  /** Sends the staged rows (all but those in conflict) in `_bulk` batches, each conditional. */
  async save(keys?: readonly string[]): Promise<SaveReport> {
    const report = await this.writer.save(keys);
    for (const saved of report.saved) this.latest.set(saved.key, saved);
    this.rowsChanged([...report.saved.map((row) => row.key), ...report.conflicts, ...report.failed.map((row) => row.key)]);
    return report;
  }

  /** Reads the server's current version of the rows, for a merge or an overwrite. */
  async current(keys: readonly string[]): Promise<Map<string, RowSource | undefined>> {
    const current = await this.writer.read(keys.map((key) => this.staged.row(key)?.source ?? this.sourceOf(key)).filter((s): s is RowSource => s !== undefined));
    for (const source of current.values()) if (source) this.latest.set(source.key, source);
    return current;
  }

  /** The server's text as last read for a merge or a compare. */
  serverText(key: string): string | undefined {
    return this.latest.get(key)?.sourceText;
  }

  /** The row was rebased or otherwise changed outside an edit: the grid shows it again. */
  rowsChanged(keys: readonly string[]): void {
    if (this.filterKind === 'esql') {
      void this.esql?.rows(0, Number.MAX_SAFE_INTEGER, this.staged, this.latest).then(({ rows }) => {
        const wanted = new Set(keys);
        this.post({ type: 'updateRows', rows: rows.filter((row) => wanted.has(row.key)) });
        this.postStage();
      }, (error: unknown) => this.post({ type: 'notice', text: describeError(vscode.l10n.t('Running the ES|QL query'), error) }));
      return;
    }
    const paths = new Set(this.columns.map((column) => column.path));
    const rows = [...new Set(keys)].map((key) => this.sourceOf(key)).filter((s): s is RowSource => s !== undefined).map((source) => rowView(source, paths, this.staged));
    if (rows.length > 0) this.post({ type: 'updateRows', rows });
    this.postStage();
  }

  /** The source a row shows: staged, newer than its page, or as its page read it. */
  sourceOf(key: string): RowSource | undefined {
    const staged = this.staged.row(key)?.source;
    if (staged) return staged;
    const latest = this.latest.get(key);
    for (const hit of this.pager?.keptHits() ?? []) {
      const source = sourceOfHit(hit);
      if (source?.key === key) return newerSource(latest, source);
    }
    return latest;
  }

  private async getEsqlRows(request: number, start: number, end: number): Promise<void> {
    const listing = (this.esql ??= new EsqlListing(this.deps.gateway, this.filter));
    const first = listing.columns === undefined;
    try {
      const { rows, count } = await listing.rows(start, end, this.staged, this.latest);
      if (listing !== this.esql) return;
      if (first) this.post({ type: 'setup', setup: this.setup() });
      this.post({ type: 'rows', request, start, rows, lastRow: count, total: count, totalRelation: 'eq' });
    } catch (error) {
      this.post({ type: 'rowsFailed', request, message: describeError(vscode.l10n.t('Running the ES|QL query'), error) });
    }
  }

  override dispose(): void {
    void this.pager?.close();
    super.dispose();
  }

  private postStage(): void {
    this.post({ type: 'staged', summary: this.staged.summary() });
    this.postState();
  }

  private post(message: HostMessage): void {
    this.posted.fire(message);
  }

  /** A new listing (filter or sort): the pages read are dropped; `reload` tells the grid to ask again. */
  private async restart(reload = true): Promise<void> {
    await this.pager?.close();
    this.pager = undefined;
    this.esql = undefined;
    // `latest` stays: a new point in time may not see a save yet (without a refresh), and a row
    // shows the later of what it read and what the save left.
    if (reload) this.post({ type: 'reload' });
  }

  private postState(): void {
    this.post({ type: 'state', state: this.viewState() });
  }

  private pagerNow(): TablePager | string {
    if (this.pager) return this.pager;
    const query = queryOf(this.filter);
    if (!query.ok) return query.reason;
    const columns = this.columns;
    const sort = this.sort;
    this.pager = new TablePager(this.deps.gateway, this.target.index, PAGE_ROWS, { query: query.query, sort: (tiebreaker) => sortOf(sort, columns, tiebreaker) });
    return this.pager;
  }

  private async getRows(request: number, start: number, end: number): Promise<void> {
    if (this.filterKind === 'esql') return this.getEsqlRows(request, start, end);
    const pager = this.pagerNow();
    if (typeof pager === 'string') return this.post({ type: 'rowsFailed', request, message: pager });
    try {
      const first = Math.floor(start / pager.pageSize);
      const last = Math.floor((Math.max(end, start + 1) - 1) / pager.pageSize);
      const hits = [];
      for (let p = first; p <= last; p++) hits.push(...(await pager.page(p)));
      if (pager !== this.pager) return;
      const paths = new Set(this.columns.map((column) => column.path));
      const before = this.found.size;
      const skip = start - first * pager.pageSize;
      const rows = hits.slice(skip, skip + (end - start)).map((hit) => {
        const source = sourceOfHit(hit);
        if (source === undefined) throw new Error(vscode.l10n.t('a document came without its _source (the index may not keep it) or its version: a table shows and edits sources'));
        return rowView(this.staged.row(source.key)?.source ?? newerSource(this.latest.get(source.key), source), paths, this.staged, this.found);
      });
      if (this.found.size > before) {
        this.columns = tableColumns(this.deps.mapping, [...this.found], this.deps.idSortable === true);
        this.post({ type: 'setup', setup: this.setup() });
      }
      const total = pager.total;
      // An exact total of the point in time is the number of rows: the grid's scrollbar spans them all at once.
      const lastRow = pager.rowCount ?? (total?.relation === 'eq' ? total.value : undefined);
      this.post({ type: 'rows', request, start, rows, ...(lastRow === undefined ? {} : { lastRow }), ...(total ? { total: total.value, totalRelation: total.relation } : {}) });
    } catch (error) {
      this.post({ type: 'rowsFailed', request, message: describeError(vscode.l10n.t('Reading the documents of {0}', this.target.index), error) });
    }
  }
}
