import {
  CellStyleModule, ColumnAutoSizeModule, createGrid, InfiniteRowModelModule, ModuleRegistry, RenderApiModule, RowApiModule, RowSelectionModule, RowStyleModule, ScrollApiModule,
  TextEditorModule, themeQuartz, TooltipModule, type ColDef, type GridApi, type IDatasource, type IGetRowsParams, type SortModelItem,
} from 'ag-grid-community';
import { editsInPlace, PAGE_ROWS, type CellView, type ColumnView, type RowView, type SortKey, type TableSetup } from '../model/tableProtocol';

ModuleRegistry.registerModules([ColumnAutoSizeModule, InfiniteRowModelModule, TextEditorModule, RowSelectionModule, RowStyleModule, CellStyleModule, TooltipModule, RowApiModule, ScrollApiModule, RenderApiModule]);

/** Blocks the grid keeps: what the webview holds whatever was scrolled through. */
const BLOCKS_KEPT = 8;

/** The widest a column is sized to its values (wider values are cut, and their tooltip shows them). */
const WIDEST_FITTED = 360;

/** How many animation frames the sizing waits for the first rows to be drawn. */
const FRAMES_TO_DRAW = 30;

export interface GridCallbacks {
  /** The grid needs rows `start`…`end` in this order; answer through `GridView.answer`. */
  getRows(request: number, start: number, end: number, sort: readonly SortKey[]): void;
  edit(key: string, path: string, text: string, version: string | undefined): void;
  openCell(key: string, path: string): void;
  selectionChanged(keys: string[]): void;
  /** The user dragged a column elsewhere: the columns shown, in their new order. */
  columnsMoved(shown: string[]): void;
  viewportChanged(first: number, last: number): void;
}

/** VS Code's theme on AG Grid's own theme: its colours and fonts, by CSS variable. */
const theme = themeQuartz.withParams({
  backgroundColor: 'var(--vscode-editor-background)',
  foregroundColor: 'var(--vscode-editor-foreground)',
  headerBackgroundColor: 'var(--vscode-editorGroupHeader-tabsBackground)',
  headerTextColor: 'var(--vscode-foreground)',
  borderColor: 'var(--vscode-editorWidget-border, var(--vscode-panel-border))',
  accentColor: 'var(--vscode-focusBorder)',
  selectedRowBackgroundColor: 'var(--vscode-list-inactiveSelectionBackground)',
  rowHoverColor: 'var(--vscode-list-hoverBackground)',
  fontFamily: 'var(--vscode-editor-font-family)',
  fontSize: 'var(--vscode-editor-font-size)',
  headerFontFamily: 'var(--vscode-font-family)',
  spacing: 4,
  wrapperBorderRadius: 0,
  borderRadius: 2,
  inputBackgroundColor: 'var(--vscode-input-background)',
  inputTextColor: 'var(--vscode-input-foreground)',
});

const STATE_COLUMN = '\u0000state';

/**
 * The grid: AG Grid's infinite row model over the host's pages (it keeps a few blocks, asks for
 * more as the user scrolls), its ARIA grid roles and keyboard navigation, its cell editor. A cell's
 * typed value never changes the row here: it goes to the host, which stages it and sends the row
 * back as it now is.
 */
export class GridView {
  private readonly api: GridApi<RowView>;
  private readonly pending = new Map<number, IGetRowsParams>();
  private requests = 0;
  private editable = false;
  /** The columns last sized to their values: a new set of columns is sized again at its first rows. */
  private sizedFor: string | undefined;
  private columnSet = '';
  /** The cell whose last typed value was refused, with the reason: marked until it is edited again or the row changes. */
  private refusal: { key: string; path: string; reason: string } | undefined;
  /** The row to scroll back to once the grid has that many rows (0: none). */
  private scrollingBackTo = 0;

  constructor(private readonly element: HTMLElement, nonce: string, private readonly callbacks: GridCallbacks) {
    const datasource: IDatasource = {
      getRows: (params) => {
        const request = ++this.requests;
        this.pending.set(request, params);
        callbacks.getRows(request, params.startRow, params.endRow, params.sortModel.map((item: SortModelItem) => ({ path: item.colId, order: item.sort })));
      },
    };
    this.api = createGrid<RowView>(element, {
      theme,
      styleNonce: nonce,
      rowModelType: 'infinite',
      cacheBlockSize: PAGE_ROWS,
      maxBlocksInCache: BLOCKS_KEPT,
      infiniteInitialRowCount: 1,
      datasource,
      getRowId: (params) => params.data.key,
      rowSelection: { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true },
      singleClickEdit: false,
      stopEditingWhenCellsLoseFocus: true,
      enterNavigatesVerticallyAfterEdit: false,
      tooltipShowDelay: 300,
      columnDefs: [],
      rowClassRules: {
        'row-edited': (params) => params.data?.state === 'edited',
        'row-conflict': (params) => params.data?.state === 'conflict',
        'row-failed': (params) => params.data?.state === 'failed',
      },
      onSelectionChanged: () => callbacks.selectionChanged(this.selectedKeys()),
      onColumnMoved: (event) => {
        if (event.finished && event.source === 'uiColumnMoved') callbacks.columnsMoved(this.api.getColumnState().map((column) => column.colId).filter((id) => id !== STATE_COLUMN));
      },
      onBodyScrollEnd: () => this.reportViewport(),
      onViewportChanged: () => this.reportViewport(),
      onModelUpdated: () => this.scrollBack(),
      onCellKeyDown: (event) => {
        if (!('colDef' in event)) return;
        const key = (event.event as KeyboardEvent | undefined)?.key;
        const path = event.colDef.colId;
        if (key === 'Enter' && event.data && path && !this.inPlace(event.data, path)) callbacks.openCell(event.data.key, path);
      },
      onCellDoubleClicked: (event) => {
        const path = event.colDef.colId;
        if (event.data && path && !this.inPlace(event.data, path)) callbacks.openCell(event.data.key, path);
      },
    });
  }

