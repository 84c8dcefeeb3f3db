import * as assert from 'node:assert/strict';
import { readGetResponse, readGetResponseBytes, readWriteResponse } from '../../../../src/cluster/model/documentResponses';
import { prettyPrintJson, prettyPrintJsonBytes } from '../../../../src/json/jsonText';
import { MalformedResponseError } from '../../../../src/cluster/model/esResponses';
import { readCatIndices, readSearchResponse, readSearchResponseTree } from '../../../../src/cluster/model/listingResponses';

const SOURCE = '{"genre":["IMAX","Sci-Fi"],"title":"Interstellar","big":12345678901234567890,"f":1.0}';

describe('esResponses', () => {
  it('reads a found document with its exact source and version', () => {
    const result = readGetResponse(`{"_index":"movies","_id":"109487","_version":3,"_seq_no":6,"_primary_term":1,"_routing":"r1","found":true,"_source":${SOURCE}}`);
    assert.deepEqual(result, { found: true, index: 'movies', sourceText: SOURCE, token: { seqNo: 6, primaryTerm: 1, version: 3 }, routing: 'r1' });
  });

  it('hands on the bytes of _source as received, multi-byte characters before and inside it', () => {
    const source = '{"títle":"Ünïcödé ✓ 𝄞","big":12345678901234567890,"f":1.0,"esc":"\\u00e9\\"}"}';
    const answer = Buffer.from(`{"_index":"filmés","_id":"ü","_version":1,"_seq_no":2,"_primary_term":1,"found":true,"_source":${source}}`, 'utf8');
    const result = readGetResponseBytes(answer);
    assert.ok(result.found);
    assert.equal(result.index, 'filmés');
    assert.ok(result.sourceBytes.equals(Buffer.from(source, 'utf8')));
    assert.deepEqual(result.token, { seqNo: 2, primaryTerm: 1, version: 1 });
    // Indenting the bytes gives the bytes of the indented text.
    assert.ok(prettyPrintJsonBytes(result.sourceBytes).equals(Buffer.from(prettyPrintJson(source), 'utf8')));
  });

  it('reads a missing document', () => {
    assert.deepEqual(readGetResponse('{"_index":"movies","_id":"x","found":false}'), { found: false });
  });

  it('refuses a found document without version metadata', () => {
    assert.throws(() => readGetResponse(`{"found":true,"_source":{}}`), MalformedResponseError);
  });

  it('reads a write result', () => {
    const result = readWriteResponse('{"_index":"movies","_id":"109487","_version":4,"result":"updated","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":12,"_primary_term":1}');
    assert.deepEqual(result, { result: 'updated', token: { seqNo: 12, primaryTerm: 1, version: 4 }, index: 'movies' });
  });

  it('refuses a non-JSON write answer', () => {
    assert.throws(() => readWriteResponse('<html>502 Bad Gateway</html>'), /not JSON/);
  });

  it('reads search hits with exact sources and verbatim sort values', () => {
    const text = `{"pit_id":"p2","took":1,"hits":{"total":{"value":2,"relation":"eq"},"hits":[` +
      `{"_index":"movies","_id":"1","_score":null,"_source":${SOURCE},"sort":[4294967296123]},` +
      `{"_index":"movies-2","_id":"a/b","_routing":"u1","_score":null,"_source":{"x":1.50},"sort":[99]}]}}`;
    const page = readSearchResponse(text);
    assert.equal(page.pitId, 'p2');
    assert.equal(page.hits.length, 2);
    assert.deepEqual(page.hits[0], { index: 'movies', id: '1', sourceText: SOURCE, sourceCompact: true, sortText: '[4294967296123]' });
    assert.deepEqual(page.hits[1], { index: 'movies-2', id: 'a/b', routing: 'u1', sourceText: '{"x":1.50}', sourceCompact: true, sortText: '[99]' });
  });

  it('reads a page by skipping over it as the full parse reads it, whitespace between tokens aside', () => {
    const pretty = `{\n  "hits" : {\n    "total" : 3,\n    "hits" : [\n      { "_index" : "m", "_id" : "a\\"b", "_seq_no" : 4, "_primary_term" : 2, "_version" : 3,\n        "_source" : { "t" : "x y", "n" : 1.0 }, "sort" : [ 1, "z" ] },\n` +
      `      { "_index" : "m", "_id" : "\\u00e9", "_routing" : "r", "_source" : { } }\n    ]\n  },\n  "pit_id" : "p"\n}`;
    const compact = (value: string | undefined) => value?.replace(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '');
    const scanned = readSearchResponse(pretty);
    const parsed = readSearchResponseTree(pretty);
    assert.deepEqual(scanned.hits.map((hit) => ({ ...hit, sourceCompact: undefined })), parsed.hits.map((hit) => ({ ...hit, sourceText: compact(hit.sourceText), sortText: compact(hit.sortText), sourceCompact: undefined })));
    assert.deepEqual([scanned.pitId, scanned.total], [parsed.pitId, parsed.total]);
    assert.equal(scanned.hits[0].sourceText, '{"t":"x y","n":1.0}');
    assert.deepEqual([scanned.hits[0].id, scanned.hits[1].id, scanned.hits[0].token], ['a"b', 'é', { seqNo: 4, primaryTerm: 2, version: 3 }]);
    assert.throws(() => readSearchResponse('{"hits":{"hits":[{"_id":1}]}}'), /_id/, 'what the scan does not take, the full parse refuses with its reason');
  });
});

describe('esResponses for listings', () => {
  it('reads the total of a search, in either shape, and no total when it was not asked for', () => {
    assert.deepEqual(readSearchResponse('{"hits":{"total":{"value":12,"relation":"eq"},"hits":[]}}').total, { value: 12, relation: 'eq' });
    assert.deepEqual(readSearchResponse('{"hits":{"total":{"value":10000,"relation":"gte"},"hits":[]}}').total, { value: 10000, relation: 'gte' });
    assert.deepEqual(readSearchResponse('{"hits":{"total":7,"hits":[]}}').total, { value: 7, relation: 'eq' });
    assert.equal(readSearchResponse('{"hits":{"hits":[]}}').total, undefined);
  });

  it('reads _cat/indices rows, and refuses an answer that is not a JSON list with a clear error', () => {
    const Malformed = MalformedResponseError;
    assert.deepEqual(readCatIndices('[{"index":"movies","health":"green","docs.count":"500"},{"index":"closed","health":"red","docs.count":null}]'), [
      { index: 'movies', health: 'green', docsCount: 500 },
      { index: 'closed', health: 'red', docsCount: undefined },
    ]);
    assert.throws(() => readCatIndices('<html>Bad gateway</html>'), (error: unknown) => error instanceof Malformed && /list of indices is not JSON: <html>/.test(error.message));
    assert.throws(() => readCatIndices('{"error":"x"}'), Malformed);
    assert.throws(() => readCatIndices(''), Malformed);
  });
});
