import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentUri } from '../../src/documents/documentUris';
import { choosing, closeAllEditors, CONNECTION, eventually, onRealEngine, prepareEditing, putDocument, rawSource, replaceAll, restJson } from './support';

const INDEX = 'save-format';
/** What must reach the cluster byte for byte: a big integer, `1.0`, unicode raw and escaped, integer-like keys out of order, spaces inside a string. */
const SOURCE = '{"big":9223372036854775807,"one":1.0,"u":"é😀\\u00e9\\ud83d\\ude00","2":"two","1":"one","s":"two  spaces : and, a comma","list":[1.50,2.5],"obj":{"k":"v"}}';

function uriOf(id: string): vscode.Uri {
  return documentUri({ connectionId: CONNECTION, index: INDEX, id });
}

async function useSaveFormat(format: 'compact' | 'asTyped' | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('esdocs').update('saveFormat', format, vscode.ConfigurationTarget.Global);
}

async function openEdited(id: string): Promise<{ document: vscode.TextDocument; edited: string }> {
  await putDocument(INDEX, id, SOURCE);
  const document = await vscode.workspace.openTextDocument(uriOf(id));
  await vscode.window.showTextDocument(document);
  const edited = document.getText().replace('"two"', '"deux"');
  await replaceAll(document, edited);
  return { document, edited };
}

describe('What a save sends (esdocs.saveFormat)', function () {
  this.timeout(60000);

  before(async () => {
    await prepareEditing(INDEX);
  });

  afterEach(closeAllEditors);

  after(async () => {
    // The other suites save as typed (see useTestConnection).
    await useSaveFormat('asTyped');
  });

  it('compact, the default: the cluster gets the text without indentation, every token byte for byte; the editor keeps its text', async () => {
    await useSaveFormat(undefined);
    const { document, edited } = await openEdited('compact');
    assert.ok(edited.includes('\n  "big": 9223372036854775807,\n'), 'the editor shows the document indented');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource(INDEX, 'compact'), SOURCE.replace('"two"', '"deux"'));
    assert.equal(document.isDirty, false, 'saved, not dirty');
    assert.equal(document.getText(), edited, 'the buffer is not rewritten');

    // The version and base recorded after the compact save carry the next save.
    const again = edited.replace('1.50', '1.500');
    await replaceAll(document, again);
    assert.equal(await document.save(), true, 'the next save uses the version of the compact one');
    assert.equal(await rawSource(INDEX, 'compact'), SOURCE.replace('"two"', '"deux"').replace('1.50', '1.500'));
    assert.equal(document.getText(), again);
  });

  it('as typed: the cluster gets the editor text as it is', async () => {
    await useSaveFormat('asTyped');
    const { document, edited } = await openEdited('as-typed');
    assert.equal(await document.save(), true);
    assert.equal(await rawSource(INDEX, 'as-typed'), edited);
    assert.equal(document.isDirty, false);
  });

  it('compact: recognises its own write when the answer to a save was lost', async function () {
    // The lost answer is the test server's fault injection.
    if (onRealEngine()) this.skip();
    await useSaveFormat('compact');
    const { document } = await openEdited('lost');
    await restJson('POST', '/_esdocs_test/faults', JSON.stringify({ kind: 'drop_after', method: 'PUT', path: '/lost', times: 1 }));
    assert.equal(await document.save(), false, 'the save failed: no answer came');
    assert.equal(await rawSource(INDEX, 'lost'), SOURCE.replace('"two"', '"deux"'), 'yet the cluster applied it, compact');
    assert.equal(await document.save(), true, 'the next save finds its own compact text on the server: no conflict');
    assert.equal(document.isDirty, false);
  });

  it('compact: a merge after a compact save keeps both changes', async () => {
    await useSaveFormat('compact');
    const { document, edited } = await openEdited('merge');
    assert.equal(await document.save(), true);
    // A colleague changes another field of the version just saved (compact on the cluster).
    await putDocument(INDEX, 'merge', SOURCE.replace('"two"', '"deux"').replace('"one":1.0', '"one":3.0'));
    await replaceAll(document, edited.replace('"v"', '"w"'));
    const { result: saved } = await choosing('Merge', async () => {
      const result = await vscode.commands.executeCommand('esdocs.saveDocument');
      await eventually(() => document.getText().includes('3.0') || undefined, 'the merged text in the editor');
      return result;
    });
    assert.equal(saved, false, 'the first save conflicts');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true);
    assert.equal(await rawSource(INDEX, 'merge'), SOURCE.replace('"two"', '"deux"').replace('"one":1.0', '"one":3.0').replace('"v"', '"w"'));
  });
});
