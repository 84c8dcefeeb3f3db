import * as assert from 'node:assert/strict';
import { UsageError } from '../../../../src/cluster/model/cliConnection';
import { parseTransferArgs } from '../../../../src/transfer/model/transferArgs';

describe('transferArgs', () => {
  it('reads export and import command lines', () => {
    const exported = parseTransferArgs(['export', '--url', 'http://127.0.0.1:9200', '--index', 'movies', '--format', 'tokens', '--q', 'year:2014', '--out', 'm.ndjson.gz'], {});
    assert.deepEqual([exported.command, exported.index, exported.command === 'export' && exported.format, exported.command === 'export' && exported.queryString], ['export', 'movies', 'tokens', 'year:2014']);
    const imported = parseTransferArgs(['import', '--url', 'u', '--index', 'movies', '--mode', 'conditional', '--resume', '--batch-size', '50', 'm.ndjson'], { ESDOCS_API_KEY: 'k' });
    assert.ok(imported.command === 'import');
    assert.deepEqual([imported.mode, imported.resume, imported.batchDocuments, imported.file, imported.connection.credentials?.method], ['conditional', true, 50, 'm.ndjson', 'apiKey']);
  });

  it('refuses what it cannot do, as a usage error', () => {
    assert.throws(() => parseTransferArgs(['copy'], {}), UsageError);
    assert.throws(() => parseTransferArgs(['export', '--url', 'u', '--out', 'f'], {}), /--index is required/);
    assert.throws(() => parseTransferArgs(['export', '--url', 'u', '--index', 'm', '--format', 'xml', '--out', 'f'], {}), /--format takes/);
    assert.throws(() => parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--mode', 'upsert', 'f'], {}), /--mode takes/);
    assert.throws(() => parseTransferArgs(['import', '--index', 'm', 'f'], {}), /--url is required/);
    assert.equal(parseTransferArgs(['import', '--index', 'm', '--preview', 'f'], {}).command, 'import', 'a preview sends nothing: no --url needed');
    assert.throws(() => parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--batch-size', '0', 'f'], {}), /positive/);
  });
});
