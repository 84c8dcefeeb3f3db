import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApplyReport, Preview, UndoReport } from '../../src/bulk/changeRunner';
import { clusterUrl, CONNECTION, closeAllEditors, freshIndex, onRealEngine, putDocument, rawSource, rest, restJson, useTestConnection, withWindowStubs } from './support';

const INDEX = 'bulk';
const READ_ONLY = 'test-read-only';
const SOURCE = (i: number) => `{"title":"Movie ${i}","year":${2010 + (i % 5)},"big":9007199254740993,"f":1.0,"é":"ü"}`;

const preview = (options: Record<string, unknown>) => vscode.commands.executeCommand<Preview>('esdocs.previewChange', { connectionId: CONNECTION, index: INDEX, confirm: false, ...options });
const apply = (changeSetId: string) => vscode.commands.executeCommand<ApplyReport>('esdocs.applyChange', { changeSetId, confirm: false });
const reapply = (changeSetId: string) => vscode.commands.executeCommand<ApplyReport>('esdocs.reapplyChange', { changeSetId, confirm: false });
const undo = (changeSetId: string) => vscode.commands.executeCommand<UndoReport>('esdocs.undoChange', { changeSetId, confirm: false });

describe('Bulk changes', function () {
  this.timeout(60000);

  before(async () => {
    await useTestConnection();
    const config = vscode.workspace.getConfiguration('esdocs');
    await config.update('connections', [{ name: CONNECTION, url: clusterUrl() }, { name: READ_ONLY, url: clusterUrl(), readOnly: true }], vscode.ConfigurationTarget.Global);
    await config.update('bulk.batchSize', 7, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('esdocs').update('bulk.batchSize', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await freshIndex(INDEX);
    await restJson('PUT', `/${INDEX}/_mapping`, JSON.stringify({ properties: { year: { type: 'long' } } }));
    const lines = Array.from({ length: 30 }, (_, i) => `{"index":{"_id":"b${i}"}}\n${SOURCE(i)}\n`).join('');
    await rest('POST', `/${INDEX}/_bulk?refresh=true`, lines, 'application/x-ndjson');
  });

  afterEach(closeAllEditors);

  it('previews what a change will do before anything is written: matched, will change, no-ops, samples', async () => {
    const shown = await preview({ query: 'year:2014', change: { set: { path: 'reviewed', value: 'true' } } });
    assert.equal(shown.matched, 6);
    assert.equal(shown.willChange, 6);
    assert.equal(shown.samples.length, 6);
    assert.equal(shown.samples[0].after, shown.samples[0].before.replace(/}$/, ',"reviewed":true}'));
    const noop = await preview({ query: 'year:2014', change: { set: { path: 'f', value: '1.0' } } });
    assert.deepEqual([noop.willChange, noop.unchanged], [0, 6]);
    assert.equal(await rawSource(INDEX, 'b4'), SOURCE(4), 'nothing written by a preview');
  });

  it('applies in conditional _bulk batches, journals each batch, and undoes exactly, byte for byte', async function () {
    if (onRealEngine()) this.skip();
    const shown = await preview({ change: { rename: { from: 'big', to: 'huge' } } });
    await rest('DELETE', '/_esdocs_test/requests');
    const report = await apply(shown.changeSetId);
    assert.deepEqual([report.changed, report.unchanged, report.conflicts.length, report.refused.length], [30, 0, 0, 0]);
    const counts = (await restJson<{ byRoute: Record<string, number> }>('GET', '/_esdocs_test/requests')).byRoute;
    assert.equal(counts['POST /_bulk'], 5, '30 documents in batches of 7');
    assert.equal(await rawSource(INDEX, 'b3'), '{"title":"Movie 3","year":2013,"f":1.0,"é":"ü","huge":9007199254740993}');
    const undone = await undo(shown.changeSetId);
    assert.deepEqual([undone.restored, undone.changedSince.length], [30, 0]);
    assert.equal(await rawSource(INDEX, 'b3'), SOURCE(3));
    const redone = await undo(undone.changeSetId);
    assert.equal(redone.restored, 30, 'the undo is a change set of its own, and can be undone');
  });

  it('reports a document changed since the preview as a conflict, re-applies it only when asked, and undo keeps a later edit', async () => {
    const shown = await preview({ query: 'year:2012', change: { set: { path: 'reviewed', value: 'true' } } });
    await putDocument(INDEX, 'b2', SOURCE(2).replace('"Movie 2"', '"Colleague"'));
    const report = await apply(shown.changeSetId);
    assert.deepEqual(report.conflicts.map((doc) => doc.id), ['b2']);
    assert.equal(report.changed, shown.willChange - 1);
    assert.equal(await rawSource(INDEX, 'b2'), SOURCE(2).replace('"Movie 2"', '"Colleague"'), 'the colleague\'s write stands');
    const again = await reapply(shown.changeSetId);
    assert.equal(again.changed, 1);
    assert.equal(await rawSource(INDEX, 'b2'), SOURCE(2).replace('"Movie 2"', '"Colleague"').replace(/}$/, ',"reviewed":true}'));
    // Someone edits one of the changed documents after the change set: undo must not restore it.
    await putDocument(INDEX, 'b7', SOURCE(7).replace(/}$/, ',"reviewed":true,"note":"later"}'));
    const undone = await undo(shown.changeSetId);
    assert.deepEqual(undone.changedSince.map((doc) => doc.id), ['b7']);
    assert.equal(await rawSource(INDEX, 'b7'), SOURCE(7).replace(/}$/, ',"reviewed":true,"note":"later"}'));
    assert.equal(await rawSource(INDEX, 'b12'), SOURCE(12));
    assert.equal(await rawSource(INDEX, 'b2'), SOURCE(2).replace('"Movie 2"', '"Colleague"'), 'restored to what it was before the re-apply');

    // The one left is opened with the undo merged into the later version: "reviewed" taken back, the note kept, unsaved.
    const address = { connectionId: CONNECTION, index: INDEX, id: 'b7' };
    await vscode.commands.executeCommand('esdocs.openHit', address, { base: SOURCE(7).replace(/}$/, ',"reviewed":true}'), yours: SOURCE(7) });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.isDirty, true);
    assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(SOURCE(7).replace(/}$/, ',"note":"later"}')));
    assert.match(editor.document.getText(), /9007199254740993[\s\S]*1\.0/, 'values kept as their text');
    assert.equal(await rawSource(INDEX, 'b7'), SOURCE(7).replace(/}$/, ',"reviewed":true,"note":"later"}'), 'nothing written before a save');
  });

  it('stops between batches when cancelled, and the journal lets undo restore what was written', async () => {
    const shown = await preview({ change: { set: { path: 'reviewed', value: 'true' } } });
    let batches = 0;
    const report = await withWindowStubs({
      withProgress: <R>(_options: unknown, task: (progress: vscode.Progress<unknown>, token: vscode.CancellationToken) => Thenable<R>) => {
        const cancel = new vscode.CancellationTokenSource();
        return task({ report: () => (++batches === 2 ? cancel.cancel() : undefined) }, cancel.token);
      },
    }, () => apply(shown.changeSetId));
    assert.equal(report.cancelled, true);
    assert.equal(report.changed, 14, 'two batches of 7 were sent, then it stopped');
    const undone = await undo(shown.changeSetId);
    assert.equal(undone.restored, 14);
    for (const id of ['b0', 'b13', 'b29']) assert.equal(await rawSource(INDEX, id), SOURCE(Number(id.slice(1))));
  });

  it('knows what a batch whose answer never came wrote, from the journal checked against the server', async function () {
    if (onRealEngine()) this.skip();
    const shown = await preview({ query: 'year:2010', change: { set: { path: 'reviewed', value: 'true' } } });
    await restJson('POST', '/_esdocs_test/faults', JSON.stringify({ kind: 'drop_after', method: 'POST', path: '^/_bulk$', times: 1 }));
    assert.equal(await apply(shown.changeSetId), undefined, 'the failure is reported, no result');
    // The batch was applied by the server; its answer was lost. Undo reads the journal and the server.
    const undone = await undo(shown.changeSetId);
    assert.deepEqual([undone.restored, undone.changedSince.length], [0, 6], 'written but unconfirmed: reported, not restored blind');
  });

  it('checks a Set Field value against the mapping before anything is read', async () => {
    assert.equal(await preview({ change: { set: { path: 'year', value: '"soon"' } } }), undefined, 'refused, with the reason shown');
    assert.equal((await preview({ change: { set: { path: 'year', value: '2020' } } })).willChange, 30);
  });

  it('previews a Painless script by its count only; a cluster that runs no script refuses each document, and nothing is written', async () => {
    const shown = await preview({ change: { script: { source: 'ctx._source.year += params.n', params: '{"n":1}' } } });
    assert.deepEqual([shown.scripted, shown.matched, shown.samples.length], [true, 30, 0]);
    const report = await apply(shown.changeSetId);
    assert.deepEqual([report.changed, report.refused.length], [0, 30]);
    assert.equal(report.refused[0].reason, 'illegal_argument_exception: failed to execute script: cannot execute [inline] scripts');
    assert.equal(await rawSource(INDEX, 'b1'), SOURCE(1));
  });

  it('refuses every part of it on a read-only connection, before anything is sent', async () => {
    assert.equal(await vscode.commands.executeCommand('esdocs.previewChange', { connectionId: READ_ONLY, index: INDEX, confirm: false, change: { remove: { path: 'f' } } }), undefined, 'refused, with the reason shown');
    assert.equal(await rawSource(INDEX, 'b1'), SOURCE(1));
  });
});
