import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentUri } from '../../src/documents/documentUris';
import { answering, closeAllEditors, CONNECTION, eventually, prepareEditing, putDocument, rawSource, replaceAll, rest } from './support';

const INDEX = 'flows';

function uriOf(id: string, connectionId = CONNECTION): vscode.Uri {
  return documentUri({ connectionId, index: INDEX, id });
}

function tabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) return input.uri.toString() === uri.toString();
      return input instanceof vscode.TabInputTextDiff && input.modified.toString() === uri.toString();
    });
}

/** Runs `body` with error notifications recorded instead of shown. */
async function recordingErrors<T>(body: () => Thenable<T>): Promise<{ result: T; errors: string[] }> {
  const window = vscode.window as { showErrorMessage: unknown };
  const original = window.showErrorMessage;
  const errors: string[] = [];
  window.showErrorMessage = async (message: string) => {
    errors.push(message);
    return undefined;
  };
  try {
    return { result: await body(), errors };
  } finally {
    window.showErrorMessage = original;
  }
}

describe('Resolving conflicts and failures', function () {
  this.timeout(60000);

  before(async () => {
    await prepareEditing(INDEX);
  });

  afterEach(closeAllEditors);

  it('after Overwrite, an open diff shows the new server version', async () => {
    await putDocument(INDEX, 'o1', '{"v":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('o1'));
    await vscode.window.showTextDocument(document);
    await putDocument(INDEX, 'o1', '{"v":2}');
    const mine = '{\n  "v": 3\n}\n';
    await replaceAll(document, mine);
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false);
    await vscode.commands.executeCommand('esdocs.compareWithServer', document.uri);
    const diff = await eventually(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'the diff');
    const server = await vscode.workspace.openTextDocument(diff.original);
    assert.equal(server.getText(), '{\n  "v": 2\n}\n');
    assert.equal(await vscode.commands.executeCommand('esdocs.overwriteServer', document.uri), true);
    await eventually(() => server.getText() === mine || undefined, 'the left side to show the version just written');
  });

  it('Revert on a document deleted on the server closes its editor, with no error', async () => {
    await putDocument(INDEX, 'gone', '{"v":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('gone'));
    await vscode.window.showTextDocument(document);
    await rest('DELETE', `/${INDEX}/_doc/gone?refresh=true`);
    await replaceAll(document, '{"v":5}');
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false);
    await vscode.commands.executeCommand('esdocs.compareWithServer', document.uri);
    await eventually(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'gone (deleted on the server ↔ yours)' || undefined, 'the diff titled as deleted');
    const { errors } = await recordingErrors(() => vscode.commands.executeCommand('esdocs.revertToServer', document.uri));
    assert.deepEqual(errors, []);
    await eventually(() => tabsOf(document.uri).length === 0 || undefined, 'the editors of the deleted document to close');
    assert.equal((await rest('GET', `/${INDEX}/_doc/gone`)).status, 404, 'nothing was written');
  });

  it('deleting an open document marks its editor; saving it creates the document again', async () => {
    await putDocument(INDEX, 'd1', '{"v":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('d1'));
    await vscode.window.showTextDocument(document);
    assert.equal(await answering({ warning: 'Delete' }, () => vscode.commands.executeCommand('esdocs.deleteDocument', document.uri)), true);
    assert.equal((await rest('GET', `/${INDEX}/_doc/d1`)).status, 404);
    await replaceAll(document, '{"v":2}');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true);
    assert.equal(await rawSource(INDEX, 'd1'), '{"v":2}');
  });

  it('a failing command says so in a notification, not as a command error', async () => {
    const { result, errors } = await recordingErrors(() => vscode.commands.executeCommand('esdocs.overwriteServer', uriOf('x', 'no-such-connection')));
    assert.equal(result, undefined, 'the command resolves');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /no connection named "no-such-connection"/);
    assert.doesNotMatch(errors[0], /esdocs:/, 'no raw URI');
  });
});
