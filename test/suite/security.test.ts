import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { documentUri } from '../../src/editors/documentUris';
import type { IndexNode } from '../../src/explorer/treeNodes';
import { startEsServer, type RunningEsServer } from '../server/server';
import { answering, replaceAll } from './support';

const PASSWORD = 'Leak-Me-If-You-Can-42';
const NEW_PASSWORD = 'Second-Secret-Value-77';

async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>('esdocs.elasticsearch-documents');
  assert.ok(extension);
  return extension.activate();
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
    const { tree } = await api();
    tree.reload();
    const connection = (await tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.name === 'secured');
    assert.ok(connection);
    const refused = await answering({ inputs: [NEW_PASSWORD], warning: 'Update Credentials' }, async () => {
      const children = await tree.getChildren(connection);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return children;
    });
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
    assert.ok(lines.length > 3, 'requests were logged');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('esdocs').inspect('connections'));
    for (const secret of [PASSWORD, NEW_PASSWORD, Buffer.from(`elastic:${PASSWORD}`).toString('base64')]) {
      assert.ok(!lines.some((line) => line.includes(secret)), 'log');
      assert.ok(!settings.includes(secret), 'settings');
      assert.ok(!stateSnapshot().includes(secret), 'state');
    }
  });
});
