import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { GatewayPool } from '../elastic/gatewayPool';
import { isRoutingRequired, listIndices } from '../elastic/indexCatalog';
import { checkDocumentId, type DocumentAddress } from '../core/documentAddress';
import { describeTarget } from '../core/connectionConfig';
import type { ConnectionNode, IndexNode } from '../explorer/treeNodes';

/** Quick picks that stand in for a tree node when a command runs from the palette. */
export class Pickers {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly gateways: GatewayPool,
  ) {}

  async connection(): Promise<ConnectionNode | undefined> {
    const all = this.connections.list();
    if (all.length === 0) {
      void vscode.window.showInformationMessage('There is no Elasticsearch connection yet. Add one first.', 'Add Connection').then((choice) => {
        if (choice) void vscode.commands.executeCommand('esdocs.addConnection');
      });
      return undefined;
    }
    if (all.length === 1) return { kind: 'connection', connection: all[0] };
    const picked = await vscode.window.showQuickPick(
      all.map((connection) => ({ label: connection.name, description: describeTarget(connection), connection })),
      { placeHolder: 'Connection', ignoreFocusOut: true },
    );
    return picked && { kind: 'connection', connection: picked.connection };
  }

  async index(connection?: ConnectionNode): Promise<IndexNode | undefined> {
    const parent = connection ?? (await this.connection());
    if (parent === undefined) return undefined;
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { node?: IndexNode }>();
    quickPick.placeholder = `Index in ${parent.connection.name}`;
    quickPick.busy = true;
    quickPick.ignoreFocusOut = true;
    quickPick.show();
    listIndices(this.gateways.get(parent.connection.id), true).then(
      (indices) => {
        quickPick.items = indices.map((index) => ({
          label: index.name,
          description: index.docsCount === undefined ? undefined : `${index.docsCount} docs`,
          node: { kind: 'index', connectionId: parent.connection.id, index },
        }));
        quickPick.busy = false;
      },
      (error: unknown) => {
        quickPick.busy = false;
        quickPick.placeholder = `Could not list indices: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
    return new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        const node = quickPick.selectedItems[0]?.node;
        quickPick.hide();
        resolve(node);
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(undefined);
      });
    });
  }

  /**
   * Asks for a document's id and, when the index requires one or the user has one, its routing.
   * With `allowGeneratedId`, an empty id means "let one be generated".
   */
  async documentAddress(index: IndexNode, title: string, allowGeneratedId = false): Promise<DocumentAddress | undefined> {
    const routingRequired = await isRoutingRequired(this.gateways.get(index.connectionId), index.index.name).catch(() => false);
    const id = await vscode.window.showInputBox({
      title,
      prompt: allowGeneratedId ? 'Document _id (leave empty to generate one)' : 'Document _id',
      ignoreFocusOut: true,
      validateInput: (value) =>
        value === '' ? (allowGeneratedId ? undefined : 'Enter the document _id') : checkDocumentId(value),
    });
    if (id === undefined) return undefined;
    const routing = await vscode.window.showInputBox({
      title,
      prompt: routingRequired
        ? `Routing (required: ${index.index.name} maps _routing as required)`
        : 'Routing (leave empty unless the document was indexed with a custom routing)',
      ignoreFocusOut: true,
      validateInput: (value) => (routingRequired && value === '' ? 'This index requires a routing value' : undefined),
    });
    if (routing === undefined) return undefined;
    return { connectionId: index.connectionId, index: index.index.name, id: id || generateId(), ...(routing ? { routing } : {}) };
  }
}

/** A random id in the shape of Elasticsearch's own (20 URL-safe base64 characters). */
export function generateId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
