import * as vscode from 'vscode';
import { DocumentOperations } from './commands/documentOperations';
import { ExplorerCommands } from './commands/explorerCommands';
import { Pickers } from './commands/pickers';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './config/settings';
import { ConnectionRegistry } from './connections/connectionRegistry';
import { ConflictResolver } from './editors/conflictResolver';
import { DocumentFileSystem } from './editors/documentFileSystem';
import { Drafts } from './editors/drafts';
import { DOCUMENT_SCHEME, SERVER_VERSION_SCHEME } from './editors/documentUris';
import { ServerVersions } from './editors/serverVersions';
import { TokenStatusBar } from './editors/tokenStatusBar';
import { TokenStore } from './editors/tokenStore';
import { DocumentStore } from './elastic/documentStore';
import { GatewayPool } from './elastic/gatewayPool';
import { DocumentTree } from './explorer/documentTree';
import { IndexListings } from './explorer/indexListings';

export const TREE_VIEW_ID = 'esdocs.documents';

/** What `activate` returns: the tree's data, so that tests can walk it as the view does. */
export interface ExtensionApi {
  readonly tree: DocumentTree;
  /** Milliseconds from the start of `activate` to the view's provider being registered. */
  readonly activationMs: number;
}

/** The composition root: builds the services, wires them, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const settings = new Settings();
  const connections = new ConnectionRegistry(settings, context.globalState);
  const gateways = new GatewayPool((id) => {
    const connection = connections.get(id);
    return connection && { url: connection.url, requestTimeoutMs: settings.requestTimeoutMs };
  });
  const documents = new DocumentStore((id) => gateways.get(id));
  const tokens = new TokenStore(context.workspaceState);
  const serverVersions = new ServerVersions(documents);
  const drafts = new Drafts();
  const files = new DocumentFileSystem(documents, tokens, settings, serverVersions, drafts);
  const conflicts = new ConflictResolver(files, serverVersions, tokens);
  const listings = new IndexListings(gateways, () => settings.pageSize);
  const tree = new DocumentTree(connections, gateways, listings, documents, settings);
  const pickers = new Pickers(connections, gateways);
  const explorer = new ExplorerCommands(tree, listings, settings, pickers);
  const operations = new DocumentOperations(documents, files, tokens, drafts, tree, connections, settings, pickers);

  context.subscriptions.push(
    connections,
    { dispose: () => gateways.dispose() },
    tokens,
    files,
    serverVersions,
    conflicts,
    { dispose: () => listings.dispose() },
    tree,
    vscode.workspace.registerFileSystemProvider(DOCUMENT_SCHEME, files, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_VERSION_SCHEME, serverVersions),
    vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    connections.onDidChange(() => tree.reload()),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === DOCUMENT_SCHEME) tokens.delete(document.uri);
    }),
    new TokenStatusBar(tokens),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (drafts.isDraft(document.uri)) void operations.promoteDraft(document.uri);
    }),
    ...registerCommands({ connections, explorer, pickers, conflicts, operations }),
  );
  void vscode.commands.executeCommand('setContext', 'esdocs.activated', true);
  return { tree, activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
