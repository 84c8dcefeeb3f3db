import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentUri } from '../../src/editors/documentUris';
import { CONNECTION, clusterUrl, closeAllEditors, eventually, replaceAll } from './support';

const OPENSEARCH = 'opensearch';
const INDEX = 'films';

function openSearchUrl(): string | undefined {
  return process.env.ESDOCS_TEST_OS_URL || undefined;
}

async function rest(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(openSearchUrl() + path, { method, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
  return { status: response.status, text: await response.text() };
}

/** Runs `body` with warnings answered by `choice`, recording their text. */
async function answeringWarnings<T>(choice: string | undefined, body: () => Thenable<T>): Promise<{ result: T; warnings: string[] }> {
  const window = vscode.window as { showWarningMessage: unknown };
  const original = window.showWarningMessage;
  const warnings: string[] = [];
  window.showWarningMessage = async (message: string) => {
    warnings.push(message);
    return choice;
  };
  try {
    return { result: await body(), warnings };
  } finally {
    window.showWarningMessage = original;
  }
}

describe('An OpenSearch connection', function () {
  this.timeout(60000);

  before(async function () {
    if (!openSearchUrl()) this.skip();
    await vscode.workspace.getConfiguration('esdocs').update('connections', [{ name: CONNECTION, url: clusterUrl() }, { name: OPENSEARCH, url: openSearchUrl() }], vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
    await rest('DELETE', `/${INDEX}`);
    assert.equal((await rest('PUT', `/${INDEX}/_doc/1?refresh=true`, '{"title":"Interstellar","n":9223372036854775807,"f":1.0}')).status, 201);
  });

  afterEach(closeAllEditors);

  it('opens the exact source, saves conditionally, and a concurrent change conflicts instead of being overwritten', async () => {
    const uri = documentUri({ connectionId: OPENSEARCH, index: INDEX, id: '1' });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.getText(), '{\n  "title": "Interstellar",\n  "n": 9223372036854775807,\n  "f": 1.0\n}\n');
    await replaceAll(document, '{\n  "title": "Interstellar (mine)",\n  "n": 9223372036854775807,\n  "f": 1.0\n}\n');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true);
    assert.equal((await rest('GET', `/${INDEX}/_source/1`)).text, '{\n  "title": "Interstellar (mine)",\n  "n": 9223372036854775807,\n  "f": 1.0\n}\n');

    assert.equal((await rest('PUT', `/${INDEX}/_doc/1?refresh=true`, '{"title":"Interstellar (theirs)"}')).status, 200);
    await replaceAll(document, '{\n  "title": "Interstellar (mine again)"\n}\n');
    const { result, warnings } = await answeringWarnings(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    assert.equal(result, false);
    await eventually(() => warnings.some((w) => w.includes('changed on the server since you opened it')) || undefined, 'the conflict notification');
    assert.equal((await rest('GET', `/${INDEX}/_source/1`)).text, '{"title":"Interstellar (theirs)"}', 'the concurrent change is kept');
  });
});