  setColumns(setup: TableSetup): void {
    this.editable = setup.editable;
    const order = setup.shown ? setup.shown : setup.columns.map((column) => column.path);
    const byPath = new Map(setup.columns.map((column) => [column.path, column]));
    const shown = order.map((path) => byPath.get(path)).filter((column): column is ColumnView => column !== undefined);
    this.columnSet = shown.map((column) => column.path).join('\n');
    const sortOf = new Map(setup.sort.map((key, i) => [key.path, { sort: key.order, sortIndex: i }]));
    const stateColumn: ColDef<RowView> = {
      colId: STATE_COLUMN,
      headerName: '',
      width: 86,
      pinned: 'left',
      sortable: false,
      editable: false,
      suppressAutoSize: true,
      valueGetter: (params) => (params.data && params.data.state !== 'clean' ? params.data.state : ''),
      tooltipValueGetter: (params) => params.data?.message,
      cellClass: 'state-cell',
    };
    this.api.setGridOption('columnDefs', [stateColumn, ...shown.map((column): ColDef<RowView> => ({
      colId: column.path,
      headerName: column.path,
      headerTooltip: column.description,
      sortable: column.sortField !== undefined,
      ...(sortOf.has(column.path) ? sortOf.get(column.path) : {}),
      pinned: column.path === '_id' ? 'left' : undefined,
      editable: (params) => this.editable && column.path !== '_id' && column.readOnly !== true && params.data !== undefined && this.inPlace(params.data, column.path),
      valueGetter: (params) => cellAt(params.data, column.path).text,
      valueSetter: (params) => {
        if (params.data) this.callbacks.edit(params.data.key, column.path, String(params.newValue ?? ''), params.data.version);
        return false;
      },
      tooltipValueGetter: (params) => this.refusedAt(params.data, column.path) ?? tooltipOf(cellAt(params.data, column.path)),
      cellClassRules: {
        'cell-refused': (params) => this.refusedAt(params.data, column.path) !== undefined,
        'cell-edited': (params) => cellAt(params.data, column.path).edited === true,
        'cell-missing': (params) => cellAt(params.data, column.path).kind === 'missing',
        'cell-null': (params) => cellAt(params.data, column.path).kind === 'null',
        'cell-json': (params) => ['object', 'array'].includes(cellAt(params.data, column.path).kind),
        'cell-number': (params) => cellAt(params.data, column.path).kind === 'number',
      },
    }))]);
  }

  /** The host's answer to a request for rows. */
  answer(request: number, rows: readonly RowView[], lastRow: number | undefined): void {
    const params = this.pending.get(request);
    this.pending.delete(request);
    params?.successCallback([...rows], lastRow ?? -1);
    if (rows.length > 0 && this.sizedFor !== this.columnSet) {
      this.sizedFor = this.columnSet;
      // Once the rows are drawn: the sizes are measured from the cells on screen.
      this.fitColumns(FRAMES_TO_DRAW);
    }
  }

  /** Each column as wide as its header and the values on screen, up to a bound, once the grid has drawn rows. */
  private fitColumns(frames: number): void {
    const drawn = this.api.getRenderedNodes().some((node) => node.data !== undefined);
    if (!drawn) {
      // The grid draws the rows it was given in a later animation frame.
      if (frames > 0) requestAnimationFrame(() => this.fitColumns(frames - 1));
      return;
    }
    this.api.autoSizeAllColumns({ defaultMinWidth: 60, defaultMaxWidth: WIDEST_FITTED });
  }

  fail(request: number): void {
    this.pending.get(request)?.failCallback();
    this.pending.delete(request);
  }

  /** Rows the host changed (a stage, an undo, a save): shown as they now are, where loaded. */
  update(rows: readonly RowView[]): void {
    for (const row of rows) {
      if (row.key === this.refusal?.key) this.refusal = undefined;
      this.api.getRowNode(row.key)?.setData(row);
    }
  }

