import * as vscode from 'vscode';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { DocumentStore } from '../cluster/documentStore';
import { engineFeatures } from '../cluster/model/clusterEngine';
import type { MappingCache } from '../mapping/mappingCache';
import { Disposable } from '../platform/model/disposable';
import type { RefreshPolicy } from '../platform/model/settingValues';
import { esqlSource } from './model/esqlAnswer';
import type { TableCommand, TableViewState } from './model/tableProtocol';
import { TableActions } from './tableActions';
import { TableDiffs } from './tableDiffs';
import { TABLE_VIEW_TYPE, TablePanel, tableStateOf } from './tablePanel';
import { TableSession, type TableTarget } from './tableSession';

export interface TableFeatureDeps {
  readonly gateway: (connectionId: string) => ClusterGateway;
  readonly store: DocumentStore;
  readonly mappings: MappingCache;
  readonly refresh: () => RefreshPolicy;
  readonly extensionUri: vscode.Uri;
  /** Whether the connection still exists (a revived table of a removed connection closes). */
  readonly hasConnection: (connectionId: string) => boolean;
  readonly report: (error: unknown) => void;
  /** Where the columns chosen for each index are kept (the workspace's state). */
  readonly memento: vscode.Memento;
}

/** What `esdocs.openTable` takes from a caller: an index (and its filter), or an ES|QL query. */
export type OpenTableRequest =
  | { readonly connectionId: string; readonly index: string; readonly filter?: string }
  | { readonly connectionId: string; readonly esql: string };

/** What `esdocs.tableAction` takes: the table (the active one when left out), the action, the rows. */
export interface TableActionRequest {
  readonly table?: number;
  readonly command: TableCommand;
  readonly keys?: readonly string[];
  /** Sent by the table's own page, whose messages already run one after another. */
  readonly inTurn?: boolean;
}

/**
 * Documents as a table: **Open as Table** opens an index (its filter applied) in an editor tab;
 * the tab survives a reload of the window (its filter, sort, columns and staged edits are the
 * page's state); closing one with staged edits asks first what to do with them.
 */
export class TableFeature extends Disposable {
  private readonly panels = new Map<number, TablePanel>();
  private nextId = 1;
  private disposing = false;
  private readonly diffs: TableDiffs;
  readonly actions: TableActions;

  constructor(private readonly deps: TableFeatureDeps) {
    super();
    this.diffs = this.register(new TableDiffs((id) => this.panels.get(id)?.session));
    this.actions = new TableActions(this.diffs);
    this.register(vscode.window.registerWebviewPanelSerializer(TABLE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const restored = tableStateOf(state);
        if (restored === undefined || !deps.hasConnection(restored.connectionId)) {
          panel.dispose();
          return;
        }
        await this.show(panel, restored, restored);
      },
    }));
  }

  /**
   * Opens a table: of an index, with `filter` a query string or a JSON query; or of an ES|QL
   * query (`esql`), whose first source names the index. Returns its panel.
   */
  async open(request: OpenTableRequest): Promise<TablePanel | undefined> {
    const index = 'esql' in request ? esqlSource(request.esql) : request.index;
    if (index === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('An ES|QL query for a table starts with FROM and an index.'));
      return undefined;
    }
    const state: Partial<TableViewState> = 'esql' in request ? { filter: request.esql, filterKind: 'esql' } : { filter: request.filter ?? '' };
    const panel = vscode.window.createWebviewPanel(TABLE_VIEW_TYPE, index, vscode.ViewColumn.Active, { retainContextWhenHidden: false, enableFindWidget: true });
    return this.show(panel, { connectionId: request.connectionId, index }, state);
  }

  /** Runs a table's action: from its page's buttons, a keybinding (the active table) or a caller. */
  async run(request: TableActionRequest): Promise<unknown> {
    const panel = request.table !== undefined ? this.panels.get(request.table) : [...this.panels.values()].find((each) => each.panel.active);
    if (panel === undefined) return undefined;
    const run = (): Promise<unknown> => this.actions.run(panel.session, request.command, request.keys ?? []);
    // A keybinding or another caller waits for the page's messages before it, as the page's buttons do.
    return request.inTurn === true ? run() : panel.inTurn(run);
  }

  private async show(panel: vscode.WebviewPanel, target: TableTarget, state: Partial<TableViewState>): Promise<TablePanel> {
    const gateway = this.deps.gateway(target.connectionId);
    const mapping = await this.deps.mappings.get({ connectionId: target.connectionId, index: target.index });
    // What the engine's version has: ES|QL from Elasticsearch 8.11; a sort on _id before Elasticsearch 8 (and in OpenSearch).
    const identity = await gateway.cluster().catch(() => undefined);
    const features = identity === undefined ? undefined : engineFeatures(identity);
    const esql = features?.esql === true;
    const idSortable = features?.idSort === true;
    const id = this.nextId++;
    const columnsKey = `esdocs.table.columns/${JSON.stringify([target.connectionId, target.index])}`;
    const kept = this.deps.memento.get<string[]>(columnsKey);
    const session = new TableSession(id, { connectionId: target.connectionId, index: target.index }, {
      gateway, store: this.deps.store, refresh: this.deps.refresh, mapping: mapping?.model, esql, idSortable,
      ...(Array.isArray(kept) ? { columnsKept: kept } : {}),
      keepColumns: (shown) => void this.deps.memento.update(columnsKey, shown),
    }, state);
    const table = new TablePanel(panel, session, this.deps.extensionUri, this.deps.report);
    this.panels.set(id, table);
    table.onDidClose(() => {
      this.panels.delete(id);
      if (session.staged.size > 0 && !this.disposing) void this.closedWithEdits(target, session.viewState());
    });
    return table;
  }

  /** A webview cannot refuse to close; its staged edits are kept and offered back instead. */
  private async closedWithEdits(target: TableTarget, state: TableViewState): Promise<void> {
    const count = Array.isArray(state.staged) ? state.staged.length : 0;
    const reopen = vscode.l10n.t('Reopen with Edits');
    const discard = vscode.l10n.t('Discard Edits');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The table of {0} was closed with {1} documents edited and not saved.', target.index, count),
      { modal: true, detail: vscode.l10n.t('Nothing was sent. Reopen the table to review and save them, or discard them.') },
      reopen,
      discard,
    );
    if (choice === discard) return;
    const panel = vscode.window.createWebviewPanel(TABLE_VIEW_TYPE, `● ${target.index}`, vscode.ViewColumn.Active, { enableFindWidget: true });
    await this.show(panel, target, state);
  }

  override dispose(): void {
    // The panels stay: VS Code keeps their pages' state and revives them after a reload.
    this.disposing = true;
    super.dispose();
  }
}
