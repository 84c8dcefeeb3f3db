import * as assert from 'node:assert/strict';
import { curlConditionalPut, curlGet, curlRequest } from '../../../../src/cluster/model/curl';

describe('curl', () => {
  const address = { connectionId: 'local', index: 'movies', id: "it's/1" };

  it('writes the GET of a document, with its routing', () => {
    assert.equal(curlGet('http://127.0.0.1:9200', { ...address, routing: 'r 1' }), "curl -X GET 'http://127.0.0.1:9200/movies/_doc/it'\\''s%2F1?routing=r+1'");
  });

  it('writes the conditional PUT with the body quoted for a shell', () => {
    const line = curlConditionalPut('http://127.0.0.1:9200/', address, { seqNo: 6, primaryTerm: 1, version: 3 }, `{"title":"Bob's"}`);
    assert.equal(line, `curl -X PUT 'http://127.0.0.1:9200/movies/_doc/it'\\''s%2F1?if_seq_no=6&if_primary_term=1' -H 'Content-Type: application/json' --data-raw '{"title":"Bob'\\''s"}'`);
  });

  it('sends a body starting with @ as data, not as a file name', () => {
    const line = curlConditionalPut('http://127.0.0.1:9200', address, { seqNo: 1, primaryTerm: 1, version: 1 }, '@/etc/passwd');
    assert.match(line, / --data-raw '@\/etc\/passwd'$/);
    assert.ok(!/ -d /.test(line));
  });

  it('does not throw on an id with a lone surrogate', () => {
    const line = curlGet('http://127.0.0.1:9200', { ...address, id: 'a\uD800b', routing: '\uDC00' });
    assert.match(line, /\/movies\/_doc\/a%EF%BF%BDb\?routing=%EF%BF%BD'$/);
  });

  it('never prints credentials', () => {
    const line = curlGet('https://elastic:s3cret@es.example.com:9243', address);
    assert.ok(!line.includes('s3cret'));
    assert.match(line, /https:\/\/USER:PASSWORD@es\.example\.com:9243\//);
  });

  it('copies a request as curl: the path as sent, NDJSON with --data-binary, no credentials', () => {
    assert.equal(curlRequest('https://u:p@es:9243/', 'GET', '/movies/_search?size=1', undefined, false), "curl -X GET 'https://USER:PASSWORD@es:9243/movies/_search?size=1'");
    assert.equal(
      curlRequest('http://127.0.0.1:9200', 'POST', '/_bulk', '{"index":{}}\n{"a":"it\'s"}\n', true),
      "curl -X POST 'http://127.0.0.1:9200/_bulk' -H 'Content-Type: application/x-ndjson' --data-binary '{\"index\":{}}\n{\"a\":\"it'\\''s\"}\n'",
    );
  });

});
