import * as vscode from 'vscode';
import { describeSort, type ListingSort, type SortableField } from '../cluster/model/listingSort';
import { engineFeatures } from '../cluster/model/clusterEngine';
import type { Settings } from '../platform/settings';
import type { GatewayPool } from '../cluster/gatewayPool';
import { listSortableFields } from '../cluster/indexMappings';
import type { DocumentTree } from '../explorer/documentTree';
import type { IndexListings } from '../explorer/indexListings';
import type { DocumentNode, IndexNode, TreeNode } from '../explorer/treeNodes';
import { CommandIds } from '../platform/model/commandIds';
import type { Pickers } from './pickers';

export class ExplorerCommands {
  constructor(
    private readonly tree: DocumentTree,
    private readonly listings: IndexListings,
    private readonly settings: Settings,
    private readonly pickers: Pickers,
    private readonly gateways: GatewayPool,
    /** The rows selected in the view: keybindings run their commands without an argument. */
    private readonly selection: () => readonly TreeNode[],
  ) {}

  /** A row's own Refresh (inline, context menu): that row; without a row, the whole view. */
  refresh(node?: TreeNode): void {
    this.tree.reload(node);
  }

  /** The view's Refresh (title bar, F5): the whole tree, counts included, whatever row has focus. */
  refreshView(): void {
    this.tree.reload();
  }

  /** The view follows the setting's change event (see extension.ts). */
  async setShowHidden(show: boolean): Promise<void> {
    await this.settings.setShowHiddenIndices(show);
  }

  /**
   * The index an export or import acts on: the row's (with its filter, for a read), else one
   * picked; `forImport`: a name no index has may be typed, for the import to create it.
   */
  async transferTarget(node?: TreeNode, withFilter = true, forImport = false): Promise<{ connectionId: string; index: string; queryString?: string } | undefined> {
    // A data stream is read by its name; its documents are written to their backing indices.
    if (node?.kind === 'dataStream') return { connectionId: node.connectionId, index: node.stream.name };
    const connection = node?.kind === 'connection' ? node : undefined;
    const target = node?.kind === 'index' ? node : forImport ? await this.pickers.index(connection, undefined, true) : await this.pickers.index(connection);
    if (target === undefined) return undefined;
    if (target.kind === 'newIndex') return { connectionId: target.connectionId, index: target.name };
    const filter = withFilter ? this.listings.filterOf(target) : undefined;
    return { connectionId: target.connectionId, index: target.index.name, ...(filter ? { queryString: filter } : {}) };
  }

  /** `query` may be given by a caller (a keybinding's args); otherwise the user is asked. */
  async filterDocuments(node?: IndexNode, query?: string): Promise<void> {
    const target = node ?? (await this.pickers.index());
    if (target === undefined) return;
    const filter = query ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Documents of {0}', target.index.name),
      prompt: vscode.l10n.t('A query string in Lucene syntax, e.g. genre:Sci-Fi AND year:[2000 TO *]; empty to show all'),
      value: this.listings.filterOf(target) ?? '',
      ignoreFocusOut: true,
    });
    if (filter === undefined) return;
    this.listings.setFilter(target, filter.trim() || undefined);
    await this.showFirstPage(target);
  }

  async clearFilter(node?: IndexNode): Promise<void> {
    const target = node ?? (await this.pickers.index());
    if (target === undefined) return;
    this.listings.setFilter(target, undefined);
    await this.showFirstPage(target);
  }

  /**
   * Lists an index by a field of its mapping, or in storage order. `sort` may be given by a
   * caller; `null` means storage order. Otherwise the user picks the field, then the direction.
   */
  async sortDocuments(node?: IndexNode, sort?: ListingSort | null): Promise<void> {
    const target = node ?? (await this.pickers.index());
    if (target === undefined) return;
    const chosen = sort === undefined ? await this.askSort(target) : { sort: sort ?? undefined };
    if (chosen === undefined) return;
    this.listings.setSort(target, chosen.sort);
    await this.showFirstPage(target);
  }

  /** One request per page; a second click while a page loads waits for that page (see IndexListings.loadMore). */
  async loadMore(node: IndexNode): Promise<void> {
    // A failure reaches the commands' error handler, which words and redacts it.
    try {
      await this.listings.loadMore(node);
    } finally {
      this.tree.redraw(node);
    }
  }

  async copyId(node?: DocumentNode): Promise<void> {
    const target = node ?? this.selectedDocument();
    if (target === undefined) return;
    await vscode.env.clipboard.writeText(target.address.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the _id {0}', target.address.id), 3000);
  }

  /** Delete (the key) on the view: the selected document, through Delete Document and its confirmation. */
  async deleteSelected(): Promise<unknown> {
    const target = this.selectedDocument();
    return target && vscode.commands.executeCommand(CommandIds.deleteDocument, target);
  }

  private selectedDocument(): DocumentNode | undefined {
    const selected = this.selection();
    return selected.length === 1 && selected[0].kind === 'document' ? selected[0] : undefined;
  }

  /** Reads the new listing's first page, which brings its count, then redraws the index's row. */
  private async showFirstPage(target: IndexNode): Promise<void> {
    // A failure shows in the tree, where the listing is retried.
    await this.listings.documents(target).catch(() => undefined);
    this.tree.redraw(target);
  }

  private async askSort(target: IndexNode): Promise<{ sort: ListingSort | undefined } | undefined> {
    const gateway = this.gateways.get(target.connectionId);
    // A failure reaches the commands' error handler, which words and redacts it.
    const [fields, cluster] = await Promise.all([listSortableFields(gateway, target.index.name), gateway.cluster()]);
    const idSortable = engineFeatures(cluster).idSort;
    const current = this.listings.sortOf(target);
    type FieldItem = vscode.QuickPickItem & { field?: SortableField };
    const items: FieldItem[] = [
      { label: vscode.l10n.t('Storage order'), description: vscode.l10n.t('as stored, the cheapest') },
      ...(idSortable ? [{ label: '_id', field: { field: '_id', type: 'keyword' } }] : []),
      ...fields.map((field) => ({ label: field.field, description: field.type, field })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Sort Documents of {0}', target.index.name),
      placeHolder: current ? vscode.l10n.t('Now sorted by {0}', describeSort(current)) : vscode.l10n.t('Now in storage order'),
      ignoreFocusOut: true,
    });
    if (picked === undefined) return undefined;
    if (picked.field === undefined) return { sort: undefined };
    const order = await vscode.window.showQuickPick(
      [{ label: vscode.l10n.t('Ascending'), order: 'asc' as const }, { label: vscode.l10n.t('Descending'), order: 'desc' as const }],
      { title: vscode.l10n.t('Sort by {0}', picked.field.field), ignoreFocusOut: true },
    );
    return order && { sort: { field: picked.field.field, order: order.order, ...(picked.field.field === '_id' ? {} : { type: picked.field.type }) } };
  }
}
