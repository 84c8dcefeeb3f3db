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
    assert.throws(() => parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--create', 'guess', 'f'], {}), /--create takes infer or dynamic/);
    assert.throws(() => parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--create', 'infer', '--create-from', 'o', 'f'], {}), /one of them/);
    assert.throws(() => parseTransferArgs(['export', '--url', 'u', '--index', 'm', '--slices', '0', '--out', 'f'], {}), /positive/);
  });

  it('reads the options of slices, resume and a new index', () => {
    const exported = parseTransferArgs(['export', '--url', 'u', '--index', 'm', '--slices', '4', '--resume', '--state-dir', 's', '--out', 'f'], {});
    assert.ok(exported.command === 'export');
    assert.deepEqual([exported.slices, exported.resume, exported.stateDir], [4, true, 's']);
    const inferred = parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--create', 'infer', 'f.csv'], {});
    assert.ok(inferred.command === 'import');
    assert.deepEqual(inferred.create, { kind: 'infer' });
    const copied = parseTransferArgs(['import', '--url', 'u', '--index', 'm', '--create-from', 'movies', 'f.csv'], {});
    assert.ok(copied.command === 'import');
    assert.deepEqual(copied.create, { kind: 'copy', from: 'movies' });
  });
});
