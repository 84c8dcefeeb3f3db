/**
 * The one message protocol between a table's host side and its webview: both import this file.
 * The webview renders and asks; the host reads, stages, checks and writes. Nothing here imports
 * `vscode` or anything of Node: the webview bundle includes it.
 */

/** The id column's path. */
export const ID_PATH = '_id';

/** Rows per page: the block the grid asks for, and the page the host reads with one search. */
export const PAGE_ROWS = 100;

/** A value longer than this is edited in the document editor, not in its cell. */
export const LONG_VALUE = 200;

export type CellKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'missing';

export interface CellView {
  readonly kind: CellKind;
  /** A string's characters; the exact JSON text of anything else; '' when missing. */
  readonly text: string;
  /** The cell holds a staged value. */
  readonly edited?: boolean;
}

/**
 * Whether a cell is edited in place: scalars of reasonable length on one line; objects, arrays,
 * long values and strings with a line break (a one-line input would drop it) open the document instead.
 */
export function editsInPlace(cell: CellView): boolean {
  return cell.kind !== 'object' && cell.kind !== 'array' && cell.text.length <= LONG_VALUE && !/[\r\n]/.test(cell.text);
}

export type RowState = 'clean' | 'edited' | 'conflict' | 'failed';

export interface RowView {
  /** Identifies the document in the table: index, id and routing. */
  readonly key: string;
  readonly id: string;
  readonly index: string;
  readonly cells: Readonly<Record<string, CellView>>;
  readonly state: RowState;
  /** The version the row shows (`primary term:seq_no`), when it was read with one. */
  readonly version?: string;
  /** Why the row is in conflict or failed, in human words. */
  readonly message?: string;
}

export interface ColumnView {
  /** The flat field path; `_id` for the id column. */
  readonly path: string;
  /** The mapped type, or undefined for a field only found in documents. */
  readonly type?: string;
  /** The field the engine sorts by for this column (a text field's keyword sub-field), if any. */
  readonly sortField?: string;
  /** Not a field of the documents' sources (an ES|QL column computed, of a multi-field, or metadata): shown, not edited. */
  readonly readOnly?: boolean;
  /** The header's tooltip: the path, its type, what it sorts by. */
  readonly description: string;
}

export interface SortKey {
  readonly path: string;
  readonly order: 'asc' | 'desc';
}

export type FilterKind = 'query' | 'esql';

export interface TableSetup {
  readonly title: string;
  /** The index (alias, data stream) the table lists: an ES|QL query's first source. */
  readonly index: string;
  readonly columns: readonly ColumnView[];
  /** False on a read-only connection, and for ES|QL rows without `_id` and `_index`. */
  readonly editable: boolean;
  /** Why the table cannot be edited, shown in its bar. */
  readonly readOnlyReason?: string;
  readonly filter: string;
  readonly filterKind: FilterKind;
  /** Whether the connection offers ES|QL (Elasticsearch 8.11 and later). */
  readonly esql: boolean;
  readonly sort: readonly SortKey[];
  /** The columns shown, in order (a column chooser's choice); all when undefined. */
  readonly shown?: readonly string[];
}

export interface StagedSummary {
  /** Documents with staged edits. */
  readonly documents: number;
  readonly conflicts: number;
  readonly failed: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export type TableCommand =
  | 'save'
  | 'review'
  | 'discard'
  | 'undo'
  | 'redo'
  | 'chooseColumns'
  | 'refresh'
  | 'merge'
  | 'compare'
  | 'overwrite'
  | 'discardRows'
  | 'open'
  | 'delete'
  | 'copyNdjson'
  | 'copyCsv'
  | 'copyJson'
  | 'export'
  | 'change';

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'setup'; readonly setup: TableSetup }
  | { readonly type: 'rows'; readonly request: number; readonly start: number; readonly rows: readonly RowView[]; readonly lastRow?: number; readonly total?: number; readonly totalRelation?: 'eq' | 'gte' }
  | { readonly type: 'rowsFailed'; readonly request: number; readonly message: string }
  | { readonly type: 'updateRows'; readonly rows: readonly RowView[] }
  | { readonly type: 'staged'; readonly summary: StagedSummary }
  | { readonly type: 'refused'; readonly key: string; readonly path: string; readonly reason: string }
  | { readonly type: 'reload' }
  | { readonly type: 'notice'; readonly text: string }
  /** What the webview keeps with `setState`, so a reload of the window restores the table. */
  | { readonly type: 'state'; readonly state: TableViewState };

/** Webview → host. */
export type ViewMessage =
  | { readonly type: 'ready' }
  /** Rows `start` to `end` (exclusive) in the order `sort` gives; a new sort starts a new listing. */
  | { readonly type: 'getRows'; readonly request: number; readonly start: number; readonly end: number; readonly sort: readonly SortKey[] }
  | { readonly type: 'filter'; readonly text: string; readonly kind: FilterKind }
  /** A cell's typed text; `version` is the row's as the grid shows it. */
  | { readonly type: 'edit'; readonly key: string; readonly path: string; readonly text: string; readonly version?: string }
  | { readonly type: 'openCell'; readonly key: string; readonly path: string }
  | { readonly type: 'columns'; readonly shown: readonly string[] }
  | { readonly type: 'command'; readonly command: TableCommand; readonly keys?: readonly string[] };

/** The webview's own state, kept by VS Code across a reload of the window (`setState`). */
export interface TableViewState {
  readonly connectionId: string;
  readonly index: string;
  readonly filter: string;
  readonly filterKind: FilterKind;
  readonly sort: readonly SortKey[];
  readonly shown?: readonly string[];
  /** The first row on screen: the page adds it, and scrolls back to it when it is shown again. */
  readonly firstRow?: number;
  /** The staged edits, as `StagedEdits.snapshot()` wrote them. */
  readonly staged?: unknown;
}
