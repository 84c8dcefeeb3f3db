import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { documentUri } from '../../src/documents/documentUris';
import type { DocumentNode, IndexNode, TreeNode } from '../../src/explorer/treeNodes';
import { answering, CONNECTION, closeAllEditors, eventually, freshIndex, onRealEngine, putDocument, rawSource, replaceAll, rest, restJson, useTestConnection } from './support';

const INDEX = 'operations';

function uriOf(id: string, index = INDEX): vscode.Uri {
  return documentUri({ connectionId: CONNECTION, index, id });
}

async function tree(): Promise<ExtensionApi['tree']> {
  const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
  assert.ok(extension);
  return (await extension.activate()).tree;
}

async function childrenOf(label: string, parent?: TreeNode): Promise<TreeNode[]> {
  const view = await tree();
  const node = (await view.getChildren(parent)).find((n) => String(view.getTreeItem(n).label) === label);
  assert.ok(node, `${label} is listed`);
  return view.getChildren(node);
}

describe('Document operations', function () {
  this.timeout(60000);

  before(async () => {
    await useTestConnection();
    await freshIndex(INDEX, 3);
  });

  afterEach(closeAllEditors);

  it('updates fields on the latest version: a concurrent write is kept, a clean editor reloads', async () => {
    await putDocument(INDEX, 'u1', '{"title":"Interstellar","year":2014}');
    const document = await vscode.workspace.openTextDocument(uriOf('u1'));
    await vscode.window.showTextDocument(document);
    await putDocument(INDEX, 'u1', '{"title":"Interstellar","year":2014,"rating":9}');
    assert.equal(await vscode.commands.executeCommand('esdocs.updateFields', document.uri, '{"title":"Interstellar Foo"}'), 'updated');
    assert.deepEqual(JSON.parse(await rawSource(INDEX, 'u1')), { title: 'Interstellar Foo', year: 2014, rating: 9 });
    await eventually(() => document.getText().includes('Interstellar Foo') || undefined, 'the clean editor to reload');
    assert.equal(await vscode.commands.executeCommand('esdocs.updateFields', document.uri, '{"title":"Interstellar Foo"}'), 'noop');
  });

  it('leaves a dirty editor alone; its next save conflicts', async () => {
    await putDocument(INDEX, 'u2', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('u2'));
    await replaceAll(document, '{"n":100}');
    assert.equal(await vscode.commands.executeCommand('esdocs.updateFields', document.uri, '{"m":2}'), 'updated');
    assert.equal(document.getText(), '{"n":100}');
    assert.equal(await document.save(), false, 'the save conflicts');
    assert.deepEqual(JSON.parse(await rawSource(INDEX, 'u2')), { n: 1, m: 2 });
  });

  it('deletes conditionally: a stale delete is refused, a current one deletes', async () => {
    await putDocument(INDEX, 'd1', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('d1'));
    await putDocument(INDEX, 'd1', '{"n":2}');
    assert.equal(await answering({ warning: 'Delete' }, () => vscode.commands.executeCommand('esdocs.deleteDocument', document.uri)), false);
    assert.equal(await rawSource(INDEX, 'd1'), '{"n":2}', 'the newer version is still there');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(await answering({ warning: 'Delete' }, () => vscode.commands.executeCommand('esdocs.deleteDocument', document.uri)), true);
    assert.equal((await rest('GET', `/${INDEX}/_doc/d1`)).status, 404);
  });

  it('does nothing when the delete is not confirmed', async () => {
    await putDocument(INDEX, 'd2', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('d2'));
    assert.equal(await answering({ warning: undefined }, () => vscode.commands.executeCommand('esdocs.deleteDocument', document.uri)), false);
    assert.equal(await rawSource(INDEX, 'd2'), '{"n":1}');
  });

  it('creates a new document with op_type=create and then edits it as a document', async () => {
    const view = await tree();
    view.reload();
    const index = (await childrenOf(CONNECTION)).find((n): n is IndexNode => n.kind === 'index' && n.index.name === INDEX);
    assert.ok(index);
    const draft = await answering({ inputs: ['n1', ''] }, () => vscode.commands.executeCommand<vscode.Uri>('esdocs.newDocument', index));
    assert.ok(draft);
    const document = await vscode.workspace.openTextDocument(draft);
    // The index has a mapping by now: the draft starts from its top-level fields, as valid JSON.
    assert.match(document.getText(), /^\{\n {2}"[^"]+": /);
    assert.doesNotThrow(() => JSON.parse(document.getText()));
    await replaceAll(document, '{"created":true}');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource(INDEX, 'n1'), '{"created":true}');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.toString() === uriOf('n1').toString() || undefined, 'the created document to open');
  });

  it('never overwrites an existing document from a draft', async () => {
    await putDocument(INDEX, 'taken', '{"mine":false}');
    const view = await tree();
    const index = (await childrenOf(CONNECTION)).find((n): n is IndexNode => n.kind === 'index' && n.index.name === INDEX);
    assert.ok(index);
    view.reload();
    const draft = await answering({ inputs: ['taken', ''] }, () => vscode.commands.executeCommand<vscode.Uri>('esdocs.newDocument', index));
    assert.ok(draft);
    const document = await vscode.workspace.openTextDocument(draft);
    await replaceAll(document, '{"mine":true}');
    assert.equal(await document.save(), false);
    assert.equal(await rawSource(INDEX, 'taken'), '{"mine":false}');
    assert.equal(document.getText(), '{"mine":true}');
  });

  it('duplicates a document under a new id', async () => {
    await putDocument(INDEX, 'orig', '{"a":1.0}');
    const draft = await answering({ inputs: ['copy'] }, () => vscode.commands.executeCommand<vscode.Uri>('esdocs.duplicateDocument', uriOf('orig')));
    assert.ok(draft);
    const document = await vscode.workspace.openTextDocument(draft);
    assert.equal(document.getText(), '{\n  "a": 1.0\n}\n');
    assert.equal(document.isDirty, true, 'a duplicate is unsaved until Ctrl+S');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource(INDEX, 'copy'), '{\n  "a": 1.0\n}\n');
  });

  it('copies the conditional PUT of the editor as curl', async () => {
    await putDocument(INDEX, 'curl me', '{"x":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('curl me'));
    await vscode.window.showTextDocument(document);
    const line = await vscode.commands.executeCommand<string>('esdocs.copyAsCurl', document.uri, 'put');
    assert.match(line, /^curl -X PUT '.*\/operations\/_doc\/curl%20me\?if_seq_no=\d+&if_primary_term=1' -H 'Content-Type: application\/json' --data-raw '\{\n {2}"x": 1\n\}\n'$/);
    assert.equal(await vscode.env.clipboard.readText(), line);
  });

  it('round-trips a routed document listed on a 3-shard index', async () => {
    await restJson('PUT', `/${INDEX}/_doc/routed?routing=tenant-7&refresh=true`, '{"r":1}');
    const view = await tree();
    view.reload();
    const index = (await childrenOf(CONNECTION)).find((n): n is IndexNode => n.kind === 'index' && n.index.name === INDEX);
    assert.ok(index);
    const listed = (await view.getChildren(index)).find((n): n is DocumentNode => n.kind === 'document' && n.address.id === 'routed');
    assert.ok(listed);
    assert.equal(listed.address.routing, 'tenant-7');
    const document = await vscode.workspace.openTextDocument(documentUri(listed.address));
    await replaceAll(document, '{"r":2}');
    assert.equal(await document.save(), true);
    assert.equal((await rest('GET', `/${INDEX}/_source/routed?routing=tenant-7`)).text, '{"r":2}');
  });

  it('writes through an alias to the concrete index the document was read from', async () => {
    await freshIndex('aliased-1');
    await restJson('POST', '/_aliases', JSON.stringify({ actions: [{ add: { index: 'aliased-1', alias: 'current', is_write_index: true } }] }));
    await putDocument('aliased-1', 'a1', '{"v":1}');
    (await tree()).reload();
    const listed = (await childrenOf('current', (await (await tree()).getChildren()).find((n) => n.kind === 'connection' && n.connection.name === CONNECTION))).find(
      (n): n is DocumentNode => n.kind === 'document',
    );
    assert.ok(listed, 'the alias lists its documents');
    assert.equal(listed.address.index, 'aliased-1');
    const document = await vscode.workspace.openTextDocument(documentUri(listed.address));
    await replaceAll(document, '{"v":2}');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource('aliased-1', 'a1'), '{"v":2}');
  });

  it('updates a data stream document in its backing index', async function () {
    // The embedded real Elasticsearch lacks the data-streams module.
    if (onRealEngine()) this.skip();
    await restJson('PUT', '/_index_template/logs-template', JSON.stringify({ index_patterns: ['logs-app*'], data_stream: {}, priority: 500 }));
    await rest('DELETE', '/_data_stream/logs-app');
    const created = await restJson<{ _index: string; _id: string }>('POST', '/logs-app/_doc?refresh=true', '{"@timestamp":"2026-11-25T10:00:00Z","message":"started"}');
    assert.match(created._index, /^\.ds-logs-app-/);
    const view = await tree();
    view.reload();
    const connection = (await view.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === CONNECTION);
    const stream = (await view.getChildren(connection)).find((n) => n.kind === 'dataStream' && n.stream.name === 'logs-app');
    assert.ok(stream, 'the data stream is listed');
    const [backing] = await view.getChildren(stream);
    assert.ok(backing?.kind === 'index' && backing.index.name === created._index);
    const listed = (await view.getChildren(backing)).find((n): n is DocumentNode => n.kind === 'document');
    assert.ok(listed);
    const document = await vscode.workspace.openTextDocument(documentUri(listed.address));
    await replaceAll(document, '{"@timestamp":"2026-11-25T10:00:00Z","message":"edited"}');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource(created._index, created._id), '{"@timestamp":"2026-11-25T10:00:00Z","message":"edited"}');
  });
});
