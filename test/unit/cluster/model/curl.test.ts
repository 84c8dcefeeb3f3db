import * as assert from 'node:assert/strict';
import { curlConditionalPut, curlGet } from '../../../../src/cluster/model/curl';

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
});
