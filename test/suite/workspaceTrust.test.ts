import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ConsoleAnswer } from '../../src/console/model/consoleResults';
import { answering, clusterUrl, CONNECTION, closeAllEditors, eventually, replaceAll, rest, useTestConnection } from './support';

/**
 * Run twice by `npm run test:host`: once in the main run, where workspace trust is off (every
 * folder is trusted: the control), and once in a run of its own with workspace trust on, where
 * the opened folder is untrusted (ESDOCS_TEST_RESTRICTED=1).
 */
const restricted = process.env.ESDOCS_TEST_RESTRICTED === '1';
const FOLDER_CONNECTION = 'from-the-folder';

async function connectionNames(): Promise<string[]> {
  const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
  assert.ok(extension);
  const { tree } = await extension.activate();
  tree.reload();
  return (await tree.getChildren()).flatMap((n) => (n.kind === 'connection' ? [n.connection.name] : []));
}

describe('Restricted Mode and a folder\'s connections', function () {
  this.timeout(60000);
  let settingsFile: string;

  before(async () => {
    await useTestConnection();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    // editor.tabSize is read from a folder whatever its trust: once VS Code shows it, it has read the file.
    await fs.writeFile(settingsFile, JSON.stringify({ 'esdocs.connections': [{ name: FOLDER_CONNECTION, url: clusterUrl() }], 'editor.tabSize': 3 }));
    await eventually(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 3 || undefined, 'the folder settings read');
  });

  after(async () => {
    await fs.rm(settingsFile, { force: true });
    await eventually(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === undefined || undefined, 'the folder settings gone');
  });

  it(restricted ? 'ignores them while the folder is not trusted' : 'uses them in a trusted folder (the control)', async () => {
    assert.equal(vscode.workspace.isTrusted, !restricted, restricted ? 'the run has workspace trust on' : 'the main run trusts every folder');
    const names = await connectionNames();
    // Trusted, the folder's value replaces the user's (VS Code does not merge arrays); untrusted, the user's stays.
    assert.equal(names.includes(FOLDER_CONNECTION), !restricted, names.join(', '));
    assert.equal(names.includes('test'), restricted, names.join(', '));
  });

  it(restricted ? 'sends nothing from a console while the folder is not trusted' : 'sends from a console in a trusted folder (the control)', async () => {
    await rest('DELETE', '/trust');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('esdocs.newConsole', { kind: 'connection', connection: { id: restricted ? CONNECTION : FOLDER_CONNECTION } });
    try {
      await replaceAll(editor.document, 'PUT trust/_doc/1\n{"from": "a console"}\n');
      const answers = await answering({}, () => vscode.commands.executeCommand<ConsoleAnswer[]>('esdocs.sendRequest', editor.document.uri, 0));
      assert.equal(answers.length, restricted ? 0 : 1);
      assert.equal((await rest('GET', '/trust/_doc/1')).status, restricted ? 404 : 200, restricted ? 'nothing reached the cluster' : 'the control wrote');
    } finally {
      await closeAllEditors();
      await rest('DELETE', '/trust');
    }
  });
});
