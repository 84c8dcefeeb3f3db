import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BaseTexts } from '../../src/documents/baseTexts';
import { documentUri } from '../../src/documents/documentUris';
import { choosing, closeAllEditors, CONNECTION, eventually, prepareEditing, putDocument, rawSource, replaceAll, rest } from './support';

const INDEX = 'merges';

function uriOf(id: string): vscode.Uri {
  return documentUri({ connectionId: CONNECTION, index: INDEX, id });
}

/** The merge editor's tab, recognised by its input's shape (its type is not in the stable API). */
function mergeTab(): { result: vscode.Uri } | undefined {
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    const input = tab.input as { base?: vscode.Uri; input1?: vscode.Uri; input2?: vscode.Uri; result?: vscode.Uri } | undefined;
    if (input?.base && input.input1 && input.input2 && input.result) return { result: input.result };
  }
  return undefined;
}

async function openEdited(id: string, source: string, theirs: string, mine: string): Promise<vscode.TextDocument> {
  await putDocument(INDEX, id, source);
  const document = await vscode.workspace.openTextDocument(uriOf(id));
  await vscode.window.showTextDocument(document);
  await putDocument(INDEX, id, theirs);
  await replaceAll(document, mine);
  return document;
}

describe('Merging with the server version', function () {
  this.timeout(60000);

  before(async () => {
    await prepareEditing(INDEX);
  });

  afterEach(closeAllEditors);

  it('a colleague\'s change of another field: Merge, then Ctrl+S, and the cluster holds both', async () => {
    const document = await openEdited('m1', '{"title":"Interstelar","year":2014}', '{"title":"Interstellar","year":2014}', '{\n  "title": "Interstelar",\n  "year": 2015\n}\n');
    const { result: saved, shown } = await choosing('Merge', async () => {
      const result = await vscode.commands.executeCommand('esdocs.saveDocument');
      await eventually(() => document.getText().includes('"Interstellar"') || undefined, 'the merged text in the editor');
      return result;
    });
    assert.equal(saved, false, 'the first save conflicts');
    assert.match(shown[0], /changed on the server since you opened it \(seq \d+ → \d+\): 1 field there, 1 here, no overlap\.$/);
    assert.equal(shown[1], 'Merged: 1 change from the server kept. Review and save (Ctrl+S).');
    assert.equal(await rawSource(INDEX, 'm1'), '{"title":"Interstellar","year":2014}', 'merging wrote nothing');
    assert.ok(document.isDirty, 'the editor stays dirty for review');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true);
    assert.deepEqual(JSON.parse(await rawSource(INDEX, 'm1')), { title: 'Interstellar', year: 2015 });
  });

  it('Ctrl+Z after Merge brings the user\'s own text back, and saving that text conflicts', async () => {
    const mine = '{\n  "a": 1,\n  "b": 2\n}\n';
    const document = await openEdited('m2', '{"a":1,"b":1}', '{"a":5,"b":1}', mine);
    await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    await choosing(undefined, () => vscode.commands.executeCommand('esdocs.merge', document.uri));
    assert.equal(document.getText(), '{\n  "a": 5,\n  "b": 2\n}\n');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await eventually(() => document.getText() === mine || undefined, 'the user\'s text back');
    const { result } = await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    assert.equal(result, false, 'the undone text would erase the server\'s change of "a"');
    assert.equal(await rawSource(INDEX, 'm2'), '{"a":5,"b":1}');
  });

  it('overlapping changes open the merge editor; nothing is written until the result is saved, then conditionally', async () => {
    const document = await openEdited('m3', '{"title":"A","year":1}', '{"title":"Theirs","year":1}', '{\n  "title": "Mine",\n  "year": 1\n}\n');
    await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    const { shown } = await choosing(undefined, () => vscode.commands.executeCommand('esdocs.merge', document.uri));
    assert.match(shown.at(-1) ?? '', /Both you and the server changed title\./);
    const tab = await eventually(mergeTab, 'the merge editor');
    assert.equal(tab.result.scheme, 'esdocs-merge', 'the result is a scratch file, never the live document');
    assert.equal(await rawSource(INDEX, 'm3'), '{"title":"Theirs","year":1}', 'opening the merge editor wrote nothing');
    const result = await vscode.workspace.openTextDocument(tab.result);
    // The merge editor starts the result from the base and the changes that don't overlap.
    await eventually(() => !result.getText().includes('<<<<<<<') || undefined, 'the merge editor to prepare its result');
    await replaceAll(result, '{\n  "title": "Theirs and mine",\n  "year": 1\n}\n');
    assert.ok(await result.save(), 'the result saves');
    assert.deepEqual(JSON.parse(await rawSource(INDEX, 'm3')), { title: 'Theirs and mine', year: 1 });
    assert.equal(document.isDirty, false);
  });

  it('a result saved after the server changed again conflicts again: still conditional', async () => {
    const document = await openEdited('m4', '{"t":"A"}', '{"t":"B"}', '{\n  "t": "C"\n}\n');
    await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    await choosing(undefined, () => vscode.commands.executeCommand('esdocs.merge', document.uri));
    const tab = await eventually(mergeTab, 'the merge editor');
    await putDocument(INDEX, 'm4', '{"t":"D"}');
    const result = await vscode.workspace.openTextDocument(tab.result);
    await eventually(() => !result.getText().includes('<<<<<<<') || undefined, 'the merge editor to prepare its result');
    await replaceAll(result, '{\n  "t": "B+C"\n}\n');
    await choosing(undefined, () => result.save());
    assert.equal(await rawSource(INDEX, 'm4'), '{"t":"D"}', 'the newer change was not overwritten');
    assert.ok(document.isDirty);
    assert.equal(document.getText(), '{\n  "t": "B+C"\n}\n', 'the merged text waits in the editor');
  });

  it('a document deleted on the server offers nothing to merge', async () => {
    const document = await openEdited('m5', '{"v":1}', '{"v":1}', '{"v":2}');
    await rest('DELETE', `/${INDEX}/_doc/m5?refresh=true`);
    const { shown } = await choosing(undefined, () => vscode.commands.executeCommand('esdocs.merge', document.uri));
    assert.match(shown.at(-1) ?? '', /deleted on the server: there is nothing to merge with/);
    assert.equal(document.getText(), '{"v":2}');
  });
});

