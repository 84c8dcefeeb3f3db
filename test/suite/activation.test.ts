import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'esdocs.elasticsearch-documents';

describe('Extension activation', () => {
  it('runs inside a real VS Code extension host', () => {
    console.log(`VS Code ${vscode.version}, ${vscode.env.appName}, uiKind=${vscode.UIKind[vscode.env.uiKind]}`);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
    assert.ok(contributed.length >= 10);
  });

  it('shows the Elasticsearch view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.esdocs');
    await vscode.commands.executeCommand('esdocs.documents.focus');
  });
});
