import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { signatureOf } from '../server/security/sigv4';
import { documentUri } from '../../src/documents/documentUris';
import { choosing, CONNECTION, clusterUrl, closeAllEditors, eventually, replaceAll } from './support';

const OPENSEARCH = 'opensearch';
const INDEX = 'films';

function openSearchUrl(): string | undefined {
  return process.env.ESDOCS_TEST_OS_URL || undefined;
}

async function rest(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(openSearchUrl() + path, { method, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
  return { status: response.status, text: await response.text() };
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
    const { result, shown: warnings } = await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    assert.equal(result, false);
    await eventually(() => warnings.some((w) => w.includes('changed on the server since you opened it')) || undefined, 'the conflict notification');
    assert.equal((await rest('GET', `/${INDEX}/_source/1`)).text, '{"title":"Interstellar (theirs)"}', 'the concurrent change is kept');
  });
});

/** A request to the SigV4 cluster, signed as an AWS SDK would sign it, with the host's own key pair. */
async function signedRest(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(String(process.env.ESDOCS_TEST_AWS_URL) + path);
  const options = { region: 'eu-west-1', service: 'es', accessKeyId: String(process.env.AWS_ACCESS_KEY_ID), secretAccessKey: String(process.env.AWS_SECRET_ACCESS_KEY) };
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const payloadHash = createHash('sha256').update(body ?? '').digest('hex');
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const signed = ['host', 'x-amz-content-sha256', 'x-amz-date'];
  const signature = signatureOf({ method, uri: url.pathname + url.search, headers, body: Buffer.from(body ?? '') }, options, amzDate, signed, payloadHash);
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${amzDate.slice(0, 8)}/eu-west-1/es/aws4_request, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
  const response = await fetch(url, { method, body, headers });
  return { status: response.status, text: await response.text() };
}

describe('A SigV4 connection (Amazon OpenSearch Service)', function () {
  this.timeout(60000);
  const AWS = 'aws';

  before(async function () {
    if (!process.env.ESDOCS_TEST_AWS_URL) this.skip();
    await vscode.workspace.getConfiguration('esdocs').update('connections', [
      { name: CONNECTION, url: clusterUrl() },
      { name: AWS, url: process.env.ESDOCS_TEST_AWS_URL, auth: 'aws', awsRegion: 'eu-west-1', awsService: 'es' },
    ], vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
    assert.equal((await fetch(`${process.env.ESDOCS_TEST_AWS_URL}/`)).status, 403, 'an unsigned request is refused');
    await signedRest('DELETE', `/${INDEX}`);
    assert.equal((await signedRest('PUT', `/${INDEX}/_doc/s1?refresh=true`, '{"title":"Signed","n":9223372036854775807}')).status, 201);
  });

  afterEach(closeAllEditors);

  it('opens, saves conditionally and meets a conflict, every request signed with the keys of the environment', async () => {
    const uri = documentUri({ connectionId: AWS, index: INDEX, id: 's1' });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.getText(), '{\n  "title": "Signed",\n  "n": 9223372036854775807\n}\n');
    await replaceAll(document, '{\n  "title": "Signed (mine)",\n  "n": 9223372036854775807\n}\n');
    assert.equal(await vscode.commands.executeCommand('esdocs.saveDocument'), true);
    assert.equal((await signedRest('GET', `/${INDEX}/_source/s1`)).text, '{\n  "title": "Signed (mine)",\n  "n": 9223372036854775807\n}\n');

    assert.equal((await signedRest('PUT', `/${INDEX}/_doc/s1?refresh=true`, '{"title":"Signed (theirs)"}')).status, 200);
    await replaceAll(document, '{\n  "title": "Signed (mine again)"\n}\n');
    const { result, shown: warnings } = await choosing(undefined, () => vscode.commands.executeCommand('esdocs.saveDocument'));
    assert.equal(result, false);
    await eventually(() => warnings.some((w) => w.includes('changed on the server since you opened it')) || undefined, 'the conflict notification');
    assert.equal((await signedRest('GET', `/${INDEX}/_source/s1`)).text, '{"title":"Signed (theirs)"}', 'the concurrent change is kept');
  });
});
