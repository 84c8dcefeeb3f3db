import * as assert from 'node:assert/strict';
import { curlConditionalPut, curlGet } from '../../../src/core/curl';

describe('curl', () => {
  const address = { connectionId: 'local', index: 'movies', id: "it's/1" };

  it('writes the GET of a document, with its routing', () => {
    assert.equal(curlGet('http://127.0.0.1:9200', { ...address, routing: 'r 1' }), "curl -X GET 'http://127.0.0.1:9200/movies/_doc/it'\\''s%2F1?routing=r+1'");
  });

  it('writes the conditional PUT with the body quoted for a shell', () => {
    const line = curlConditionalPut('http://127.0.0.1:9200/', address, { seqNo: 6, primaryTerm: 1, version: 3 }, `{"title":"Bob's"}`);
    assert.equal(line, `curl -X PUT 'http://127.0.0.1:9200/movies/_doc/it'\\''s%2F1?if_seq_no=6&if_primary_term=1' -H 'Content-Type: application/json' -d '{"title":"Bob'\\''s"}'`);
  });

  it('never prints credentials', () => {
    const line = curlGet('https://elastic:s3cret@es.example.com:9243', address);
    assert.ok(!line.includes('s3cret'));
    assert.match(line, /https:\/\/USER:PASSWORD@es\.example\.com:9243\//);
  });
});
