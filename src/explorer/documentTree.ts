import * as vscode from 'vscode';
import { ClusterError, describeFailure } from '../core/clusterErrors';
import type { DocumentAddress } from '../core/documentAddress';
import { describeTarget } from '../core/connectionConfig';
import { tooltipOf } from '../core/documentPreview';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Settings } from '../config/settings';
import type { DocumentStore } from '../elastic/documentStore';
import type { GatewayPool } from '../elastic/gatewayPool';
import { listAliases, listDataStreams, listIndices } from '../elastic/indexCatalog';
import { CommandIds } from '../commands/commandIds';
import { documentUri } from '../editors/documentUris';
import type { IndexListings } from './indexListings';
import type { ConnectionNode, DataStreamNode, DocumentNode, IndexNode, TreeNode } from './treeNodes';
import { indexKey } from './treeNodes';

/** Connections → indices → documents, with "Load more" and failures shown in place. */
export class DocumentTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly gateways: GatewayPool,
    private readonly listings: IndexListings,
    private readonly documents: DocumentStore,
    private readonly settings: Settings,
  ) {}

  /** Lists `node`'s children again from the cluster (all of the tree without a node). */
  reload(node?: TreeNode): void {
    if (node?.kind === 'index') this.listings.reset(node);
    if (node?.kind === 'connection') this.listings.resetConnection(node.connection.id);
    if (node === undefined) this.listings.dispose();
    this.changed.fire(node);
  }

  /** Drops a deleted document from the listings and the view. */
  forgetDocument(address: DocumentAddress): void {
    if (this.listings.forget(address)) this.changed.fire(undefined);
  }

  /**
   * Shows `node`'s children as they are now listed. VS Code knows tree elements by identity, so
   * a node built by a palette picker redraws the whole tree.
   */
  redraw(node?: TreeNode, fromTree = true): void {
    this.changed.fire(fromTree ? node : undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) return this.connections.list().map((connection): ConnectionNode => ({ kind: 'connection', connection }));
    try {
      if (node.kind === 'connection') return await this.connectionChildren(node);
      if (node.kind === 'dataStream') {
        return node.stream.backingIndices.map(
          (name): IndexNode => ({ kind: 'index', connectionId: node.connectionId, index: { name, kind: 'backing', health: '', docsCount: undefined, hidden: true } }),
        );
      }
      if (node.kind === 'index') {
        const { documents, more } = await this.listings.documents(node);
        return more ? [...documents, { kind: 'loadMore', parent: node }] : [...documents];
      }
    } catch (error) {
      if (node.kind !== 'connection' && node.kind !== 'index' && node.kind !== 'dataStream') throw error;
      const failure = error instanceof ClusterError ? describeFailure('Listing', error.failure) : String(error instanceof Error ? error.message : error);
      return [{ kind: 'failure', message: failure, parent: node }];
    }
    return [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const item = new vscode.TreeItem(node.connection.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `connection:${node.connection.id}`;
        item.description = describeTarget(node.connection);
        const insecure = node.connection.tls.insecure === true;
        item.iconPath = insecure ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('server');
        item.tooltip = insecure ? 'The certificate of this cluster is not verified.' : undefined;
        item.contextValue = `connection-${node.connection.origin}`;
        return item;
      }
      case 'index':
        return this.indexItem(node);
      case 'dataStream': {
        const item = new vscode.TreeItem(node.stream.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `dataStream:${node.connectionId}\u0000${node.stream.name}`;
        item.description = `data stream · ${node.stream.backingIndices.length} backing`;
        item.iconPath = new vscode.ThemeIcon('layers');
        item.tooltip = 'A data stream accepts only new documents; edits go to the backing index a document lives in.';
        item.contextValue = 'dataStream';
        return item;
      }
      case 'document':
        return documentItem(node);
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: CommandIds.loadMore, title: 'Load More', arguments: [node.parent] };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'failure': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = `${node.message}\n\nClick to retry.`;
        item.command = { command: CommandIds.refresh, title: 'Retry', arguments: [node.parent] };
        item.contextValue = 'failure';
        return item;
      }
    }
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'document') return item;
    try {
      const result = await this.documents.get(node.address);
      if (result.found) item.tooltip = new vscode.MarkdownString().appendCodeblock(tooltipOf(result.sourceText), 'json');
    } catch {
      // The tooltip stays plain; opening the document reports the problem.
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'loadMore') return node.parent;
    if (node.kind === 'failure') return node.parent;
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Indices, then aliases and data streams; a cluster without the latter two still lists its indices. */
  private async connectionChildren(node: ConnectionNode): Promise<TreeNode[]> {
    const gateway = this.gateways.get(node.connection.id);
    const showHidden = this.settings.showHiddenIndices;
    const [indices, aliases, streams] = await Promise.all([
      listIndices(gateway, showHidden),
      listAliases(gateway, showHidden).catch(() => []),
      listDataStreams(gateway).catch(() => []),
    ]);
    const connectionId = node.connection.id;
    return [
      ...indices.map((index): IndexNode => ({ kind: 'index', connectionId, index })),
      ...aliases.map((alias): IndexNode => ({ kind: 'index', connectionId, index: { name: alias.name, kind: 'alias', health: '', docsCount: undefined, hidden: false, targets: alias.indices } })),
      ...streams.map((stream): DataStreamNode => ({ kind: 'dataStream', connectionId, stream })),
    ];
  }

  private indexItem(node: IndexNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.index.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `index:${indexKey(node)}`;
    const filter = this.listings.filterOf(node);
    const count = node.index.docsCount === undefined ? '' : `${node.index.docsCount} docs`;
    const kind = node.index.kind === 'alias' ? `alias → ${(node.index.targets ?? []).join(', ')}` : node.index.kind === 'backing' ? 'backing index' : '';
    item.description = [kind, count, node.index.health, filter ? `filter: ${filter}` : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(filter ? 'filter' : node.index.kind === 'alias' ? 'link' : 'database');
    item.contextValue = filter ? 'index-filtered' : 'index';
    return item;
  }
}

function documentItem(node: DocumentNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.address.id, vscode.TreeItemCollapsibleState.None);
  const { connectionId, index, id, routing } = node.address;
  item.id = `document:${JSON.stringify([connectionId, index, id, routing ?? null])}`;
  item.description = node.preview;
  item.iconPath = new vscode.ThemeIcon('json');
  item.resourceUri = documentUri(node.address);
  item.contextValue = 'document';
  item.command = { command: 'vscode.open', title: 'Open Document', arguments: [item.resourceUri] };
  return item;
}
