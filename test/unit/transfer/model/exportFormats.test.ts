import * as assert from 'node:assert/strict';
import { ExportWriter, type ExportFormat } from '../../../../src/transfer/model/exportFormats';

const HOSTILE = '{ "big": 9223372036854775807, "f": 1.0, "neg": -0, "u": "\\u00e9😀", "z": 1, "a": 2 }';
const DOCUMENTS = [
  { index: 'movies', id: 'a/b', routing: 'r1', seqNo: 7, primaryTerm: 2, sourceText: HOSTILE },
  { index: 'movies', id: '2', seqNo: 8, primaryTerm: 2, sourceText: '{"n":1}' },
];

function written(format: ExportFormat, documents = DOCUMENTS): string {
  const writer = new ExportWriter(format);
  return writer.start() + documents.map((document) => writer.document(document)).join('') + writer.end();
}

describe('ExportWriter', () => {
  it('writes each source as its exact text made compact, in every format', () => {
    const compact = '{"big":9223372036854775807,"f":1.0,"neg":-0,"u":"\\u00e9😀","z":1,"a":2}';
    assert.equal(written('ndjson'), `${compact}\n{"n":1}\n`);
    assert.equal(written('bulk'), `{"index":{"_index":"movies","_id":"a/b","routing":"r1"}}\n${compact}\n{"index":{"_index":"movies","_id":"2"}}\n{"n":1}\n`);
    assert.equal(written('tokens'), `{"_index":"movies","_id":"a/b","_routing":"r1","_seq_no":7,"_primary_term":2,"_source":${compact}}\n{"_index":"movies","_id":"2","_seq_no":8,"_primary_term":2,"_source":{"n":1}}\n`);
    assert.equal(written('json'), `[\n${compact},\n{"n":1}\n]\n`);
  });

  it('writes CSV through an RFC 4180 writer: a header, CRLF, quotes doubled, an optional byte order mark', () => {
    const writer = new ExportWriter('csv', { columns: ['_id', 'big', 'u', 'note'], bom: true });
    const text = writer.start() + writer.document({ index: 'm', id: 'a,b', sourceText: '{"big": 9223372036854775807, "u": "\\u00e9", "note": "say \\"hi\\"\\nthen"}' }) + writer.end();
    assert.equal(text, '\uFEFF_id,big,u,note\r\n"a,b",9223372036854775807,é,"say ""hi""\nthen"\r\n');
  });

  it('writes an empty JSON array for no documents, and nothing for the NDJSON forms', () => {
    assert.equal(written('json', []), '[]\n');
    assert.equal(written('ndjson', []), '');
  });
});
