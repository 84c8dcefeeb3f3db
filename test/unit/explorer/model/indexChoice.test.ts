import * as assert from 'node:assert/strict';
import { chooseIndex, newIndexNameProblem } from '../../../../src/explorer/model/indexChoice';

describe('indexChoice', () => {
  const items = [{ name: 'movies' }, { name: 'movies-2024' }, { name: 'books' }];

  it('takes the highlighted index', () => {
    assert.deepEqual(chooseIndex('mo', items[1], items), { kind: 'pick', item: items[1] });
  });

  it('waits for the list when the user accepts while it loads', () => {
    assert.deepEqual(chooseIndex('books', undefined, undefined), { kind: 'wait' });
  });

  it('takes the index the typed text names, exactly or as the only match', () => {
    assert.deepEqual(chooseIndex('movies', undefined, items), { kind: 'pick', item: items[0] });
    assert.deepEqual(chooseIndex(' BOO ', undefined, items), { kind: 'pick', item: items[2] });
  });

  it('stays open and says so when nothing or several match', () => {
    assert.deepEqual(chooseIndex('films', undefined, items), { kind: 'stay', message: 'No index matches "films".' });
    assert.deepEqual(chooseIndex('movie', undefined, items), { kind: 'stay', message: '2 indices match "movie": pick one.' });
    assert.deepEqual(chooseIndex('', undefined, []), { kind: 'stay', message: 'This cluster has no index.' });
  });

  it('tells a name a new index can have from one Elasticsearch refuses', () => {
    assert.equal(newIndexNameProblem('films-2026'), undefined);
    assert.equal(newIndexNameProblem('Films'), 'An index name is lowercase.');
    assert.match(newIndexNameProblem('a b') ?? '', /space/);
    assert.match(newIndexNameProblem('a:b') ?? '', /none of/);
    assert.match(newIndexNameProblem('_films') ?? '', /does not start with/);
    assert.equal(newIndexNameProblem('..'), 'An index needs a name.');
  });
});
