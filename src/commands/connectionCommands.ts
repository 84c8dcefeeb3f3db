import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { ConnectionNode } from '../explorer/treeNodes';
import type { Pickers } from './pickers';
import { validateConnectionUrl } from '../core/connectionUrl';

export async function addConnection(connections: ConnectionRegistry): Promise<void> {
  const url = await vscode.window.showInputBox({
    title: 'Add Elasticsearch Connection (1/2)',
    prompt: 'Cluster URL',
    value: 'http://127.0.0.1:9200',
    ignoreFocusOut: true,
    validateInput: validateConnectionUrl,
  });
  if (url === undefined) return;
  const taken = new Set(connections.list().map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: 'Add Elasticsearch Connection (2/2)',
    prompt: 'A name for this connection',
    value: new URL(url).host,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Enter a name' : taken.has(value.trim()) ? 'A connection of that name exists' : undefined),
  });
  if (name === undefined) return;
  await connections.add(name.trim(), url.trim());
}

export async function removeConnection(connections: ConnectionRegistry, pickers: Pickers, node?: ConnectionNode): Promise<void> {
  const target = node ?? (await pickers.connection());
  if (target === undefined) return;
  if (target.connection.origin === 'settings') {
    void vscode.window.showInformationMessage(`"${target.connection.name}" is defined in the esdocs.connections setting; remove it there.`);
    return;
  }
  const confirm = await vscode.window.showWarningMessage(`Remove the connection "${target.connection.name}"?`, { modal: true }, 'Remove');
  if (confirm === 'Remove') await connections.remove(target.connection.id);
}
