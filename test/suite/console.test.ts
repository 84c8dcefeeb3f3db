import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentUri } from '../../src/documents/documentUris';
import type { ConsoleAnswer } from '../../src/console/model/consoleResults';
import { answering, clusterUrl, CONNECTION, closeAllEditors, eventually, freshIndex, putDocument, rawSource, replaceAll, rest, useTestConnection, withWindowStubs } from './support';

const INDEX = 'console';
const READ_ONLY = 'read-only';
const BIG = '9223372036854775807';

/** A new console bound to `connectionId` (as the tree's "New Console" makes one), holding `text`. */
async function consoleWith(text: string, connectionId = CONNECTION): Promise<vscode.TextEditor> {
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('esdocs.newConsole', { kind: 'connection', connection: { id: connectionId } });
  assert.ok(editor, 'the console opened');
  assert.equal(editor.document.languageId, 'esdocs-console');
  await replaceAll(editor.document, text);
  return editor;
}

function sendAt(editor: vscode.TextEditor, index: number, warning?: string): Promise<ConsoleAnswer[]> {
  return answering({ warning }, async () => (await vscode.commands.executeCommand<ConsoleAnswer[]>('esdocs.sendRequest', editor.document.uri, index)) ?? []);
}

function resultsText(): string | undefined {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'esdocs-console-results')?.document.getText();
}

async function exists(index: string, id: string): Promise<boolean> {
  return (await rest('GET', `/${index}/_doc/${id}`)).status === 200;
}

