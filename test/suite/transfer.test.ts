import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/transfer/exporter';
import type { ImportResult } from '../../src/transfer/importer';
import { answering, CONNECTION, closeAllEditors, freshIndex, putDocument, rawSource, rest, useTestConnection, withWindowStubs } from './support';

const INDEX = 'transfer';
const SOURCE = (i: number) => `{"n":${i},"big":9223372036854775807,"f":1.0}`;

const firstItem = async (items: readonly unknown[] | Thenable<readonly unknown[]>) => (await items)[0];

describe('Export and import commands', function () {
  this.timeout(60000);
  let dir: string;

  before(async () => {
    await useTestConnection();
    await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-transfer-host-'));
  });

  beforeEach(async () => {
    await freshIndex(INDEX);
    for (let i = 0; i < 5; i++) await putDocument(INDEX, `t${i}`, SOURCE(i));
  });

  afterEach(closeAllEditors);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports from the options a task gives, without asking anything, byte-exact', async () => {
    const file = path.join(dir, 'sources.ndjson');
    const result = await vscode.commands.executeCommand<ExportResult>('esdocs.exportDocuments', { connectionId: CONNECTION, index: INDEX, format: 'ndjson', file, queryString: 'n:[1 TO 3]' });
    assert.equal(result.documents, 3);
    assert.deepEqual(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).sort(), [SOURCE(1), SOURCE(2), SOURCE(3)]);
  });

  it('asks for the format and the file when run from a row; Cancel keeps or deletes what was written, as chosen', async () => {
    const file = path.join(dir, 'asked.ndjson');
    const row = { kind: 'index', connectionId: CONNECTION, index: { name: INDEX, health: 'green', docsCount: 5, hidden: false } };
    const done = await withWindowStubs({ showQuickPick: firstItem, showSaveDialog: async () => vscode.Uri.file(file) }, () => vscode.commands.executeCommand<ExportResult>('esdocs.exportDocuments', row));
    assert.equal(done.documents, 5);
    assert.equal(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 5);

    const cancelled = await withWindowStubs(
      {
        withProgress: <R>(_options: unknown, task: (progress: vscode.Progress<unknown>, token: vscode.CancellationToken) => Thenable<R>) => {
          const cancel = new vscode.CancellationTokenSource();
          cancel.cancel();
          return task({ report: () => undefined }, cancel.token);
        },
      },
      () => answering({ warning: 'Delete the File' }, () => vscode.commands.executeCommand<ExportResult>('esdocs.exportDocuments', { connectionId: CONNECTION, index: INDEX, format: 'json', file })),
    );
    assert.equal(cancelled.cancelled, true);
    assert.equal(fs.existsSync(file), false, 'the partial file was deleted, as chosen');
  });

  it('imports offline edits conditionally: the document changed on the server meanwhile is reported, not overwritten', async () => {
    const file = path.join(dir, 'tokens.ndjson');
    await vscode.commands.executeCommand('esdocs.exportDocuments', { connectionId: CONNECTION, index: INDEX, format: 'tokens', file });
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"n":1,', '"n":100,').replace('"n":2,', '"n":200,'));
    await putDocument(INDEX, 't2', '{"n":2,"by":"colleague"}');
    const result = await withWindowStubs({ showQuickPick: firstItem }, () =>
      answering({}, () => vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', { connectionId: CONNECTION, index: INDEX, file })),
    );
    assert.deepEqual(result.report.conflicts.entries.map((entry) => entry.id), ['t2']);
    assert.equal(result.report.updated.count, 4);
    assert.equal(await rawSource(INDEX, 't1'), '{"n":100,"big":9223372036854775807,"f":1.0}');
    assert.equal(await rawSource(INDEX, 't2'), '{"n":2,"by":"colleague"}');
  });

  it('exports CSV with the columns ticked, and imports it back with the cells typed by the mapping', async () => {
    const file = path.join(dir, 'chosen.csv');
    const untick = async (items: ReadonlyArray<vscode.QuickPickItem> | Thenable<ReadonlyArray<vscode.QuickPickItem>>, options?: vscode.QuickPickOptions) => {
      const list = await items;
      // The columns: all ticked but "f"; then the encoding: the first offered.
      return options?.canPickMany ? list.filter((item) => item.label !== 'f') : list[0];
    };
    await withWindowStubs({ showQuickPick: untick }, () => vscode.commands.executeCommand('esdocs.exportDocuments', { connectionId: CONNECTION, index: INDEX, format: 'csv', file, queryString: 'n:1' }));
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF_id,n,big\r\nt1,1,9223372036854775807\r\n');
    await freshIndex('transfer-csv');
    await rest('PUT', '/transfer-csv/_mapping', '{"properties":{"n":{"type":"long"},"big":{"type":"long"}}}');
    const result = await withWindowStubs({ showQuickPick: firstItem }, () => vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', { connectionId: CONNECTION, index: 'transfer-csv', file }));
    assert.equal(result.report.created.count, 1);
    assert.equal(await rawSource('transfer-csv', 't1'), '{"n":1,"big":9223372036854775807}');
  });

  it('Cancel stops an import between batches; importing the same file again offers Resume and finishes it, nothing twice', async () => {
    const file = path.join(dir, 'many.ndjson');
    fs.writeFileSync(file, Array.from({ length: 1200 }, (_, i) => `{"m":${i}}`).join('\n') + '\n');
    await freshIndex('transfer-cancel');
    const cancelAfterFirstBatch = <R>(_options: unknown, task: (progress: vscode.Progress<unknown>, token: vscode.CancellationToken) => Thenable<R>) => {
      const cancel = new vscode.CancellationTokenSource();
      // The first report comes once the first batch is acknowledged; the user presses Cancel then.
      return task({ report: () => cancel.cancel() }, cancel.token);
    };
    const stopped = await withWindowStubs({ withProgress: cancelAfterFirstBatch }, () =>
      answering({}, () => vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', { connectionId: CONNECTION, index: 'transfer-cancel', file, mode: 'create' })),
    );
    assert.equal(stopped.cancelled, true);
    assert.ok(stopped.report.created.count > 0 && stopped.report.created.count < 1200, `${stopped.report.created.count} created before Cancel`);
    const resumed = await withWindowStubs({ showInformationMessage: async (_message: string, _options: unknown, resume: string) => resume }, () =>
      vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', { connectionId: CONNECTION, index: 'transfer-cancel', file }),
    );
    assert.equal(resumed.cancelled, false);
    assert.equal(resumed.report.created.count, 1200, 'the report of both runs together');
    await rest('POST', '/transfer-cancel/_refresh');
    assert.match((await rest('GET', '/transfer-cancel/_count')).text, /"count":1200/);
  });

  it('Cancel stops an export between pages; exporting to the same file again offers Resume and finishes it on the same snapshot', async () => {
    const file = path.join(dir, 'resumed.ndjson');
    await freshIndex('transfer-export-cancel');
    await rest('POST', '/transfer-export-cancel/_bulk?refresh=true', Array.from({ length: 1500 }, (_, i) => `{"index":{"_id":"e${i}"}}\n${SOURCE(i)}\n`).join(''), 'application/x-ndjson');
    const cancelAfterFirstPage = <R>(_options: unknown, task: (progress: vscode.Progress<unknown>, token: vscode.CancellationToken) => Thenable<R>) => {
      const cancel = new vscode.CancellationTokenSource();
      // The first report comes once the first page is written; the user presses Cancel then.
      return task({ report: () => cancel.cancel() }, cancel.token);
    };
    const options = { connectionId: CONNECTION, index: 'transfer-export-cancel', format: 'ndjson', file };
    const stopped = await withWindowStubs({ withProgress: cancelAfterFirstPage }, () =>
      answering({ warning: 'Keep the File' }, () => vscode.commands.executeCommand<ExportResult>('esdocs.exportDocuments', options)),
    );
    assert.deepEqual([stopped.cancelled, stopped.resumable, stopped.documents], [true, true, 1000]);
    // Written after the snapshot: not in the export, resumed or not.
    await putDocument('transfer-export-cancel', 'later', SOURCE(9999));
    const resumed = await withWindowStubs({ showInformationMessage: async (_message: string, _options: unknown, resume: string) => resume }, () =>
      vscode.commands.executeCommand<ExportResult>('esdocs.exportDocuments', options),
    );
    assert.deepEqual([resumed.cancelled, resumed.documents], [false, 1500]);
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    assert.deepEqual([...lines].sort(), Array.from({ length: 1500 }, (_, i) => SOURCE(i)).sort(), 'each document of the snapshot once');
  });

  it('imports into an index that does not exist: asks how to create it, shows the inferred mapping, creates it, then the documents', async () => {
    const file = path.join(dir, 'fresh.ndjson');
    fs.writeFileSync(file, '{"title":"Heat","year":1995,"rating":1.0,"big":9223372036854775807}\n{"title":"Alien","year":1979,"rating":8.5,"big":1}\n');
    await rest('DELETE', '/transfer-fresh');
    const shown: string[] = [];
    const result = await withWindowStubs(
      {
        showQuickPick: firstItem,
        showInformationMessage: async (message: string, options: { detail?: string }, create: string) => {
          shown.push(`${message}\n${options?.detail ?? ''}`);
          return create;
        },
      },
      () => answering({}, () => vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', { connectionId: CONNECTION, index: 'transfer-fresh', file })),
    );
    assert.match(shown[0], /Create transfer-fresh with this mapping, inferred from the first 2 documents/);
    assert.match(shown[0], /title: text \(\+keyword\)\nyear: long\nrating: double\nbig: long/);
    assert.equal(result.report.created.count, 2);
    const mapping = JSON.parse((await rest('GET', '/transfer-fresh/_mapping')).text) as Record<string, { mappings: { properties: Record<string, { type: string }> } }>;
    assert.equal(mapping['transfer-fresh'].mappings.properties.rating.type, 'double');
  });

  it('imports a file picked in the dialog into a row\'s index, create-only by default', async () => {
    const file = path.join(dir, 'new.ndjson');
    fs.writeFileSync(file, '{"fresh":1}\n{"fresh":2}\n');
    const row = { kind: 'index', connectionId: CONNECTION, index: { name: INDEX, health: 'green', docsCount: 5, hidden: false } };
    const result = await withWindowStubs({ showOpenDialog: async () => [vscode.Uri.file(file)], showQuickPick: firstItem }, () =>
      answering({}, () => vscode.commands.executeCommand<ImportResult>('esdocs.importDocuments', row)),
    );
    assert.equal(result.report.created.count, 2);
    assert.match((await rest('GET', `/${INDEX}/_count`)).text, /"count":7/);
  });
});
