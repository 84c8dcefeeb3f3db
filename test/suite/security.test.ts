import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { documentUri } from '../../src/documents/documentUris';
import type { IndexNode } from '../../src/explorer/treeNodes';
import { startEsServer, type RunningEsServer } from '../server/server';
import { answering, eventually, replaceAll } from './support';

const PASSWORD = 'Leak-Me-If-You-Can-42';
const NEW_PASSWORD = 'Second-Secret-Value-77';

async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
  assert.ok(extension);
  return extension.activate();
}

/** Runs `body` while warnings are recorded into `warnings` (and dismissed), and password prompts answered with `inputs`. */
function recordingWarnings<T>(warnings: string[], inputs: string[], body: () => Thenable<T> | Promise<T>): Promise<T> {
  return answering({ inputs }, async () => {
    const window = vscode.window as { showWarningMessage: unknown };
    const answered = window.showWarningMessage;
    window.showWarningMessage = async (message: string) => {
      warnings.push(message);
      return undefined;
    };
    try {
      return await body();
    } finally {
      window.showWarningMessage = answered;
    }
  });
}

async function connectionNode(api: ExtensionApi, name: string) {
  api.tree.reload();
  const node = (await api.tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === name);
  assert.ok(node, name);
  return node;
}

// The secured cluster runs inside the extension host, next to the test, on a port of its own.
describe('A secured cluster, and where its secret may go', function () {
  this.timeout(60000);
  let server: RunningEsServer;
  let previous: unknown;

  before(async () => {
    server = await startEsServer({ port: 0, auth: { basic: [{ username: 'elastic', password: PASSWORD }] } });
    const config = vscode.workspace.getConfiguration('esdocs');
    previous = config.get('connections');
    await config.update('connections', [{ name: 'secured', url: server.url, auth: 'basic', username: 'elastic' }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('esdocs').update('connections', previous, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server.close();
  });

  it('asks for the password once, then lists, opens and saves', async () => {
    await fetch(`${server.url}/vault/_doc/1?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`elastic:${PASSWORD}`).toString('base64')}` }, body: '{"v":1}' });
    const { tree } = await api();
    tree.reload();
    const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === 'secured');
    assert.ok(connection);
    const indices = await answering({ inputs: [PASSWORD] }, () => tree.getChildren(connection));
    assert.ok(indices.some((n): n is IndexNode => n.kind === 'index' && n.index.name === 'vault'), JSON.stringify(indices.map((n) => n.kind === 'failure' && n.message)));
    const document = await answering({}, () => vscode.workspace.openTextDocument(documentUri({ connectionId: 'secured', index: 'vault', id: '1' })));
    await replaceAll(document, '{"v":2}');
    assert.equal(await document.save(), true, 'no second prompt: the password was kept');
  });

  it('offers to update the credentials after a 401, and uses the new ones', async () => {
    await server.close();
    server = await startEsServer({ port: server.port, auth: { basic: [{ username: 'elastic', password: NEW_PASSWORD }] } });
    const { tree, onDidReplaceCredentials } = await api();
    tree.reload();
    const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === 'secured');
    assert.ok(connection);
    const { refused, replaced } = await answering({ inputs: [NEW_PASSWORD], warning: 'Update Credentials' }, async () => {
      // The offer is answered after the listing has failed: wait for the new credentials to be in place.
      const swapped = new Promise<string>((resolve) => {
        const subscription = onDidReplaceCredentials((id) => {
          subscription.dispose();
          resolve(id);
        });
      });
      const children = await tree.getChildren(connection);
      return { refused: children, replaced: await swapped };
    });
    assert.equal(replaced, 'secured');
    assert.equal(refused[0]?.kind, 'failure');
    assert.match(refused[0]?.kind === 'failure' ? refused[0].message : '', /HTTP 401.*unable to authenticate user \[elastic\]/);
    tree.reload();
    const after = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === 'secured');
    assert.ok(after);
    const listed = await tree.getChildren(after);
    assert.ok(listed.every((n) => n.kind !== 'failure'), 'the new password is used');
  });

  it('never writes a secret to the log, the settings or the extension state', async () => {
    const { logLines, stateSnapshot } = await api();
    const lines = logLines();
    // The requests that carried the secrets were logged: the old password's save, the 401 that refused it.
    assert.ok(lines.some((line) => /^PUT \/vault\/_doc\/1\b.* → 200 /.test(line)), JSON.stringify(lines));
    assert.ok(lines.some((line) => / → 401 /.test(line)), JSON.stringify(lines));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('esdocs').inspect('connections'));
    for (const secret of [PASSWORD, NEW_PASSWORD, Buffer.from(`elastic:${PASSWORD}`).toString('base64')]) {
      assert.ok(!lines.some((line) => line.includes(secret)), 'log');
      assert.ok(!settings.includes(secret), 'settings');
      assert.ok(!stateSnapshot().includes(secret), 'state');
    }
  });

  it('neither shows nor uses credentials written in a setting\'s URL, and says so once', async () => {
    const config = vscode.workspace.getConfiguration('esdocs');
    const withUserInfo = server.url.replace('://', `://elastic:${encodeURIComponent(PASSWORD)}@`);
    const extension = await api();
    const warnings: string[] = [];
    const children = await recordingWarnings(warnings, [], async () => {
      // Inside the recording: the first reading of the new setting warns.
      await config.update('connections', [{ name: 'secured', url: server.url, auth: 'basic', username: 'elastic' }, { name: 'url-credentials', url: withUserInfo }], vscode.ConfigurationTarget.Global);
      const node = await connectionNode(extension, 'url-credentials');
      const item = extension.tree.getTreeItem(node);
      assert.ok(!JSON.stringify([item.label, item.description, item.tooltip]).includes(PASSWORD), 'the tree does not show it');
      await connectionNode(extension, 'url-credentials');
      return extension.tree.getChildren(node);
    });
    assert.equal(children[0]?.kind, 'failure', 'the password in the URL was not sent: the cluster refused the request');
    assert.match(children[0]?.kind === 'failure' ? children[0].message : '', /HTTP 401/);
    const about = warnings.filter((w) => w.includes('url-credentials') && w.includes('contains credentials'));
    assert.equal(about.length, 1, JSON.stringify(warnings));
    assert.match(about[0], /they were ignored.*secret storage/);
    assert.ok(!warnings.some((w) => w.includes(PASSWORD)));
  });

  it('keeps a secret the cluster echoes back out of the notification and the tree', async () => {
    const apiKey = 'echo-key-id:Echoed-Api-Key-Secret-99';
    const encoded = Buffer.from(apiKey).toString('base64');
    // Like a proxy that quotes the request in its error: the header, and the key decoded.
    const echo = createServer((request, response) => {
      const header = request.headers.authorization ?? '';
      const decoded = Buffer.from(header.replace(/^ApiKey /, ''), 'base64').toString('utf8');
      const reason = `unable to authenticate with [Authorization: ${header}] (key ${decoded})`;
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'security_exception', reason }, status: 401 }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      await vscode.workspace.getConfiguration('esdocs').update('connections', [{ name: 'echoing', url, auth: 'apiKey' }], vscode.ConfigurationTarget.Global);
      const extension = await api();
      const warnings: string[] = [];
      const children = await recordingWarnings(warnings, [apiKey], async () => {
        const node = await connectionNode(extension, 'echoing');
        const listed = await extension.tree.getChildren(node);
        // The notification is shown while the listing fails; wait for it rather than for time.
        await eventually(() => warnings.length > 0 || undefined, 'the notification');
        return listed;
      });
      const row = children[0]?.kind === 'failure' ? children[0].message : '';
      assert.match(row, /HTTP 401/);
      assert.ok(!row.includes(encoded), row);
      const notification = warnings.find((w) => w.includes('echoing'));
      assert.ok(notification, JSON.stringify(warnings));
      for (const form of [encoded, apiKey, 'Echoed-Api-Key-Secret-99']) assert.ok(!notification.includes(form), notification);
      assert.match(notification, /\[redacted\]/);
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});
