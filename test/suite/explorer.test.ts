import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { addressOf } from '../../src/documents/documentUris';
import type { ConnectionNode, DocumentNode, IndexNode, TreeNode } from '../../src/explorer/treeNodes';
import { answering, CONNECTION, closeAllEditors, eventually, freshIndex, listEverything, putDocument, rest, scriptedInputBox, useTestConnection, withWindowStubs } from './support';

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
    assert.match(String(item.description), new RegExp(`^${COUNT.toLocaleString('en-US')} docs`));
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

  it('narrows the listing with a query-string filter, says how many match, and clears it', async () => {
    const node = await indexNode(tree, INDEX);
    await vscode.commands.executeCommand('esdocs.filterDocuments', node, 'n:42');
    assert.equal(String(tree.getTreeItem(node).description), `1 of 25,000 match \`n:42\` · ${node.index.health}`, 'the count arrives with the first page');
    const filtered = (await tree.getChildren(node)).filter((n) => n.kind === 'document') as DocumentNode[];
    assert.deepEqual(filtered.map((n) => n.address.id), ['doc-42']);
    await vscode.commands.executeCommand('esdocs.clearFilter', node);
    assert.equal((await tree.getChildren(node)).length, 501, 'a full first page and Load more');
  });

  it('shows the whole filter in the tooltip, and "No documents match" under an index nothing matches', async () => {
    const node = await indexNode(tree, INDEX);
    const filter = 'title:"no such title, in a filter long enough to be cut off in the description" OR n:999999';
    await vscode.commands.executeCommand('esdocs.filterDocuments', node, filter);
    const tooltip = String(tree.getTreeItem(node).tooltip);
    assert.ok(tooltip.includes(`Filter: ${filter}\n0 documents match`), tooltip);
    const children = await tree.getChildren(node);
    assert.deepEqual(children.map((n) => n.kind), ['empty']);
    assert.equal(tree.getTreeItem(children[0]).label, 'No documents match');
    await vscode.commands.executeCommand('esdocs.clearFilter', node);
  });

  it('sorts an index by a field of its mapping, kept for the index, and back to storage order', async () => {
    const node = await indexNode(tree, INDEX);
    await vscode.commands.executeCommand('esdocs.sortDocuments', node, { field: 'n', order: 'desc', type: 'long' });
    const firstIds = async (): Promise<string[]> => (await tree.getChildren(node)).slice(0, 3).map((n) => (n as DocumentNode).address.id);
    assert.deepEqual(await firstIds(), ['doc-24999', 'doc-24998', 'doc-24997']);
    assert.match(String(tree.getTreeItem(node).description), /n ↓$/);
    try {
      await vscode.commands.executeCommand('esdocs.filterDocuments', node, 'n:100 OR n:150 OR n:200');
      assert.deepEqual(await firstIds(), ['doc-200', 'doc-150', 'doc-100'], 'the sort stays when the filter changes');
    } finally {
      await vscode.commands.executeCommand('esdocs.clearFilter', node);
      await vscode.commands.executeCommand('esdocs.sortDocuments', node, null);
    }
    assert.doesNotMatch(String(tree.getTreeItem(node).description), /↓|↑/);
  });

  it('says how many documents are shown, and reads one page for a double click on Load more', async () => {
    const node = await indexNode(tree, INDEX);
    tree.reload(node);
    const children = await tree.getChildren(node);
    const loadMore = children[children.length - 1];
    assert.equal(tree.getTreeItem(loadMore).label, 'Load more… (500 of 25,000 shown)');
    await Promise.all([vscode.commands.executeCommand('esdocs.loadMore', node), vscode.commands.executeCommand('esdocs.loadMore', node)]);
    const after = await tree.getChildren(node);
    assert.equal(after.filter((n) => n.kind === 'document').length, 1000, 'two clicks, one page');
    assert.equal(tree.getTreeItem(after[after.length - 1]).label, 'Load more… (1,000 of 25,000 shown)');
  });

  it('copies a document\'s id', async () => {
    const node = await indexNode(tree, INDEX);
    const document = (await tree.getChildren(node)).find((n): n is DocumentNode => n.kind === 'document');
    assert.ok(document);
    await vscode.commands.executeCommand('esdocs.copyId', document);
    assert.equal(await vscode.env.clipboard.readText(), document.address.id);
  });

  it('shows where a connection points and how it signs in, in its tooltip', async () => {
    const connection = (await tree.getChildren()).find((n): n is ConnectionNode => n.kind === 'connection' && n.connection.name === CONNECTION);
    assert.ok(connection);
    const tooltip = String(tree.getTreeItem(connection).tooltip);
    assert.ok(tooltip.includes(connection.connection.urls[0]), tooltip);
    assert.match(tooltip, /Authentication: none/);
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

describe('Refreshing, counting, opening by id', function () {
  this.timeout(120000);
  const SMALL = 'counting';
  let tree: ExtensionApi['tree'];

  before(async () => {
    await useTestConnection();
    tree = (await api()).tree;
    await freshIndex(SMALL);
    for (const id of ['a', 'b', 'c']) await putDocument(SMALL, id, `{"title":"${id}"}`);
    tree.reload();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  async function recordingChanges<T>(body: () => Thenable<T> | Promise<T>): Promise<Array<TreeNode | undefined>> {
    const events: Array<TreeNode | undefined> = [];
    const subscription = tree.onDidChangeTreeData((event) => events.push(event as TreeNode | undefined));
    try {
      await body();
    } finally {
      subscription.dispose();
    }
    return events;
  }

  it('refreshes an index row with its count, from its parent\'s list of indices', async () => {
    const node = await indexNode(tree, SMALL);
    await tree.getChildren(node);
    assert.match(String(tree.getTreeItem(node).description), /^3 docs/);
    await putDocument(SMALL, 'd', '{"title":"d"}');
    await putDocument(SMALL, 'e', '{"title":"e"}');
    const events = await recordingChanges(() => vscode.commands.executeCommand('esdocs.refresh', node));
    assert.deepEqual(events.map((e) => e?.kind), ['connection'], 'the parent connection is redrawn: its _cat/indices has the counts');
    const children = await tree.getChildren(node);
    assert.equal(children.length, 5);
    assert.match(String(tree.getTreeItem(node).description), /^5 docs/, 'the row the view holds shows the new count');
  });

  it('refreshes the whole view from the title bar, whatever row has focus', async () => {
    const node = await indexNode(tree, SMALL);
    const document = (await tree.getChildren(node)).find((n): n is DocumentNode => n.kind === 'document');
    assert.ok(document);
    await putDocument(SMALL, 'f', '{"title":"f"}');
    const events = await recordingChanges(() => vscode.commands.executeCommand('esdocs.refreshView', document));
    assert.deepEqual(events, [undefined], 'the whole tree');
    const again = await indexNode(tree, SMALL);
    assert.equal((await tree.getChildren(again)).length, 6, 'listed again from the cluster');
  });

  it('counts a deleted document off its index', async () => {
    const node = await indexNode(tree, SMALL);
    const before = await tree.getChildren(node);
    assert.match(String(tree.getTreeItem(node).description), /^6 docs/);
    const victim = before.find((n): n is DocumentNode => n.kind === 'document' && n.address.id === 'a');
    assert.ok(victim);
    const events = await recordingChanges(() => answering({ warning: 'Delete' }, () => vscode.commands.executeCommand('esdocs.deleteDocument', victim)));
    assert.ok(events.includes(node), 'the index row is redrawn');
    assert.match(String(tree.getTreeItem(node).description), /^5 docs/);
    assert.ok(!(await tree.getChildren(node)).some((n) => n.kind === 'document' && n.address.id === 'a'));
  });

  /** A quick pick the test drives: `script` runs when it is shown. */
  function scriptedQuickPick(script: (pick: vscode.QuickPick<vscode.QuickPickItem>, itemsArrived: Promise<void>) => void): () => vscode.QuickPick<vscode.QuickPickItem> {
    return () => {
      const accept = new vscode.EventEmitter<void>();
      const hide = new vscode.EventEmitter<void>();
      const change = new vscode.EventEmitter<string>();
      let arrived!: () => void;
      const itemsArrived = new Promise<void>((resolve) => (arrived = resolve));
      let items: readonly vscode.QuickPickItem[] = [];
      const pick = {
        value: '', title: undefined as string | undefined, placeholder: '', busy: false, ignoreFocusOut: false, selectedItems: [], activeItems: [],
        get items() {
          return items;
        },
        set items(value: readonly vscode.QuickPickItem[]) {
          items = value;
          arrived();
        },
        onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: change.event,
        show: () => setImmediate(() => script(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, itemsArrived)),
        hide: () => hide.fire(),
        dispose: () => undefined,
        fireAccept: () => accept.fire(),
        type: (text: string) => {
          pick.value = text;
          change.fire(text);
        },
      };
      return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    };
  }

  type Driven = vscode.QuickPick<vscode.QuickPickItem> & { fireAccept(): void; type(text: string): void };

  it('Open Document… takes an index name typed before the list arrived, and asks no routing unless asked', async () => {
    const prompts: string[] = [];
    await withWindowStubs(
      {
        createQuickPick: scriptedQuickPick((pick) => {
          // Typed and accepted at once: the list of indices is still loading.
          (pick as Driven).type(SMALL);
          (pick as Driven).fireAccept();
        }),
        createInputBox: () => scriptedInputBox(() => 'b'),
        showQuickPick: async (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === CONNECTION),
        showInputBox: async (options?: vscode.InputBoxOptions) => {
          prompts.push(options?.prompt ?? '');
          return '';
        },
      },
      () => vscode.commands.executeCommand('esdocs.openDocument'),
    );
    const editor = await eventually(() => vscode.window.activeTextEditor, 'the document opens');
    const opened = addressOf(editor.document.uri);
    assert.deepEqual([opened.index, opened.id, opened.routing], [SMALL, 'b', undefined]);
    assert.deepEqual(prompts, [], 'no routing question for an index that does not require it');
  });

  it('Open Document… says that no index matches, and stays open', async () => {
    let title: string | undefined;
    await withWindowStubs(
      {
        createQuickPick: scriptedQuickPick((pick, itemsArrived) => {
          void itemsArrived.then(() => {
            (pick as Driven).type('no-such-index');
            (pick as Driven).fireAccept();
            title = pick.title;
            pick.hide();
          });
        }),
      },
      () => vscode.commands.executeCommand('esdocs.openDocument'),
    );
    assert.equal(title, 'No index matches "no-such-index".');
    assert.equal(vscode.window.activeTextEditor, undefined, 'nothing opened');
  });

  it('asks for the routing when the user presses the routing button', async () => {
    const node = await indexNode(tree, SMALL);
    const uri = await withWindowStubs(
      { createInputBox: () => scriptedInputBox(() => 'routed-1', ['Give a routing value too']), showInputBox: async () => 'r1' },
      () => vscode.commands.executeCommand<vscode.Uri>('esdocs.newDocument', node),
    );
    assert.ok(uri);
    assert.equal(addressOf(uri).routing, 'r1');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('asks for a connection first, in words that say so, when Open Document by Id has none to use', async function () {
    const config = vscode.workspace.getConfiguration('esdocs');
    const previous = config.get('connections');
    await config.update('connections', [], vscode.ConfigurationTarget.Global);
    try {
      if ((await tree.getChildren()).length > 0) this.skip();
      const messages: string[] = [];
      await withWindowStubs({ showInformationMessage: async (message: string) => void messages.push(message) }, () => vscode.commands.executeCommand('esdocs.openDocument'));
      assert.deepEqual(messages, ['To open a document by id, first add a connection to its Elasticsearch cluster.']);
    } finally {
      await config.update('connections', previous, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists again when the page size changes in the settings', async () => {
    const config = vscode.workspace.getConfiguration('esdocs');
    const node = await indexNode(tree, SMALL);
    await tree.getChildren(node);
    const events: Array<TreeNode | undefined> = [];
    const subscription = tree.onDidChangeTreeData((event) => events.push(event as TreeNode | undefined));
    try {
      await config.update('pageSize', 2, vscode.ConfigurationTarget.Global);
      await eventually(() => events.includes(undefined), 'the tree reloads');
      const again = await indexNode(tree, SMALL);
      const children = await tree.getChildren(again);
      assert.deepEqual(children.map((n) => n.kind), ['document', 'document', 'loadMore']);
    } finally {
      subscription.dispose();
      await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
