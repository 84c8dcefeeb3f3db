import * as vscode from 'vscode';
import { DocumentOperations } from './commands/documentOperations';
import { ExplorerCommands } from './commands/explorerCommands';
import { Pickers } from './commands/pickers';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './config/settings';
import { ConnectionCommands } from './commands/connectionCommands';
import { ConnectionLog } from './connections/connectionLog';
import { ConnectionRegistry } from './connections/connectionRegistry';
import { ConnectionSecrets } from './connections/connectionSecrets';
import { CredentialPrompts } from './connections/credentialPrompts';
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
  /** The lines written to the "Elasticsearch" log, after redaction: tests check them for secrets. */
  readonly logLines: () => readonly string[];
  /** Everything the extension keeps in global and workspace state, as JSON: tests check it for secrets. */
  readonly stateSnapshot: () => string;
  /** Milliseconds from the start of `activate` to the view's provider being registered. */
  readonly activationMs: number;
}

/** The composition root: builds the services, wires them, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const settings = new Settings();
  const secrets = new ConnectionSecrets(context.secrets);
  const connections = new ConnectionRegistry(settings, context.globalState, secrets);
  const log = new ConnectionLog(() => secrets.knownSecrets());
  const prompts = new CredentialPrompts(secrets);
  const gateways = new GatewayPool(
    (id) => {
      const connection = connections.get(id);
      return connection && { connection, requestTimeoutMs: settings.requestTimeoutMs };
    },
    {
      credentials: (connection) => prompts.credentials(connection),
      log: (line) => log.info(line),
      onRejected: (connection, failure) => prompts.offerReplacement(connection, failure),
    },
  );
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
  const connectionCommands = new ConnectionCommands(connections, secrets, prompts, settings, pickers);
  const operations = new DocumentOperations(documents, files, tokens, drafts, tree, connections, settings, pickers);

  context.subscriptions.push(
    connections,
    log,
    prompts,
    prompts.onDidReplace((id) => {
      gateways.invalidate(id);
      tree.reload();
    }),
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
    ...registerCommands({ connectionCommands, explorer, pickers, conflicts, operations }),
  );
  void vscode.commands.executeCommand('setContext', 'esdocs.activated', true);
  const stateSnapshot = (): string =>
    JSON.stringify([context.globalState, context.workspaceState].map((state) => state.keys().map((key) => [key, state.get(key)])));
  return { tree, logLines: () => log.lines(), stateSnapshot, activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
