import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConsole, type ConsoleRequest } from '../../../../src/console/model/consoleParser';
import { renderRequest } from '../../../../src/console/model/consoleRender';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../../fixtures/console', name), 'utf8');
const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);
const none = (): undefined => undefined;

describe('consoleParser', () => {
  const text = fixture('documentation-snippets.es');
  const file = parseConsole(text);

  it('finds every request of a documentation-style file, with its method, path and first line', () => {
    assert.deepEqual(
      file.requests.map((request) => [request.method, request.path, request.line]),
      [
        ['PUT', 'my-index-000001', 1],
        ['POST', 'my-index-000001/_doc/1?refresh=wait_for', 11],
        ['GET', 'my-index-000001/_search', 18],
        ['POST', '_bulk', 30],
        ['POST', 'my-index-000001/_update/1', 39],
        ['GET', '_cat/indices?v=true&s=index', 50],
        ['GET', '/', 52],
      ],
    );
    assert.deepEqual(file.strays, []);
  });

  it('points at the exact text: method, path, body and each NDJSON line', () => {
    const bulk = file.requests[3];
    assert.equal(slice(text, bulk.methodSpan), 'POST');
    assert.equal(slice(text, bulk.pathSpan), '_bulk');
    assert.equal(bulk.body?.values.length, 7);
    assert.equal(slice(text, bulk.body!.values[0]), '{ "index" : { "_index" : "test", "_id" : "1" } }');
    assert.equal(slice(text, bulk.body!.values[6]), '{ "doc" : {"field2" : "value2"} }');
    const search = file.requests[2];
    assert.ok(slice(text, search.body!.span).startsWith('{\n  "query"'));
    assert.ok(slice(text, search.body!.span).endsWith('"size": 5\n}'));
    assert.equal(search.body?.values.length, 1, 'comments are not values');
  });

  it('reads methods in any case and a path without a leading slash', () => {
    const last = file.requests[6];
    assert.equal(last.method, 'GET');
    assert.equal(renderOk(text, last).path, '/');
  });

  it('a method line inside a """ string or after an unclosed brace', () => {
    const inside = parseConsole('POST x/_update/1\n{ "script": """\nGET not-a-request\n""" }\nGET after\n');
    assert.deepEqual(inside.requests.map((request) => request.path), ['x/_update/1', 'after']);
    const unclosed = parseConsole('GET a/_search\n{ "query": {\n\nGET b/_search\n');
    assert.deepEqual(unclosed.requests.map((request) => request.path), ['a/_search', 'b/_search'], 'one missing brace does not swallow the next request');
    assert.equal(unclosed.requests[0].body?.open, true);
  });

  it('reads the header: # @var lines and # @connection', () => {
    const header = parseConsole(fixture('variables.es'));
    assert.deepEqual(header.variables.map(({ name, value }) => [name, value]), [['INDEX', 'movies'], ['SIZE', '3']]);
    assert.equal(header.connection?.name, 'local');
    assert.deepEqual(header.requests[0].pathVariables.map((use) => use.name), ['INDEX', 'SIZE']);
  });

  it('marks text before the first request that is not a comment', () => {
    const stray = parseConsole('hello\nGET /\n');
    assert.equal(slice('hello\nGET /\n', stray.strays[0]), 'hello');
  });

  it('keeps a comment after the path out of the path', () => {
    const [request] = parseConsole('GET _search?size=1 # the first hit\n').requests;
    assert.equal(request.path, '_search?size=1');
  });
});

function renderOk(text: string, request: ConsoleRequest, ndjson = false, lookup: (name: string) => string | undefined = none) {
  const rendered = renderRequest(text, request, lookup, ndjson);
  assert.ok(rendered.ok, 'renders');
  return rendered.request;
}

describe('consoleRender', () => {
  const text = fixture('documentation-snippets.es');
  const file = parseConsole(text);

  it('sends numbers exactly as written: no JSON.parse on the way out', () => {
    const body = renderOk(text, file.requests[1]).body!;
    assert.ok(body.includes('"count": 12345678901234567890'), body);
    assert.ok(body.includes('"ratio": 1.0'), body);
  });

  it('removes comments of every kind, keeping everything else as typed', () => {
    const body = renderOk(text, file.requests[2]).body!;
    assert.ok(!body.includes('comment'), body);
    assert.ok(!body.includes('//') && !body.includes('/*'), body);
    assert.ok(body.includes('"title": "fox"'), body);
  });

  it('sends NDJSON one value per line, compact, with the final newline', () => {
    const body = renderOk(text, file.requests[3], true).body!;
    assert.equal(body.split('\n').length, 8);
    assert.ok(body.endsWith('\n'));
    assert.equal(body.split('\n')[0], '{"index":{"_index":"test","_id":"1"}}');
    assert.equal(body.split('\n')[6], '{"doc":{"field2":"value2"}}');
  });

  it('turns """ strings into JSON strings, newlines and quotes escaped', () => {
    const body = renderOk(text, file.requests[4]).body!;
    const source = /"source": ("(?:[^"\\]|\\.)*")/.exec(body)?.[1];
    assert.ok(source, body);
    assert.equal(JSON.parse(source), '\n      ctx._source.count += params.n;\n      ctx._source.note = "said \\"hi\\"";\n    ');
  });

  it('resolves variables in the path and the body, escaping them inside strings', () => {
    const vars: Record<string, string> = { INDEX: 'movies', SIZE: '3', GENRE: 'Sci "Fi"' };
    const variables = fixture('variables.es');
    const wire = renderOk(variables, parseConsole(variables).requests[0], false, (name) => vars[name]);
    assert.equal(wire.path, '/movies/_search?size=3');
    assert.ok(wire.body?.includes('"genre": "Sci \\"Fi\\""'), wire.body);
    assert.ok(wire.body?.includes('"size": 3'), wire.body);
  });

  it('sends nothing when a variable is not defined, and says which', () => {
    const variables = fixture('variables.es');
    const rendered = renderRequest(variables, parseConsole(variables).requests[0], (name) => (name === 'GENRE' ? undefined : 'x'), false);
    assert.equal(rendered.ok, false);
    assert.deepEqual(!rendered.ok && rendered.undefinedVariables.map((use) => [use.name, slice(variables, use)]), [['GENRE', '${GENRE}']]);
  });

  it('percent-encodes spaces and non-ASCII in the path, and keeps % escapes', () => {
    const source = 'GET my index/_doc/é%2F1?q=title:"star wars"\n';
    assert.equal(renderOk(source, parseConsole(source).requests[0]).path, '/my%20index/_doc/%C3%A9%2F1?q=title:%22star%20wars%22');
  });
});
