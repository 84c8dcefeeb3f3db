import * as assert from 'node:assert/strict';
import { indexDescription, indexTooltip, loadMoreLabel } from '../../../../src/explorer/model/listingLabels';

describe('listingLabels', () => {
  const movies = { name: 'movies', docsCount: 500, health: 'green' };

  it('says how many documents match a filter, out of how many', () => {
    assert.equal(indexDescription({ ...movies, filter: 'year:2014', matched: { value: 12, relation: 'eq' } }), '12 of 500 match `year:2014` · green');
    assert.equal(indexDescription({ ...movies, docsCount: 12480, filter: 'a', matched: { value: 10000, relation: 'gte' } }), '≥ 10,000 of 12,480 match `a` · green');
    assert.equal(indexDescription({ ...movies, docsCount: undefined, health: '', filter: 'x', matched: { value: 0, relation: 'eq' } }), '0 match `x`');
  });

  it('shows the filter before its count is known, and plain counts without one', () => {
    assert.equal(indexDescription({ ...movies, filter: 'year:2014' }), '500 docs · filter `year:2014` · green');
    assert.equal(indexDescription(movies), '500 docs · green');
    assert.equal(indexDescription({ ...movies, docsCount: 1 }), '1 doc · green');
  });

  it('prefers the count of a fresh listing to the one of _cat/indices', () => {
    assert.equal(indexDescription({ ...movies, matched: { value: 503, relation: 'eq' } }), '503 docs · green');
  });

  it('adds the kind and the sort', () => {
    assert.equal(indexDescription({ name: 'all', kind: 'alias → a, b', docsCount: undefined, health: '', sort: { field: 'year', order: 'desc' } }), 'alias → a, b · year ↓');
  });

  it('puts the whole filter and the sort in the tooltip', () => {
    const filter = 'genre:"Science Fiction" AND year:[2000 TO 2014] AND NOT director:"Someone With A Long Name"';
    const tooltip = indexTooltip({ ...movies, filter, matched: { value: 1, relation: 'eq' }, sort: { field: 'year', order: 'asc' } });
    assert.equal(tooltip, `movies\n500 documents, health green\nFilter: ${filter}\n1 document matches\nSorted by year, ascending`);
    assert.match(indexTooltip(movies), /In storage order$/);
  });

  it('says how many documents Load more has shown', () => {
    assert.equal(loadMoreLabel(50, { value: 12480, relation: 'eq' }), 'Load more… (50 of 12,480 shown)');
    assert.equal(loadMoreLabel(1000, undefined), 'Load more… (1,000 shown)');
  });
});
