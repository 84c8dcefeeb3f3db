import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentUri } from '../../src/documents/documentUris';
import { answering, closeAllEditors, CONNECTION, eventually, prepareEditing, putDocument, rawSource, replaceAll, rest } from './support';

const INDEX = 'autosave';

function uriOf(id: string): vscode.Uri {
  return documentUri({ connectionId: CONNECTION, index: INDEX, id });
}

/**
 * Types into a file on disk and waits until VS Code auto-saves it: proof that the auto-saver ran
 * after everything typed before, since each edit schedules its own save with the same delay.
 */
async function autoSaverHasRun(): Promise<void> {
  const file = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-autosave-')), 'control.txt'));
  fs.writeFileSync(file.fsPath, 'control\n');
  await vscode.workspace.openTextDocument(file);
  const saved = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.toString() === file.toString()) {
        subscription.dispose();
        resolve();
      }
    });
  });
  const edit = new vscode.WorkspaceEdit();
  edit.insert(file, new vscode.Position(0, 0), 'typed ');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await saved;
}

async function setAutoSave(mode: string | undefined, delay?: number): Promise<void> {
  const files = vscode.workspace.getConfiguration('files');
  await files.update('autoSave', mode, vscode.ConfigurationTarget.Global);
  await files.update('autoSaveDelay', delay, vscode.ConfigurationTarget.Global);
}

async function seqNoOf(id: string): Promise<number> {
  const answer = await rest('GET', `/${INDEX}/_doc/${id}`);
  return (JSON.parse(answer.text) as { _seq_no: number })._seq_no;
}

