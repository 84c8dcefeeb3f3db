import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'esdocs.elasticsearch-documents';

interface Manifest {
  engines: { vscode: string };
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
}

function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is installed`);
  return found;
}

const manifest = (): Manifest => extension().packageJSON as Manifest;

/** `[major, minor, patch]` of a version such as `1.138.0` or `1.140.0-insider`. */
function versionParts(version: string): number[] {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  assert.ok(match, `a version: ${version}`);
  return match.slice(1).map(Number);
}

describe('Extension activation', () => {
  it('runs in a VS Code that the manifest\'s engines.vscode admits', () => {
    console.log(`VS Code ${vscode.version}, ${vscode.env.appName}, uiKind=${vscode.UIKind[vscode.env.uiKind]}`);
    const range = manifest().engines.vscode;
    assert.match(range, /^\^\d+\.\d+\.\d+$/, 'a caret range');
    const [major, ...rest] = versionParts(vscode.version);
    const [wantedMajor, ...wantedRest] = versionParts(range.slice(1));
    assert.equal(major, wantedMajor, `${vscode.version} is within ${range}`);
    const [minor, patch] = rest;
    const [wantedMinor, wantedPatch] = wantedRest;
    assert.ok(minor! > wantedMinor! || (minor === wantedMinor && patch! >= wantedPatch!), `${vscode.version} is within ${range}`);
  });

  it('activates', async () => {
    const api = await extension().activate();
    assert.equal(extension().isActive, true);
    assert.ok(api, 'the test API is returned in test mode');
  });

  it('registers exactly the commands that package.json contributes', async () => {
    await extension().activate();
    const contributed = manifest().contributes.commands.map((c) => c.command);
    const views = Object.values(manifest().contributes.views).flat().map((v) => v.id);
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('esdocs.'));
    // VS Code adds commands of its own for each contributed view (`esdocs.documents.focus`, …).
    const byTheExtension = registered.filter((id) => !views.some((view) => id.startsWith(`${view}.`)));
    assert.deepEqual([...byTheExtension].sort(), [...contributed].sort());
  });

  it('shows the Elasticsearch view, which then asks the tree for its connections', async () => {
    const { tree } = await extension().activate();
    // The workbench lists the root of a tree only while its view is visible: reloading is a probe.
    const asked = new Promise<void>((resolve) => {
      const getChildren = tree.getChildren.bind(tree);
      tree.getChildren = (node) => {
        if (node === undefined) {
          tree.getChildren = getChildren;
          resolve();
        }
        return getChildren(node);
      };
    });
    await vscode.commands.executeCommand('workbench.view.extension.esdocs');
    await vscode.commands.executeCommand('esdocs.documents.focus');
    tree.reload();
    await asked;
  });
});
