import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { DocumentNode, IndexNode, TreeNode } from '../../src/explorer/treeNodes';
import { CONNECTION, freshIndex, listEverything, rest, useTestConnection } from './support';

const INDEX = 'paging';
const COUNT = 25000;

async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
  assert.ok(extension);
  return extension.activate();
}

async function indexNode(tree: ExtensionApi['tree'], name: string): Promise<IndexNode> {
  const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === CONNECTION);
  assert.ok(connection, 'the test connection is listed');
  const index = (await tree.getChildren(connection)).find((n): n is IndexNode => n.kind === 'index' && n.index.name === name);
  assert.ok(index, `${name} is listed`);
  return index;
}

async function bulkLoad(count: number): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) lines.push(`{"index":{"_id":"doc-${i}"}}`, `{"title":"Document ${i}","n":${i}}`);
    const answer = await rest('POST', `/${INDEX}/_bulk`, lines.join('\n') + '\n', 'application/x-ndjson');
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.ok(!answer.text.includes('"errors":true'), 'bulk load has no errors');
  }
  await rest('POST', `/${INDEX}/_refresh`);
}

describe('Browsing documents', function () {
  this.timeout(300000);
  let tree: ExtensionApi['tree'];

  before(async () => {
    await useTestConnection();
    await vscode.workspace.getConfiguration('esdocs').update('pageSize', 500, vscode.ConfigurationTarget.Global);
    tree = (await api()).tree;
    await freshIndex(INDEX, 3);
    await bulkLoad(COUNT);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('esdocs').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists the index with its document count', async () => {
    tree.reload();
    const node = await indexNode(tree, INDEX);
    const item = tree.getTreeItem(node);
    assert.match(String(item.description), new RegExp(`^${COUNT} docs`));
  });

  it(`lists every one of ${COUNT} documents exactly once through Load more`, async () => {
    const node = await indexNode(tree, INDEX);
    const { children } = await listEverything<TreeNode>(tree, node, COUNT / 500 + 2);
    const ids = children.filter((n): n is DocumentNode => n.kind === 'document').map((n) => n.address.id);
    assert.equal(ids.length, COUNT);
    assert.equal(new Set(ids).size, COUNT, 'no document is listed twice');
    const first = children[0] as DocumentNode;
    assert.match(first.preview, /^Document \d+$/);
  });

  it('narrows the listing with a query-string filter and clears it', async () => {
    const node = await indexNode(tree, INDEX);
    await vscode.commands.executeCommand('esdocs.filterDocuments', node, 'n:42');
    const filtered = (await tree.getChildren(node)).filter((n) => n.kind === 'document') as DocumentNode[];
    assert.deepEqual(filtered.map((n) => n.address.id), ['doc-42']);
    assert.match(String(tree.getTreeItem(node).description), /filter: n:42/);
    await vscode.commands.executeCommand('esdocs.clearFilter', node);
    assert.equal((await tree.getChildren(node)).length, 501, 'a full first page and Load more');
  });

  it('shows an unreachable cluster as an item with the reason, not an empty tree', async () => {
    const config = vscode.workspace.getConfiguration('esdocs');
    const previous = config.get('connections');
    await config.update('connections', [{ name: 'down', url: 'http://127.0.0.1:9' }], vscode.ConfigurationTarget.Global);
    try {
      const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === 'down');
      assert.ok(connection);
      const children = await tree.getChildren(connection);
      assert.equal(children.length, 1);
      assert.equal(children[0].kind, 'failure');
      assert.match(String(tree.getTreeItem(children[0]).label), /Listing failed.*reachable/);
    } finally {
      await config.update('connections', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
