import * as assert from 'node:assert/strict';
import { tableRequestOf } from '../../../../src/console/model/consoleTable';

describe('The table a console request opens', () => {
  it('takes a search\'s index and its query as written', () => {
    assert.deepEqual(tableRequestOf('POST', '/movies/_search?size=5', '{"size":5,"query":{"term":{"year":9007199254740993}}}'), { kind: 'search', index: 'movies', query: '{"term":{"year":9007199254740993}}' });
    assert.deepEqual(tableRequestOf('GET', '/my%20index/_search', undefined), { kind: 'search', index: 'my index' });
  });

  it('takes an ES|QL query\'s text', () => {
    assert.deepEqual(tableRequestOf('POST', '/_query', '{"query":"FROM movies | LIMIT 5"}'), { kind: 'esql', esql: 'FROM movies | LIMIT 5' });
  });

  it('opens nothing for other requests', () => {
    assert.equal(tableRequestOf('POST', '/_search', '{}'), undefined);
    assert.equal(tableRequestOf('PUT', '/movies/_doc/1', '{}'), undefined);
    assert.equal(tableRequestOf('POST', '/_query', '{"query":1}'), undefined);
    assert.deepEqual(tableRequestOf('POST', '/movies/_search', '{"query":'), { kind: 'search', index: 'movies' }, 'a broken body: the index alone');
  });
});