describe('The text a document was based on', () => {
  /** Workspace state as VS Code keeps it across a reload: JSON values by key. */
  function memoryState(): vscode.Memento {
    const values = new Map<string, unknown>();
    return {
      keys: () => [...values.keys()],
      get: <T>(key: string, fallback?: T) => (values.has(key) ? (JSON.parse(JSON.stringify(values.get(key))) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
    } as vscode.Memento;
  }

  it('keeps a large base in the storage folder, not in workspace state, and reads it back after a reload', async () => {
    const folder = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-bases-')));
    try {
      const state = memoryState();
      const small = '{"a":1}';
      const large = `{"text":"${'é'.repeat(100_000)}","n":9223372036854775807}`;
      const before = new BaseTexts(state, folder);
      before.set(uriOf('small'), small);
      before.set(uriOf('large'), large);
      assert.ok(JSON.stringify(state.get('esdocs.baseTexts')).length < 1_000, 'workspace state holds no large text');
      await eventually(() => fs.readdirSync(folder.fsPath).length === 1 || undefined, 'the large base written to a file');
      const after = new BaseTexts(state, folder);
      assert.equal(await after.get(uriOf('small')), small);
      assert.equal(await after.get(uriOf('large')), large);
      after.delete(uriOf('large'));
      await eventually(() => fs.readdirSync(folder.fsPath).length === 0 || undefined, 'the file removed with its document');
      assert.equal(await new BaseTexts(state, folder).get(uriOf('large')), undefined);
    } finally {
      fs.rmSync(folder.fsPath, { recursive: true, force: true });
    }
  });
});
