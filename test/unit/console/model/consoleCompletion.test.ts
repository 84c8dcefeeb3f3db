import * as assert from 'node:assert/strict';
import { completeAt, type CompletionSources } from '../../../../src/console/model/consoleCompletion';
import { hoverAt } from '../../../../src/console/model/consoleHover';
import { parseConsole } from '../../../../src/console/model/consoleParser';
import { context } from './consoleFixtures';

const sources: CompletionSources = { ...context, indices: ['books', 'movies'] };

/** The completions at `|`, as `kind:label`. */
function at(source: string, over: Partial<CompletionSources> = {}): string[] {
  const offset = source.indexOf('|');
  const text = source.replace('|', '');
  return completeAt(text, parseConsole(text), offset, { ...sources, ...over }).map((item) => `${item.kind}:${item.label}`);
}

describe('consoleCompletion', () => {
  it('methods at the start of a line', () => {
    assert.deepEqual(at('G|'), ['method:GET', 'method:POST', 'method:PUT', 'method:DELETE', 'method:HEAD', 'method:PATCH']);
  });

  it('the path segment by segment: API names and the connection\'s indices, then what follows an index', () => {
    const first = at('GET |');
    assert.ok(first.includes('index:movies') && first.includes('path:_search') && first.includes('path:_cat'), first.join(' '));
    const second = at('GET movies/|');
    assert.ok(second.includes('path:_search') && second.includes('path:_doc') && second.includes('path:_mapping'), second.join(' '));
    assert.ok(at('GET _cat/|').includes('path:indices'));
    assert.ok(!at('PUT movies/|').includes('path:_search'), 'only what the method takes');
  });

  it('the query parameters of the API, then their values', () => {
    const params = at('GET movies/_search?|');
    assert.ok(params.includes('param:size') && params.includes('param:track_total_hits') && params.includes('param:filter_path'), params.join(' '));
    assert.deepEqual(at('PUT movies/_doc/1?op_type=|'), ['value:index', 'value:create']);
    assert.deepEqual(at('GET movies/_search?allow_no_indices=|'), ['value:true', 'value:false']);
  });

  it('the Query DSL keys of a _search body', () => {
    const root = at('GET movies/_search\n{\n  "|"\n}');
    for (const key of ['query', 'aggs', 'sort', 'size', 'from', '_source', 'search_after', 'pit', 'track_total_hits', 'highlight']) assert.ok(root.includes(`key:${key}`), key);
    const query = at('GET movies/_search\n{ "query": { | } }');
    for (const key of ['bool', 'match', 'term', 'terms', 'range', 'exists']) assert.ok(query.includes(`key:${key}`), key);
    assert.ok(at('GET movies/_search\n{ "query": { "bool": { "| } } }').includes('key:filter'));
    assert.ok(at('GET movies/_search\n{ "aggs": { "a": { | } } }').includes('key:terms'));
  });

  it('the mapping\'s fields wherever the specification puts a field', () => {
    const fields = ['field:title', 'field:title.keyword', 'field:year', 'field:genre', 'field:director.name'];
    assert.deepEqual(at('GET movies/_search\n{ "query": { "match": { "|" } } }'), fields);
    assert.deepEqual(at('GET movies/_search\n{ "query": { "match": { | } } }'), fields, 'without a quote typed yet');
    assert.deepEqual(at('GET movies/_search\n{ "sort": [ "|" ] }'), fields);
    assert.deepEqual(at('GET movies/_search\n{ "aggs": { "g": { "terms": { "field": "|" } } } }'), fields);
    assert.deepEqual(at('POST movies/_count\n{ "query": { "exists": { "field": "|" } } }'), fields);
    assert.deepEqual(at('POST movies/_msearch\n{}\n{ "query": { "term": { "|": 1 } } }\n'), fields, 'in an _msearch body line');
  });

  it('while the body is still being typed', () => {
    assert.ok(at('GET movies/_search\n{\n  "query": { "match": { "|').includes('field:title'));
  });

  it('a document\'s keys from the mapping, level by level, without multi-fields', () => {
    assert.deepEqual(at('PUT movies/_doc/1\n{ "|" }'), ['field:title', 'field:year', 'field:genre', 'field:director']);
    assert.deepEqual(at('PUT movies/_doc/1\n{ "director": { "|" } }'), ['field:name']);
  });

  it('inserts a key with its colon outside quotes, only the name inside them', () => {
    const text = 'GET movies/_search\n{ "query": { "match": { ';
    const [outside] = completeAt(text, parseConsole(text), text.length, sources);
    assert.equal(outside.insertText, '"title": ');
    const quoted = 'GET movies/_search\n{ "query": { "match": { "ti" } } }';
    const inside = completeAt(quoted, parseConsole(quoted), quoted.indexOf('ti"') + 2, sources)[0];
    assert.equal(inside.insertText, 'title');
    assert.equal(quoted.slice(inside.replace.start, inside.replace.end), 'ti');
  });
});

describe('consoleHover', () => {
  it('says what an API and a parameter are, with the documentation page', () => {
    const text = 'GET movies/_search?track_total_hits=true\n';
    const api = hoverAt(text, parseConsole(text), 5, context);
    assert.match(api?.markdown ?? '', /\*\*search\*\*/);
    assert.match(api?.doc ?? '', /^https:\/\/www\.elastic\.co\//);
    const param = hoverAt(text, parseConsole(text), text.indexOf('track_total_hits') + 3, context);
    assert.match(param?.markdown ?? '', /\*\*track_total_hits\*\*/);
  });
});
