import * as assert from 'node:assert/strict';
import { previewOf, tooltipOf } from '../../../../src/explorer/model/documentPreview';
import { validateConnectionUrl } from '../../../../src/cluster/model/connectionUrl';

describe('documentPreview', () => {
  it('prefers a title-like field', () => {
    assert.equal(previewOf('{"genre":["IMAX"],"year":2014,"title":"Interstellar"}'), 'Interstellar');
  });

  it('falls back to the first string field, then to nothing', () => {
    assert.equal(previewOf('{"n":1,"city":"Lyon"}'), 'Lyon');
    assert.equal(previewOf('{"n":1}'), '');
    assert.equal(previewOf('not json'), '');
  });

  it('cuts long previews', () => {
    assert.equal(previewOf(JSON.stringify({ title: 'x'.repeat(200) }), 10), 'xxxxxxxxx…');
  });

  it('pretty-prints and cuts tooltips', () => {
    assert.equal(tooltipOf('{"a":1}'), '{\n  "a": 1\n}');
    assert.ok(tooltipOf(JSON.stringify({ a: 'y'.repeat(5000) }), 100).endsWith('\n…'));
  });
});

describe('connectionUrl', () => {
  it('accepts http and https URLs', () => {
    assert.equal(validateConnectionUrl('http://127.0.0.1:9200'), undefined);
    assert.equal(validateConnectionUrl('https://es.example.com'), undefined);
  });

  it('refuses other input with a reason', () => {
    assert.match(validateConnectionUrl('localhost:9200') ?? '', /http/);
    assert.match(validateConnectionUrl('not a url') ?? '', /URL/);
  });
});
