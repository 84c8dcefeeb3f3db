import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DocumentOperations } from './commands/documentOperations';
import { ExplorerCommands } from './commands/explorerCommands';
import { Pickers } from './commands/pickers';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './platform/settings';
import { ConnectionCommands } from './commands/connectionCommands';
import { ConnectionLog } from './connections/connectionLog';
import { ConnectionRegistry } from './connections/connectionRegistry';
import { ConnectionSecrets } from './connections/connectionSecrets';
import { CredentialPrompts } from './connections/credentialPrompts';
import { Redactor } from './connections/redactor';
import { CommandIds } from './platform/model/commandIds';
import { AutoSavePolicy } from './documents/autoSavePolicy';
import { BaseTexts } from './documents/baseTexts';
import { BufferBaselines } from './documents/bufferBaselines';
import { ConflictResolver } from './documents/conflictResolver';
import { DocumentSaver } from './documents/documentSaver';
import { ExplicitSave } from './documents/explicitSave';
import { SaveIntent } from './documents/saveIntent';
import { DocumentFileSystem } from './documents/documentFileSystem';
import { Drafts } from './documents/drafts';
import { addressOf, DOCUMENT_SCHEME, MERGE_SCHEME, SERVER_VERSION_SCHEME } from './documents/documentUris';
import { MergeFlow } from './documents/mergeFlow';
import { MergeScratch } from './documents/mergeScratch';
import { ServerVersions } from './documents/serverVersions';
import { TokenStatusBar } from './documents/tokenStatusBar';
import { TokenStore } from './documents/tokenStore';
import { DocumentStore } from './cluster/documentStore';
import { GatewayPool } from './cluster/gatewayPool';
import { DocumentTree } from './explorer/documentTree';
import { IndexListings } from './explorer/indexListings';
import type { TreeNode } from './explorer/treeNodes';
import { documentSkeleton } from './mapping/model/mappingSkeleton';
import type { IndexAddress } from './cluster/model/documentAddress';
import { MappingCache } from './mapping/mappingCache';
import { MappingDiagnostics } from './documents/mappingDiagnostics';
import { registerMappingProviders } from './documents/mappingProviders';
import { createConsole } from './console/consoleFeature';
import { TransferCommands } from './transfer/transferCommands';
import { TableFeature } from './table/tableFeature';
import { BulkCommands } from './bulk/bulkCommands';
import { BulkDiffs } from './bulk/bulkDiffs';
import { ChangeRunner } from './bulk/changeRunner';
import { JournalStore } from './bulk/journalStore';

export const TREE_VIEW_ID = 'esdocs.documents';

/**
 * What `activate` returns to the extension's own tests, and only when VS Code runs them
 * (`ExtensionMode.Test`): the tree's data, so that tests can walk it as the view does, and what
 * the security tests check for secrets. Other extensions get nothing, and outside tests nothing of
 * it is kept.
 */
export interface ExtensionApi {
  readonly tree: DocumentTree;
  /** The lines written to the "Elasticsearch" log, after redaction: tests check them for secrets. */
  readonly logLines: () => readonly string[];
  /** Everything the extension keeps in global and workspace state, as JSON: tests check it for secrets. */
  readonly stateSnapshot: () => string;
  /** Milliseconds from the start of `activate` to the view's provider being registered. */
  readonly activationMs: number;
  /** A connection's credentials were replaced (its id), after its gateway was dropped and the view reloaded. */
  readonly onDidReplaceCredentials: vscode.Event<string>;
}