  /** The host refused the value typed into a cell: the cell is marked, and its tooltip says why. */
  refused(key: string, path: string, reason: string): void {
    const before = this.refusal;
    this.refusal = { key, path, reason };
    this.redrawCells([before, this.refusal]);
  }

  private refusedAt(row: RowView | undefined, path: string): string | undefined {
    return row !== undefined && this.refusal?.key === row.key && this.refusal.path === path ? this.refusal.reason : undefined;
  }

  private redrawCells(cells: readonly ({ key: string; path: string } | undefined)[]): void {
    for (const cell of cells) {
      const node = cell === undefined ? undefined : this.api.getRowNode(cell.key);
      if (node) this.api.refreshCells({ rowNodes: [node], columns: [cell!.path], force: true });
    }
  }

  reload(): void {
    this.pending.clear();
    this.refusal = undefined;
    this.scrollingBackTo = 0;
    // The rows selected were of the listing before: a new listing starts with none.
    this.api.deselectAll();
    this.api.purgeInfiniteCache();
  }

  selectedKeys(): string[] {
    return this.api.getSelectedNodes().map((node) => node.data?.key).filter((key): key is string => key !== undefined);
  }

  /** Selects the rows on screen (Ctrl+A): the rows of an infinite model are only those loaded. */
  selectInView(): void {
    const { first, last } = this.rowsOnScreen();
    for (let i = first; i <= last; i++) {
      const node = this.api.getDisplayedRowAtIndex(i);
      if (node?.data) node.setSelected(true);
    }
  }

  /**
   * Scrolls so that `row` is the first on screen once the grid knows that many rows (the grid
   * asks for its page if it has not got it); a new listing before that cancels it.
   */
  scrollToRow(row: number): void {
    this.scrollingBackTo = row;
    this.scrollBack();
  }

  private scrollBack(): void {
    if (this.scrollingBackTo === 0) return;
    if (this.api.getDisplayedRowCount() <= this.scrollingBackTo) {
      // The listing has fewer rows now than it had: it stays at its start rather than jump later.
      if (this.api.isLastRowIndexKnown() === true) this.scrollingBackTo = 0;
      return;
    }
    const row = this.scrollingBackTo;
    this.scrollingBackTo = 0;
    this.api.ensureIndexVisible(row, 'top');
  }

  /**
   * The rows on screen, wholly or in part. The grid draws a few more above and below, out of
   * sight (its row buffer), which its "displayed" rows include: those are neither counted in the
   * status line nor selected by Ctrl+A.
   */
  private rowsOnScreen(): { first: number; last: number } {
    const rows = [...this.element.querySelectorAll<HTMLElement>('[role="row"][row-index]')];
    const screen = rows[0] ? screenOf(rows[0], this.element) : undefined;
    let first = Number.MAX_SAFE_INTEGER;
    let last = -1;
    for (const row of screen ? rows : []) {
      const box = row.getBoundingClientRect();
      if (screen === undefined || box.bottom <= screen.top + 1 || box.top >= screen.bottom - 1) continue;
      const index = Number(row.getAttribute('row-index'));
      first = Math.min(first, index);
      last = Math.max(last, index);
    }
    return last < 0 ? { first: Math.max(0, this.api.getFirstDisplayedRowIndex()), last: this.api.getLastDisplayedRowIndex() } : { first, last };
  }

  isEditing(): boolean {
    return this.api.getEditingCells().length > 0;
  }

  focusFirstCell(): void {
    const first = this.api.getColumns()?.[1];
    if (first) this.api.setFocusedCell(0, first);
  }

  private inPlace(row: RowView, path: string): boolean {
    return editsInPlace(cellAt(row, path));
  }

  private reportViewport(): void {
    const { first, last } = this.rowsOnScreen();
    this.callbacks.viewportChanged(first, last);
  }
}

/**
 * Where rows can be seen: the element whose scrolling moves them (found, not named: the grid's
 * class names change between versions), below the column headers that stay over it.
 */
function screenOf(row: HTMLElement, grid: HTMLElement): { top: number; bottom: number } | undefined {
  let parent = row.parentElement;
  while (parent && !(parent.scrollHeight > parent.clientHeight && /auto|scroll/.test(getComputedStyle(parent).overflowY))) parent = parent.parentElement;
  if (!parent) return undefined;
  const box = parent.getBoundingClientRect();
  const headers = [...grid.querySelectorAll('[role="columnheader"]')].map((header) => header.getBoundingClientRect().bottom);
  return { top: Math.max(box.top, ...headers), bottom: box.top + parent.clientHeight };
}

function cellAt(row: RowView | undefined, path: string): CellView {
  return row?.cells[path] ?? { kind: 'missing', text: '' };
}

function tooltipOf(cell: CellView): string | undefined {
  if (cell.kind === 'missing') return 'missing';
  if (cell.kind === 'null') return 'null';
  return cell.text.length > 60 ? cell.text.slice(0, 1000) : undefined;
}
