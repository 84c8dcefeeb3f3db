import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { DescribeError } from '../cluster/model/clusterErrors';
import { addressKey, indexKey, type DocumentAddress } from '../cluster/model/documentAddress';
import type { ClusterIdentity } from '../cluster/model/clusterEngine';
import { connectionContextValue, connectionDescription, connectionTooltip, plainHttpRisk } from '../connections/model/connectionDisplay';
import { tooltipOf } from './model/documentPreview';
import { indexDescription, indexTooltip, loadMoreLabel, type IndexFacts } from './model/listingLabels';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Settings } from '../platform/settings';
import type { DocumentStore } from '../cluster/documentStore';
import type { GatewayPool } from '../cluster/gatewayPool';
import { indexByName, listAliases, listDataStreams, listIndices } from '../cluster/indexCatalog';
import { CommandIds } from '../platform/model/commandIds';
import { documentUri } from '../documents/documentUris';
import type { IndexListings } from './indexListings';
import type { ConnectionNode, DataStreamNode, DocumentNode, IndexNode, ListedNode, TreeNode } from './treeNodes';
import { indexNodeKey } from './treeNodes';

/** Connections → indices → documents, with "Load more" and failures shown in place. */
export class DocumentTree extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** The parent of each node the view was given: a row's refresh redraws the row its counts come from. */
  private readonly parents = new WeakMap<TreeNode, TreeNode>();
  /**
   * The index rows the view shows, by `indexKey`. VS Code knows rows by object identity, so a
   * change made from the palette (on a node a picker built) redraws the row shown for that index.
   */
  private readonly shownIndices = new Map<string, IndexNode>();
  private readonly shownConnections = new Map<string, ConnectionNode>();
  /** What each connection's `GET /` said (engine, version), once read: its row shows it. */
  private readonly identities = new Map<string, ClusterIdentity>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly gateways: GatewayPool,
    private readonly listings: IndexListings,
    private readonly documents: DocumentStore,
    private readonly settings: Settings,
    /** Words a failure for its row, redacted: a cluster's answer may echo a secret. */
    private readonly describe: DescribeError,
  ) {
    super();
  }

  /**
   * Lists `node` again from the cluster; all of the tree without a node. An index's count comes
   * with its parent's `_cat/indices`, so reloading an index redraws its parent too.
   */
  reload(node?: TreeNode): void {
    if (node === undefined) {
      this.listings.clear();
      this.changed.fire(undefined);
      return;
    }
    switch (node.kind) {
      case 'connection':
        this.listings.resetConnection(node.connection.id);
        this.fire(node);
        return;
      case 'index': {
        this.listings.reset(node);
        const shown = this.shownIndices.get(indexNodeKey(node)) ?? node;
        const parent = this.parents.get(shown);
        if (parent?.kind === 'connection') this.fire(parent);
        else this.fire(shown);
        return;
      }
      case 'dataStream': {
        for (const backing of backingIndexNodes(node)) this.listings.reset(backing);
        this.fire(this.parents.get(node) ?? node);
        return;
      }
      case 'document': {
        const parent = this.parents.get(node);
        if (parent) this.reload(parent);
        return;
      }
      default:
        this.reload(node.parent);
    }
  }

  /** Drops a deleted document from the listings and counts it off the rows that showed it. */
  forgetDocument(address: DocumentAddress): void {
    for (const key of this.listings.forget(address)) {
      const shown = this.shownIndices.get(key);
      if (shown) this.changed.fire(shown);
    }
  }

  /** Shows `node` as it is now listed; a node a picker built redraws the row shown for it. */
  redraw(node?: TreeNode): void {
    if (node?.kind === 'index') {
      const shown = this.shownIndices.get(indexNodeKey(node));
      if (shown) this.changed.fire(shown);
      return;
    }
    this.fire(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) {
      this.shownIndices.clear();
      this.shownConnections.clear();
      const nodes = this.connections.list().map((connection): ConnectionNode => ({ kind: 'connection', connection }));
      for (const connection of nodes) this.shownConnections.set(connection.connection.id, connection);
      return nodes;
    }
    // Documents, "Load more", failures and notes have no children.
    if (node.kind !== 'connection' && node.kind !== 'index' && node.kind !== 'dataStream') return [];
    try {
      return this.adopt(node, await this.childrenOf(node));
    } catch (error) {
      return this.adopt(node, [{ kind: 'failure', message: this.describe(vscode.l10n.t('Listing'), error), parent: node }]);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const item = new vscode.TreeItem(node.connection.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `connection:${node.connection.id}`;
        const identity = this.identities.get(node.connection.id);
        item.description = connectionDescription(node.connection, identity);
        const insecure = node.connection.tls.insecure === true || plainHttpRisk(node.connection) !== undefined;
        item.iconPath = insecure ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('server');
        item.tooltip = connectionTooltip(node.connection, identity);
        item.contextValue = connectionContextValue(node.connection);
        return item;
      }
      case 'index':
        return this.indexItem(node);
      case 'dataStream': {
        const item = new vscode.TreeItem(node.stream.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `dataStream:${indexKey({ connectionId: node.connectionId, index: node.stream.name })}`;
        item.description = vscode.l10n.t({ message: 'data stream · {0} backing', args: [node.stream.backingIndices.length], comment: ['{0} is the number of backing indices of the data stream'] });
        item.iconPath = new vscode.ThemeIcon('layers');
        item.tooltip = vscode.l10n.t('A data stream accepts only new documents; edits go to the backing index a document lives in.');
        item.contextValue = 'dataStream';
        return item;
      }
      case 'document':
        return documentItem(node);
      case 'loadMore': {
        const item = new vscode.TreeItem(loadMoreLabel(this.listings.listedCount(node.parent), this.listings.totalOf(node.parent)), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load More'), arguments: [node.parent] };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'empty': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        const filter = this.listings.filterOf(node.parent);
        item.tooltip = filter === undefined ? undefined : vscode.l10n.t('Filter: {0}', filter);
        item.contextValue = 'empty';
        return item;
      }
      case 'failure': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = `${node.message}\n\n${vscode.l10n.t('Click to retry.')}`;
        item.command = { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [node.parent] };
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
    if (node.kind === 'loadMore' || node.kind === 'failure' || node.kind === 'empty') return node.parent;
    return this.parents.get(node);
  }

  /** Fires a change for a row the view knows; any other node redraws the whole tree. */
  private fire(node: TreeNode | undefined): void {
    if (node?.kind === 'connection') this.changed.fire(this.shownConnections.get(node.connection.id));
    else this.changed.fire(node !== undefined && this.parents.has(node) ? node : undefined);
  }

  private adopt(parent: TreeNode, children: TreeNode[]): TreeNode[] {
    for (const child of children) {
      this.parents.set(child, parent);
      if (child.kind === 'index') this.shownIndices.set(indexNodeKey(child), child);
    }
    return children;
  }

  private async childrenOf(node: ListedNode): Promise<TreeNode[]> {
    switch (node.kind) {
      case 'connection':
        return this.connectionChildren(node);
      case 'dataStream':
        return backingIndexNodes(node);
      case 'index':
        return this.indexChildren(node);
    }
  }

  private async indexChildren(node: IndexNode): Promise<TreeNode[]> {
    const before = indexDescription(this.facts(node));
    const { documents, more } = await this.listings.documents(node);
    // The first page brings the count of the listing: the row shows it once it is known.
    if (indexDescription(this.facts(node)) !== before) this.changed.fire(this.shownIndices.get(indexNodeKey(node)) ?? node);
    const rows: TreeNode[] = [...documents];
    if (documents.length === 0 && !more) {
      rows.push({ kind: 'empty', message: this.listings.filterOf(node) === undefined ? vscode.l10n.t('No documents') : vscode.l10n.t('No documents match'), parent: node });
    }
    if (more) rows.push({ kind: 'loadMore', parent: node });
    return rows;
  }

  /** Indices, then aliases and data streams; a cluster without the latter two still lists its indices. */
  private async connectionChildren(node: ConnectionNode): Promise<TreeNode[]> {
    const gateway = this.gateways.get(node.connection.id);
    const showHidden = this.settings.showHiddenIndices;
    this.showIdentity(node, gateway.cluster());
    const [indices, aliases, streams] = await Promise.all([
      listIndices(gateway, showHidden),
      listAliases(gateway, showHidden).catch(() => []),
      listDataStreams(gateway).catch(() => []),
    ]);
    const connectionId = node.connection.id;
    this.listings.countsRead(connectionId);
    return [
      ...indices.map((index): IndexNode => ({ kind: 'index', connectionId, index })),
      ...aliases.map((alias): IndexNode => ({ kind: 'index', connectionId, index: indexByName(alias.name, 'alias', alias.indices) })),
      ...streams.map((stream): DataStreamNode => ({ kind: 'dataStream', connectionId, stream })),
    ];
  }

  /** The engine and version join the row when `GET /` answers (read once per connection and session). */
  private showIdentity(node: ConnectionNode, identity: Promise<ClusterIdentity>): void {
    identity.then(
      (known) => {
        const before = this.identities.get(node.connection.id);
        this.identities.set(node.connection.id, known);
        if (before?.engine !== known.engine || before.version !== known.version || before.clusterName !== known.clusterName) this.fire(node);
      },
      // The listing shows what went wrong; the row keeps its address.
      () => undefined,
    );
  }

  private facts(node: IndexNode): IndexFacts {
    const { name, kind, targets, health } = node.index;
    const filter = this.listings.filterOf(node);
    const sort = this.listings.sortOf(node);
    const matched = this.listings.totalOf(node);
    return {
      name,
      kind: kind === 'alias' ? vscode.l10n.t('alias → {0}', (targets ?? []).join(', ')) : kind === 'backing' ? vscode.l10n.t('backing index') : undefined,
      docsCount: this.listings.countOf(node),
      health,
      ...(filter === undefined ? {} : { filter }),
      ...(matched === undefined ? {} : { matched }),
      ...(sort === undefined ? {} : { sort }),
    };
  }

  private indexItem(node: IndexNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.index.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `index:${indexNodeKey(node)}`;
    const facts = this.facts(node);
    item.description = indexDescription(facts);
    item.tooltip = indexTooltip(facts);
    item.iconPath = new vscode.ThemeIcon(facts.filter ? 'filter' : node.index.kind === 'alias' ? 'link' : 'database');
    item.contextValue = facts.filter ? 'index-filtered' : 'index';
    return item;
  }
}

function documentItem(node: DocumentNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.address.id, vscode.TreeItemCollapsibleState.None);
  item.id = `document:${addressKey(node.address)}`;
  item.description = node.preview;
  item.iconPath = new vscode.ThemeIcon('json');
  item.resourceUri = documentUri(node.address);
  item.contextValue = 'document';
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Document'), arguments: [item.resourceUri] };
  return item;
}

/** The rows of a data stream's backing indices. */
function backingIndexNodes(node: DataStreamNode): IndexNode[] {
  return node.stream.backingIndices.map((name): IndexNode => ({ kind: 'index', connectionId: node.connectionId, index: indexByName(name, 'backing') }));
}
