import * as assert from 'node:assert/strict';
import { readCount } from '../../../../src/console/model/consoleCount';
import { findHits, formatResults, looksLikeJson, statusLine } from '../../../../src/console/model/consoleResults';

const answer = (text: string, json = true) => ({ requestLine: 'GET /movies/_search', line: 0, status: 200, elapsedMs: 12.4, bytes: 3481, text, json });

describe('consoleResults', () => {
  it('puts each answer under its status line, pretty-printed from its exact text', () => {
    const { text } = formatResults([answer('{"n":12345678901234567890,"f":1.0,"z":1,"a":"é"}'), { ...answer('', false), status: 404, requestLine: 'HEAD /x' }]);
    assert.equal(text, '// GET /movies/_search → 200 OK · 12 ms · 3.4 KB\n{\n  "n": 12345678901234567890,\n  "f": 1.0,\n  "z": 1,\n  "a": "é"\n}\n\n// HEAD /x → 404 Not Found · 12 ms · 3.4 KB\n');
  });

  it('shows text answers as they came, behind comment marks', () => {
    const { text } = formatResults([answer('health index\ngreen  movies\n', false)]);
    assert.ok(text.endsWith('// health index\n// green  movies\n'), text);
  });

  it('finds the documents of _search, _mget and GET _doc answers, and not the gone ones', () => {
    const search = '{"hits":{"hits":[{"_index":"movies","_id":"1","_source":{"_id":"not this","_index":"x"}},{"_index":"movies","_id":"2","_routing":"r","_source":{}}]}}';
    assert.deepEqual(findHits(search).map(({ index, id, routing }) => [index, id, routing]), [['movies', '1', undefined], ['movies', '2', 'r']]);
    const mget = '{"docs":[{"_index":"m","_id":"a","found":true,"_source":{}},{"_index":"m","_id":"b","found":false}]}';
    assert.deepEqual(findHits(mget).map(({ id }) => id), ['a']);
    const bulk = '{"items":[{"index":{"_index":"t","_id":"1","_seq_no":0,"result":"created"}},{"delete":{"_index":"t","_id":"2","_seq_no":1,"result":"not_found"}}]}';
    assert.deepEqual(findHits(bulk).map(({ id }) => id), ['1']);
  });

  it('places each hit at its _id in the shown text', () => {
    const { text, hits } = formatResults([answer('{"_index":"movies","_id":"2571","found":true,"_source":{}}')]);
    assert.equal(text.slice(hits[0].offset, hits[0].offset + 6), '"2571"');
  });

  it('words the status line and tells JSON by its media type', () => {
    assert.equal(statusLine({ status: 201, elapsedMs: 3, bytes: 12 }), '201 Created · 3 ms · 12 B');
    assert.equal(looksLikeJson('application/json; charset=UTF-8', ''), true);
    assert.equal(looksLikeJson('application/vnd.elasticsearch+json;compatible-with=8', ''), true);
    assert.equal(looksLikeJson('text/plain; charset=UTF-8', '{'), false);
    assert.equal(looksLikeJson(undefined, ' [1]'), true);
  });

  it('reads a _count exactly', () => {
    assert.equal(readCount('{"count":12345678901234567890,"_shards":{}}'), '12345678901234567890');
    assert.equal(readCount('{"error":{}}'), undefined);
  });
});