describe('No write without intent', function () {
  this.timeout(60000);

  before(async () => {
    await prepareEditing(INDEX);
    await setAutoSave('afterDelay', 100);
  });

  after(async () => {
    await setAutoSave(undefined, undefined);
    await vscode.workspace.getConfiguration('esdocs').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(closeAllEditors);

  it('does not auto-save a document to the cluster while files auto-save', async () => {
    await putDocument(INDEX, 'a1', '{"title":"original"}');
    const before = await seqNoOf('a1');
    const document = await vscode.workspace.openTextDocument(uriOf('a1'));
    assert.equal(document.languageId, 'esdocs-json', 'the extension language, whose auto-save is off');
    await vscode.window.showTextDocument(document);
    await replaceAll(document, '{\n  "title": "half typed",\n');
    await replaceAll(document, '{\n  "title": "typed"\n}\n');
    await autoSaverHasRun();
    assert.equal(document.isDirty, true, 'the editor keeps its unsaved text');
    assert.equal(await rawSource(INDEX, 'a1'), '{"title":"original"}');
    assert.equal(await seqNoOf('a1'), before, 'nothing was written');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true, 'Ctrl+S saves');
    assert.equal(document.isDirty, false);
    assert.equal(await rawSource(INDEX, 'a1'), '{\n  "title": "typed"\n}\n');
  });

  it('after a conflict, Revert and Ctrl+Z, sends nothing, and a save of the undone text conflicts', async () => {
    await putDocument(INDEX, 'r1', '{"title":"original"}');
    const document = await vscode.workspace.openTextDocument(uriOf('r1'));
    await vscode.window.showTextDocument(document);
    await putDocument(INDEX, 'r1', '{"title":"theirs"}');
    const mine = '{\n  "title": "mine"\n}\n';
    await replaceAll(document, mine);
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'the save conflicts');

    await answering({}, () => vscode.commands.executeCommand('esdocs.revertToServer', document.uri));
    await eventually(() => (!document.isDirty && document.getText().includes('theirs')) || undefined, 'the revert');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await eventually(() => document.getText() === mine || undefined, 'undo to bring back the text written against the old version');
    await autoSaverHasRun();
    assert.equal(await rawSource(INDEX, 'r1'), '{"title":"theirs"}', 'auto-save sent nothing');

    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'Ctrl+S on the undone text conflicts');
    assert.equal(await rawSource(INDEX, 'r1'), '{"title":"theirs"}', 'the other writer\'s change is kept');
    assert.equal(document.getText(), mine, 'and the user\'s text too');
    assert.equal(await vscode.commands.executeCommand('esdocs.overwriteServer', document.uri), true, 'Overwrite is the explicit choice');
    assert.equal(await rawSource(INDEX, 'r1'), mine);
  });

  it('a read for another reason (Compare with Saved, another extension) does not move the token', async () => {
    await putDocument(INDEX, 't1', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('t1'));
    await vscode.window.showTextDocument(document);
    await replaceAll(document, '{"n":100}');
    await putDocument(INDEX, 't1', '{"n":2}');
    await vscode.commands.executeCommand('workbench.files.action.compareWithSaved');
    await vscode.workspace.fs.readFile(document.uri);
    await vscode.window.showTextDocument(document);
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'the save still conflicts');
    assert.equal(await rawSource(INDEX, 't1'), '{"n":2}');
  });

  it('a read of a clean editor that does not take the text does not move its token either', async () => {
    await putDocument(INDEX, 't2', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('t2'));
    await putDocument(INDEX, 't2', '{"n":2}');
    await vscode.workspace.fs.readFile(document.uri);
    await replaceAll(document, '{"n":300}');
    assert.equal(await answering({}, () => document.save()), false, 'the save conflicts');
    assert.equal(await rawSource(INDEX, 't2'), '{"n":2}');
  });

  it('New Document creates nothing before the first explicit save', async () => {
    const uri = await answering({ inputs: ['new-1', ''] }, () => vscode.commands.executeCommand<vscode.Uri>('esdocs.newDocument', { kind: 'index', connectionId: CONNECTION, index: { name: INDEX, health: 'green', docsCount: 0, hidden: false } }));
    assert.ok(uri);
    assert.match(uri.path, /\/_create\/new-1\.json$/, 'a draft is told apart from the document by its path');
    const draft = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(draft?.isDirty);
    await autoSaverHasRun();
    assert.equal((await rest('GET', `/${INDEX}/_doc/new-1`)).status, 404, 'nothing was created');
  });

  it('with esdocs.autoSave on, auto-saves are written, conditionally, and only when the text parses', async () => {
    await vscode.workspace.getConfiguration('esdocs').update('autoSave', true, vscode.ConfigurationTarget.Global);
    await eventually(() => vscode.workspace.getConfiguration('files', { languageId: 'esdocs-json' }).get('autoSave') === 'afterDelay' || undefined, 'auto-save for the language');
    await putDocument(INDEX, 'o1', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(uriOf('o1'));
    await vscode.window.showTextDocument(document);
    await replaceAll(document, '{"n": ');
    await autoSaverHasRun();
    assert.equal(await rawSource(INDEX, 'o1'), '{"n":1}', 'text that does not parse is not sent');
    await replaceAll(document, '{"n":2}');
    // VS Code skips an auto-save while the JSON service still reports the old errors; the next edit auto-saves.
    await eventually(() => vscode.languages.getDiagnostics(document.uri).length === 0 || undefined, 'the errors to clear');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 7), '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The save event, however long the auto-save delay and the JSON service take on a busy machine (the test's timeout bounds it).
    await savedOnce(document);
    assert.equal(await rawSource(INDEX, 'o1'), '{"n":2}\n');

    await vscode.workspace.getConfiguration('esdocs').update('autoSave', false, vscode.ConfigurationTarget.Global);
    await eventually(() => vscode.workspace.getConfiguration('files', { languageId: 'esdocs-json' }).get('autoSave') === 'off' || undefined, 'auto-save off again');
  });
});

/** Resolves when the document is saved (at once if it is not dirty). */
function savedOnce(document: vscode.TextDocument): Promise<void> {
  return new Promise((resolve) => {
    if (!document.isDirty) return resolve();
    const subscription = vscode.workspace.onDidSaveTextDocument((saved) => {
      if (saved.uri.toString() !== document.uri.toString()) return;
      subscription.dispose();
      resolve();
    });
  });
}
