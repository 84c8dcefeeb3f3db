import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentUri } from '../../src/documents/documentUris';
import { CONNECTION, closeAllEditors, putDocument, replaceAll, rest, restJson, useTestConnection } from './support';

const INDEX = 'mapping-movies';
const STRICT = 'mapping-strict';

const PROPERTIES = {
  title: { type: 'text', fields: { keyword: { type: 'keyword' } } },
  year: { type: 'short' },
  available: { type: 'boolean' },
  released: { type: 'date', format: 'yyyy-MM-dd' },
  studio: { properties: { name: { type: 'keyword' }, founded: { type: 'short' } } },
  cast: { type: 'nested', properties: { name: { type: 'keyword' }, role: { type: 'keyword' } } },
};

function uriOf(id: string, index = INDEX): vscode.Uri {
  return documentUri({ connectionId: CONNECTION, index, id });
}

async function createIndex(name: string, mappings: Record<string, unknown>): Promise<void> {
  await rest('DELETE', `/${name}`);
  await restJson('PUT', `/${name}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings }));
}

async function openDocument(id: string, source: string, index = INDEX): Promise<vscode.TextEditor> {
  await putDocument(index, id, source);
  const document = await vscode.workspace.openTextDocument(uriOf(id, index));
  return vscode.window.showTextDocument(document);
}

/** Waits for the mapping's diagnostics of `uri` to satisfy `accept`: on VS Code's event, never on a timer. */
async function mappingDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Elasticsearch mapping');
  if (accept(current())) return current();
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics(({ uris }) => {
      if (!uris.some((u) => u.toString() === uri.toString()) || !accept(current())) return;
      listener.dispose();
      resolve(current());
    });
  });
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(editor: vscode.TextEditor, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, character));
  return list.items.filter((item) => item.kind === vscode.CompletionItemKind.Field || item.kind === vscode.CompletionItemKind.Value);
}

describe('Mapping-aware editing', function () {
  this.timeout(60000);

  before(async () => {
    await useTestConnection();
    await createIndex(INDEX, { properties: PROPERTIES });
    await createIndex(STRICT, { dynamic: 'strict', properties: PROPERTIES });
  });

  afterEach(closeAllEditors);

  it('completes the mapped fields of the object at the cursor, nested paths included, with their types', async () => {
    const editor = await openDocument('c1', '{"title":"Alien"}');
    await replaceAll(editor.document, '{\n  "title": "Alien",\n  "studio": {\n    \n  },\n  "cast": [\n    {  }\n  ]\n}\n');
    const studio = await completionsAt(editor, 3, 4);
    assert.deepEqual(studio.map((item) => [labelOf(item), item.detail]), [['name', 'keyword'], ['founded', 'short']]);
    const cast = await completionsAt(editor, 6, 6);
    assert.deepEqual(cast.map(labelOf), ['name', 'role']);
    const root = await completionsAt(editor, 1, 2);
    assert.ok(root.map(labelOf).includes('released'));
    assert.ok(!root.map(labelOf).includes('keyword'), 'a multi-field is not a key');
  });

  it('offers true and false for a boolean and an example for a date', async () => {
    const editor = await openDocument('c2', '{"title":"Alien"}');
    await replaceAll(editor.document, '{\n  "available": ,\n  "released": \n}\n');
    assert.deepEqual((await completionsAt(editor, 1, 15)).map(labelOf), ['true', 'false']);
    const [date] = await completionsAt(editor, 2, 14);
    assert.match(String(date.detail), /format yyyy-MM-dd/);
  });

  it('warns of a typo with a did-you-mean, flags a refused value, and the quick fix renames the key only', async () => {
    const editor = await openDocument('d1', '{"title":"Alien"}');
    await replaceAll(editor.document, '{\n  "titel": "Alien",\n  "year": "soon"\n}\n');
    const diagnostics = await mappingDiagnostics(editor.document.uri, (d) => d.length === 2);
    const typo = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Warning);
    assert.equal(typo?.message, `\`titel\` is not in the mapping of ${INDEX} — did you mean \`title\`?`);
    const type = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(type?.message, '`year` is mapped as short: "soon" is not a number');
    assert.ok(typo);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, typo.range);
    const rename = actions.find((action) => action.title === 'Rename to `title`');
    assert.ok(rename?.edit, 'the quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.equal(editor.document.getText(), '{\n  "title": "Alien",\n  "year": "soon"\n}\n');
    await mappingDiagnostics(editor.document.uri, (d) => d.length === 1);
  });

  it('says what a strict mapping refuses, in Elasticsearch\'s words', async () => {
    const editor = await openDocument('s1', '{"title":"Alien"}', STRICT);
    await replaceAll(editor.document, '{\n  "title": "Alien",\n  "rating": 5,\n  "studio": { "city": "LA" }\n}\n');
    const diagnostics = await mappingDiagnostics(editor.document.uri, (d) => d.length === 2);
    assert.deepEqual(diagnostics.map((d) => [d.message, d.severity, d.range.start.line]), [
      ['mapping set to strict, dynamic introduction of [rating] within [_doc] is not allowed', vscode.DiagnosticSeverity.Error, 2],
      ['mapping set to strict, dynamic introduction of [city] within [studio] is not allowed', vscode.DiagnosticSeverity.Error, 3],
    ]);
  });

  it('a save the mapping refuses names the field and marks it', async () => {
    const editor = await openDocument('r1', '{"title":"Alien","year":1979}');
    await replaceAll(editor.document, '{\n  "title": "Alien",\n  "year": "soon"\n}\n');
    const errors: string[] = [];
    const window = vscode.window as { showErrorMessage: unknown };
    const original = window.showErrorMessage;
    window.showErrorMessage = async (message: string) => void errors.push(message);
    try {
      assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), false);
    } finally {
      window.showErrorMessage = original;
    }
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], new RegExp(`^Not saved: the mapping of ${INDEX} refuses the field \`year\``));
    const diagnostics = await mappingDiagnostics(editor.document.uri, (d) => d.some((x) => x.code === 'refused'));
    const refused = diagnostics.find((d) => d.code === 'refused');
    assert.equal(editor.document.getText(refused?.range), '"year"');
    assert.ok(editor.document.isDirty, 'the text is kept');
  });

  it('hovers a key with its mapped type', async () => {
    const editor = await openDocument('h1', '{"studio":{"founded":1935}}');
    const position = editor.document.positionAt(editor.document.getText().indexOf('founded') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /`studio\.founded`: \*\*short\*\*/);
  });
});