describe('Console', function () {
  this.timeout(60000);

  before(async () => {
    const config = vscode.workspace.getConfiguration('esdocs');
    await config.update('connections', [{ name: CONNECTION, url: clusterUrl() }, { name: READ_ONLY, url: clusterUrl(), readOnly: true }], vscode.ConfigurationTarget.Global);
    await config.update('saveFormat', 'asTyped', vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
  });

  // The suites after this one expect the test connection alone.
  after(useTestConnection);
  beforeEach(() => freshIndex(INDEX));
  afterEach(closeAllEditors);

  it('sends the body exactly: big integers, 1.0 and unicode kept, comments removed, """ strings escaped', async () => {
    const editor = await consoleWith(`# a comment between requests
PUT ${INDEX}/_doc/1?refresh=true
{
  // the user's note, never stored
  "n": ${BIG}, /* a block comment */ "f": 1.0, "s": "é😀",
  "script": """line one
"quoted" line two"""
}
`);
    const [answer] = await sendAt(editor, 0);
    assert.equal(answer.status, 201, answer.text);
    const stored = await rawSource(INDEX, '1');
    assert.ok(stored.includes(`"n": ${BIG}`), stored);
    assert.ok(stored.includes('"f": 1.0'), stored);
    assert.ok(stored.includes('"s": "é😀"'), stored);
    assert.ok(!stored.includes('//') && !stored.includes('/*') && !stored.includes('"""'), stored);
    assert.equal((JSON.parse(stored) as { script: string }).script, 'line one\n"quoted" line two');
    await eventually(() => resultsText()?.includes('// PUT /console/_doc/1?refresh=true → 201 Created'), 'the answer beside the console, under its request line');
  });

  it('Send All asks once when requests write, then goes on past an error status, in order', async () => {
    const editor = await consoleWith(`GET no-such-index/_doc/1

PUT ${INDEX}/_doc/2?refresh=true
{"title": "Dune"}

GET ${INDEX}/_doc/2
`);
    const declined = await answering({ warning: undefined }, () => vscode.commands.executeCommand<ConsoleAnswer[]>('esdocs.sendAllRequests', editor.document.uri));
    assert.deepEqual(declined, []);
    assert.equal(await exists(INDEX, '2'), false, 'declined: nothing was written');
    const answers = await answering({ warning: 'Send All' }, () => vscode.commands.executeCommand<ConsoleAnswer[]>('esdocs.sendAllRequests', editor.document.uri));
    assert.deepEqual(answers.map((answer) => answer.status), [404, 201, 200]);
    assert.equal(await rawSource(INDEX, '2'), '{"title": "Dune"}');
  });

  it('asks before deleting an index; declined, it is still there', async () => {
    const editor = await consoleWith(`DELETE ${INDEX}\n`);
    assert.deepEqual(await sendAt(editor, 0, undefined), []);
    assert.equal((await rest('HEAD', `/${INDEX}`)).status, 200, 'the index is kept');
    const [answer] = await sendAt(editor, 0, 'Send');
    assert.equal(answer.status, 200, answer.text);
    assert.equal((await rest('HEAD', `/${INDEX}`)).status, 404, 'the index is deleted');
  });

  it('substitutes variables from the file; an undefined one sends nothing', async () => {
    await putDocument(INDEX, 'v', '{"v":1}');
    const editor = await consoleWith(`# @var IDX = ${INDEX}
GET \${IDX}/_doc/v

PUT \${IDX}/_doc/w
{"by": "\${WHO}"}
`);
    const [answer] = await sendAt(editor, 0);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(await sendAt(editor, 1), []);
    assert.equal(await exists(INDEX, 'w'), false, 'the request with ${WHO} was not sent');
  });

  it('a read-only connection sends reads and refuses writes; its documents cannot be saved', async () => {
    await putDocument(INDEX, 'r', '{"n":1}');
    const editor = await consoleWith(`GET ${INDEX}/_doc/r

PUT ${INDEX}/_doc/r
{"n": 2}
`, READ_ONLY);
    const [read] = await sendAt(editor, 0);
    assert.equal(read.status, 200);
    assert.deepEqual(await sendAt(editor, 1), []);
    assert.equal(await rawSource(INDEX, 'r'), '{"n":1}', 'the write was not sent');

    const document = await vscode.workspace.openTextDocument(documentUri({ connectionId: READ_ONLY, index: INDEX, id: 'r' }));
    await vscode.window.showTextDocument(document);
    await replaceAll(document, '{"n":3}');
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'the save is refused');
    assert.equal(document.getText(), '{"n":3}', 'the user\'s text stays');
    assert.equal(await rawSource(INDEX, 'r'), '{"n":1}');
  });

  it('a hit of an answer opens as a document whose save is conditional', async () => {
    await putDocument(INDEX, 'h', '{"title":"Alien","n":' + BIG + '}');
    const editor = await consoleWith(`GET ${INDEX}/_search\n{"query": {"match_all": {}}}\n`);
    const [answer] = await sendAt(editor, 0);
    assert.equal(answer.status, 200);
    const results = await eventually(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'esdocs-console-results')?.document, 'the results');
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', results.uri);
      return found.some((lens) => lens.command?.command === 'esdocs.openHit') ? found : undefined;
    }, 'an Open lens on the hit');
    // The answer itself opens as a table, or is exported or changed, by the search's own query.
    const onAnswer = lenses.filter((lens) => ['esdocs.openTable', 'esdocs.exportDocuments', 'esdocs.changeDocuments'].includes(lens.command?.command ?? ''));
    assert.deepEqual(onAnswer.map((lens) => lens.command?.command), ['esdocs.openTable', 'esdocs.exportDocuments', 'esdocs.changeDocuments']);
    assert.deepEqual(onAnswer[0].command?.arguments, [{ connectionId: CONNECTION, index: INDEX, filter: '{"match_all": {}}' }]);
    assert.deepEqual(onAnswer[1].command?.arguments, [{ connectionId: CONNECTION, index: INDEX, query: '{"match_all": {}}' }]);
    const open = lenses.find((lens) => lens.command?.command === 'esdocs.openHit')!;
    await vscode.commands.executeCommand(open.command!.command, ...(open.command!.arguments ?? []));
    const document = await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'esdocs' ? vscode.window.activeTextEditor.document : undefined, 'the hit opened');
    assert.ok(document.getText().includes(`"n": ${BIG}`), document.getText());

    await replaceAll(document, '{"title":"Aliens","n":' + BIG + '}');
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), true);
    assert.equal(await rawSource(INDEX, 'h'), '{"title":"Aliens","n":' + BIG + '}');
    await putDocument(INDEX, 'h', '{"title":"changed meanwhile"}');
    await replaceAll(document, '{"title":"Alien 3"}');
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'a save after a colleague\'s write conflicts');
    assert.equal(await rawSource(INDEX, 'h'), '{"title":"changed meanwhile"}');
  });

  it('a console write leaves an open, edited document alone: its next save conflicts', async () => {
    await putDocument(INDEX, 'd', '{"n":1}');
    const document = await vscode.workspace.openTextDocument(documentUri({ connectionId: CONNECTION, index: INDEX, id: 'd' }));
    await vscode.window.showTextDocument(document);
    await replaceAll(document, '{"n":3}');
    const editor = await consoleWith(`PUT ${INDEX}/_doc/d\n{"n": 2}\n`);
    const [answer] = await sendAt(editor, 0);
    assert.equal(answer.status, 200, answer.text);
    await vscode.window.showTextDocument(document);
    assert.equal(document.getText(), '{"n":3}', 'the user\'s text stays');
    assert.equal(await answering({}, () => vscode.commands.executeCommand('esdocs.saveDocument')), false, 'the save meets the conflict');
    assert.equal(await rawSource(INDEX, 'd'), '{"n": 2}');
  });

  it('Cancel stops before the next request: what was sent is shown, the rest is not sent', async () => {
    const editor = await consoleWith(`PUT ${INDEX}/_doc/k1\n{"k": 1}\n\nPUT ${INDEX}/_doc/k2\n{"k": 2}\n`);
    const window = vscode.window as { withProgress: unknown };
    const { withProgress } = window;
    // The user presses Cancel on the progress notification while the first request is on its way.
    window.withProgress = <R>(_options: vscode.ProgressOptions, task: (progress: vscode.Progress<unknown>, token: vscode.CancellationToken) => Thenable<R>) => {
      const cancel = new vscode.CancellationTokenSource();
      return task({ report: () => cancel.cancel() }, cancel.token);
    };
    try {
      const answers = await answering({ warning: 'Send All' }, () => vscode.commands.executeCommand<ConsoleAnswer[]>('esdocs.sendAllRequests', editor.document.uri));
      assert.deepEqual(answers.map((answer) => answer.status), [201]);
    } finally {
      window.withProgress = withProgress;
    }
    assert.equal(await exists(INDEX, 'k1'), true);
    assert.equal(await exists(INDEX, 'k2'), false, 'the request after Cancel was not sent');
    // VS Code asks for the results' new text after it is told of the change.
    await eventually(() => resultsText()?.includes('k1'), 'the answer sent before Cancel shown');
  });

  it('keeps what was sent in the history and inserts it again', async () => {
    const editor = await consoleWith(`GET ${INDEX}/_count\n`);
    await sendAt(editor, 0);
    await replaceAll(editor.document, '\n');
    await vscode.window.showTextDocument(editor.document);
    await withWindowStubs({ showQuickPick: async (items: readonly unknown[] | Thenable<readonly unknown[]>) => (await items)[0] }, () => vscode.commands.executeCommand('esdocs.consoleHistory'));
    assert.match(editor.document.getText(), new RegExp(`^GET ${INDEX}/_count$`, 'm'));
  });

  it('follows a file\'s # @connection only once the user allows it for that file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    const file = path.join(folder.uri.fsPath, 'header.es');
    await fs.writeFile(file, `# @connection ${CONNECTION}\nPUT ${INDEX}/_doc/c\n{"c": 1}\n`);
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      assert.equal(document.languageId, 'esdocs-console', 'a .es file is a console');
      const editor = await vscode.window.showTextDocument(document);
      assert.deepEqual(await sendAt(editor, 0, undefined), [], 'dismissed: nothing is sent');
      assert.equal(await exists(INDEX, 'c'), false);
      const [allowed] = await sendAt(editor, 0, 'Allow for This File');
      assert.equal(allowed.status, 201, allowed.text);
      const [again] = await sendAt(editor, 0, undefined);
      assert.equal(again.status, 200, 'allowed once, the file sends without asking again');
    } finally {
      await closeAllEditors();
      await fs.rm(file, { force: true });
    }
  });
});