/** The composition root: builds the services, wires them, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  // The pure models word its texts with @vscode/l10n, which has no access to VS Code: it takes the
  // bundle VS Code loaded for the display language (undefined in English), before any text is made.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const underTest = context.extensionMode === vscode.ExtensionMode.Test;
  const settings = new Settings();
  const secrets = new ConnectionSecrets(context.secrets);
  const connections = new ConnectionRegistry(settings, context.globalState, secrets);
  // The walkthrough's first step is done once any connection exists, however it was added.
  const publishHasConnections = (): void => void vscode.commands.executeCommand('setContext', 'esdocs.hasConnections', connections.list().length > 0);
  publishHasConnections();
  // Every text shown or logged goes through it: `redactor.text`, `.failure`, `.error`.
  const redactor = new Redactor(() => secrets.knownSecrets());
  // Only the extension's own tests read the log back (for secrets); the product keeps no copy of it.
  const logged: string[] = [];
  const keepForTests = (line: string): void => {
    logged.push(line);
    if (logged.length > 500) logged.shift();
  };
  const log = new ConnectionLog(redactor, underTest ? keepForTests : undefined);
  const prompts = new CredentialPrompts(secrets, redactor);
  const gateways = new GatewayPool(
    (id) => {
      const connection = connections.get(id);
      return connection && { connection, requestTimeoutMs: settings.requestTimeoutMs, maxResponseBytes: settings.maxResponseBytes };
    },
    {
      credentials: (connection) => prompts.credentials(connection),
      log: (line) => log.info(line),
      onRejected: (connection, failure) => prompts.offerReplacement(connection, failure),
    },
  );
  const documents = new DocumentStore((id) => gateways.get(id));
  const tokens = new TokenStore(context.workspaceState, new BaseTexts(context.workspaceState, vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'base-texts')));
  const serverVersions = new ServerVersions(documents);
  const drafts = new Drafts();
  const baselines = new BufferBaselines(tokens);
  const saveIntent = new SaveIntent();
  const saver = new DocumentSaver(documents, tokens, baselines, settings, serverVersions, drafts);
  const files = new DocumentFileSystem(documents, saver, baselines, saveIntent, drafts, redactor);
  const explicitSave = new ExplicitSave(files, saver, (message) => void vscode.window.showErrorMessage(redactor.text(message)));
  const mergeScratch = new MergeScratch(saveIntent);
  const mergeFlow = new MergeFlow(tokens, serverVersions, baselines, saver, explicitSave, mergeScratch);
  const conflicts = new ConflictResolver(saver, explicitSave, serverVersions, tokens, baselines, mergeFlow);
  const autoSave = new AutoSavePolicy(settings);
  const listings = new IndexListings(gateways, () => settings.pageSize);
  const describe = (action: string, error: unknown): string => redactor.error(action, error);
  const tree = new DocumentTree(connections, gateways, listings, documents, settings, describe);
  const pickers = new Pickers(connections, gateways, describe);
  const treeView = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const explorer = new ExplorerCommands(tree, listings, settings, pickers, gateways, () => treeView.selection);
  const connectionCommands = new ConnectionCommands(connections, secrets, prompts, settings, pickers, redactor);
  const mappings = new MappingCache((id) => gateways.get(id), (line) => log.warn(line));
  const mappingDiagnostics = new MappingDiagnostics(mappings);
  const skeletonFor = async (address: IndexAddress, indent: string): Promise<string | undefined> => {
    const mapping = await mappings.get(address);
    return mapping && documentSkeleton(mapping.model, indent);
  };
  const consoleFeature = createConsole({
    context,
    settings,
    gateways,
    mappings,
    connection: (id) => connections.get(id),
    pickConnection: async () => (await pickers.connection(vscode.l10n.t('send a console request')))?.connection,
    describe,
    redact: (text) => redactor.text(text),
  });
  const tables = new TableFeature({
    gateway: (id) => gateways.get(id),
    store: documents,
    mappings,
    refresh: () => settings.refreshOnSave,
    extensionUri: context.extensionUri,
    hasConnection: (id) => connections.get(id) !== undefined,
    memento: context.workspaceState,
    report: (error) => {
      const message = describe('Table', error);
      log.warn(`table failed: ${message}`);
      void vscode.window.showErrorMessage(message);
    },
  });
  const journals = new JournalStore(vscode.Uri.joinPath(context.globalStorageUri, 'bulk-changes').fsPath, () => settings.bulk.journals);
  const changes = new ChangeRunner((id) => gateways.get(id), documents, journals, {
    mapping: async (connectionId, index) => (await mappings.get({ connectionId, index }))?.model,
    refresh: () => settings.refreshOnSave,
    batchDocuments: () => settings.bulk.batchSize,
    batchBytes: () => settings.bulk.batchBytes,
  });
  const bulkDiffs = new BulkDiffs();
  const operations = new DocumentOperations(documents, files, saver, tokens, drafts, tree, connections, settings, pickers, describe, skeletonFor);
  // A row's Refresh reads its index's mapping again; the view's Refresh, every mapping.
  const refreshMappings = (node?: TreeNode): void => {
    if (node === undefined || node.kind === 'connection') consoleFeature.knowledge.invalidate(node?.connection.id);
    if (node === undefined) mappings.invalidate();
    else if (node.kind === 'connection') mappings.invalidate(node.connection.id);
    else if (node.kind === 'index') mappings.invalidate(node.connectionId, node.index.name);
    else if (node.kind === 'dataStream') mappings.invalidate(node.connectionId, node.stream.name);
  };

  context.subscriptions.push(
    connections,
    log,
    prompts,
    prompts.onDidReplace((id) => {
      gateways.invalidate(id);
      tree.reload();
    }),
    gateways,
    tokens,
    baselines,
    saveIntent,
    saver,
    files,
    serverVersions,
    conflicts,
    autoSave,
    mappings,
    mappingDiagnostics,
    ...registerMappingProviders(mappings, mappingDiagnostics),
    ...consoleFeature.disposables,
    tables,
    bulkDiffs,
    { dispose: () => void changes.dispose() },
    // A save the mapping refused: the field is marked, and the mapping (which may have changed) is read again.
    saver.onDidRefuseByMapping((refusal) => {
      mappingDiagnostics.markRefusal(refusal);
      mappings.invalidate(addressOf(refusal.uri).connectionId, addressOf(refusal.uri).index);
    }),
    listings,
    tree,
    vscode.workspace.registerFileSystemProvider(DOCUMENT_SCHEME, files, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_VERSION_SCHEME, serverVersions),
    mergeScratch,
    vscode.workspace.registerFileSystemProvider(MERGE_SCHEME, mergeScratch, { isCaseSensitive: true }),
    treeView,
    // Keybindings of the view (Delete, Copy ID) act on a single selected document.
    treeView.onDidChangeSelection(({ selection }) => {
      void vscode.commands.executeCommand('setContext', 'esdocs.documentSelected', selection.length === 1 && selection[0].kind === 'document');
    }),
    connections.onDidChange(() => {
      tree.reload();
      publishHasConnections();
    }),
    settings.onDidChange((affects) => {
      if (affects('pageSize') || affects('showHiddenIndices')) tree.reload();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === DOCUMENT_SCHEME) tokens.delete(document.uri);
    }),
    new TokenStatusBar(tokens, (document) => autoSave.notAutoSaved(document), CommandIds.showVersion),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (drafts.isDraft(document.uri)) void operations.promoteDraft(document.uri);
    }),
    ...registerCommands({
      connectionCommands,
      explorer,
      pickers,
      conflicts,
      operations,
      explicitSave,
      console: consoleFeature.commands,
      transfer: new TransferCommands(gateways, context.globalStorageUri.fsPath, () => settings.exportSlices),
      tables,
      bulk: new BulkCommands(changes, journals, bulkDiffs, () => settings.bulk.confirmAbove),
      report: { describe, log: (line) => log.warn(line) },
      onRefresh: refreshMappings,
    }),
  );
  void vscode.commands.executeCommand('setContext', 'esdocs.activated', true);
  if (!underTest) return undefined;
  const stateSnapshot = (): string =>
    JSON.stringify([context.globalState, context.workspaceState].map((state) => state.keys().map((key) => [key, state.get(key)])));
  return { tree, logLines: () => logged, stateSnapshot, activationMs: performance.now() - started, onDidReplaceCredentials: prompts.onDidReplace };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
