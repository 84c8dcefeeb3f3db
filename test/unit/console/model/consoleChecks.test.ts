import * as assert from 'node:assert/strict';
import { checkConsole, fileVariables, type ConsoleContext } from '../../../../src/console/model/consoleChecks';
import { endpointsFor, resolveEndpoint } from '../../../../src/console/model/consoleEndpoints';
import { parseConsole } from '../../../../src/console/model/consoleParser';
import { effectOf } from '../../../../src/console/model/consoleSafety';
import { context, table } from './consoleFixtures';

function problems(text: string, over: Partial<ConsoleContext> = {}): Array<[string, string, string]> {
  return checkConsole(text, parseConsole(text), { ...context, ...over }).map((problem) => [problem.code, text.slice(problem.span.start, problem.span.end), problem.message]);
}

describe('consoleChecks', () => {
  it('the seed\'s own story: if_sql_no → did you mean `if_seq_no`?, with the fix', () => {
    const text = 'PUT movies/_doc/1?if_sql_no=3&if_primary_term=1\n{ "title": "x" }\n';
    const [problem] = checkConsole(text, parseConsole(text), context);
    assert.equal(problem.code, 'param');
    assert.equal(text.slice(problem.span.start, problem.span.end), 'if_sql_no');
    assert.match(problem.message, /did you mean `if_seq_no`\?/);
    assert.equal(problem.fix?.text, 'if_seq_no');
  });

  it('accepts what the specification accepts: common and _cat parameters, HEAD where GET is', () => {
    assert.deepEqual(problems('GET movies/_search?size=5&filter_path=hits&pretty\nGET _cat/indices?v=true&h=index&format=json\nHEAD movies\nGET movies/_doc/1?_source_includes=title\n'), []);
  });

  it('an unknown endpoint, with the API name it may have meant', () => {
    const [[code, at, message]] = problems('GET movies/_serch\n');
    assert.equal(code, 'endpoint');
    assert.equal(at, 'movies/_serch');
    assert.match(message, /did you mean `_search`\?/);
  });

  it('a method the endpoint does not take', () => {
    const [[code, at, message]] = problems('POST _cat/indices\n');
    assert.equal(code, 'method');
    assert.equal(at, 'POST');
    assert.match(message, /GET/);
  });

  it('a parameter value its type refuses', () => {
    const [[code, , message]] = problems('GET movies/_search?track_total_hits=yes&search_type=fast\n').slice(1);
    assert.equal(code, 'param-value');
    assert.match(message, /query_then_fetch/);
  });

  it('a body that is not JSON, at the place it breaks', () => {
    const [[code, at, message]] = problems('GET movies/_search\n{ "size": 1, }\n');
    assert.equal(code, 'json');
    assert.equal(at, '}');
    assert.match(message, /not JSON/);
  });

  it('two values in a body that is not NDJSON; none in _bulk', () => {
    assert.equal(problems('GET movies/_search\n{}\n{}\n')[0][0], 'body');
    assert.deepEqual(problems('POST _bulk\n{ "index": { "_index": "movies" } }\n{ "title": "x" }\n'), []);
  });

  it('an unknown field where the specification puts a field, against the index mapping', () => {
    const found = problems(
      'GET movies/_search\n{\n  "query": { "bool": { "must": [ { "match": { "titel": "x" } }, { "range": { "yaer": { "gte": 1 } } } ] } },\n  "sort": [ "year", { "genr": "desc" } ],\n  "aggs": { "g": { "terms": { "field": "genre.keywrd" } } },\n  "_source": { "includes": [ "director.nme" ] }\n}\n',
    );
    assert.deepEqual(found.map(([code, at]) => [code, at]), [['field', 'titel'], ['field', 'yaer'], ['field', 'genr'], ['field', 'genre.keywrd'], ['field', 'director.nme']]);
    assert.match(found[0][2], /did you mean `title`\?/);
  });

  it('no field checks without the mapping, on patterns, metadata or variables', () => {
    assert.deepEqual(problems('GET movies/_search\n{ "query": { "match": { "titel": "x" } } }\n', { fields: () => undefined }), []);
    assert.deepEqual(problems('GET movies,books/_search\n{ "query": { "match": { "titel": "x" } } }\n'), []);
    assert.deepEqual(problems('GET movies/_search\n{ "sort": [ "_score", "_doc", "title.*" ] }\n'), []);
  });

  it('an undefined variable is an error, and a file\'s @var wins over the settings', () => {
    const text = '# @var INDEX = movies\nGET ${INDEX}/_search?size=${SIZE}\n';
    const file = parseConsole(text);
    const lookup = fileVariables(file, { INDEX: 'other', SIZE: '3' });
    assert.equal(lookup('INDEX'), 'movies');
    assert.equal(lookup('SIZE'), '3');
    assert.deepEqual(checkConsole(text, file, { ...context, variable: lookup }), []);
    const [missing] = checkConsole(text, file, { ...context, variable: fileVariables(file, {}) });
    assert.equal(missing.code, 'variable');
    assert.equal(missing.severity, 'error');
  });

  it('OpenSearch\'s point in time is known on OpenSearch connections', () => {
    const text = 'POST movies/_search/point_in_time?keep_alive=1m\n';
    assert.equal(problems(text)[0][0], 'endpoint');
    assert.deepEqual(problems(text, { engine: 'opensearch' }), []);
  });
});

describe('consoleSafety', () => {
  const effect = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string) => {
    const segments = path.split('/').filter(Boolean);
    return effectOf(method, resolveEndpoint(endpointsFor(table, undefined), method, segments), segments);
  };

  it('tells reads, POST reads included, from writes', () => {
    for (const [method, path] of [['GET', 'movies/_doc/1'], ['POST', 'movies/_search'], ['POST', '_msearch'], ['POST', 'movies/_count'], ['POST', '_mget'], ['POST', '_query'], ['POST', 'movies/_pit'], ['DELETE', '_pit']] as const) {
      assert.equal(effect(method, path).kind, 'read', `${method} ${path}`);
    }
    assert.equal(effect('PUT', 'movies/_doc/1').kind, 'write');
    assert.equal(effect('POST', '_bulk').kind, 'write');
    assert.equal(effect('DELETE', 'movies/_doc/1').kind, 'write');
  });

  it('names what deletes or rewrites many documents or whole indices', () => {
    for (const [method, path] of [['DELETE', 'movies'], ['DELETE', '*'], ['POST', 'movies/_delete_by_query'], ['POST', 'movies/_update_by_query'], ['POST', 'movies/_close'], ['PUT', '_cluster/settings'], ['POST', '_reindex']] as const) {
      assert.equal(effect(method, path).kind, 'destructive', `${method} ${path}`);
    }
    const byQuery = effect('POST', 'movies/_delete_by_query');
    assert.ok(byQuery.kind === 'destructive' && byQuery.countQuery && byQuery.target === 'movies');
  });
});
