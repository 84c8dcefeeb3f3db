import * as assert from 'node:assert/strict';
import { describeSort, sortableFields, sortClause, sortsOnId } from '../../../../src/cluster/model/listingSort';

describe('listingSort', () => {
  it('lists the sortable fields of a mapping: keyword sub-fields, numbers, dates; not text, nested or without doc values', () => {
    const mapping = {
      movies: {
        mappings: {
          properties: {
            title: { type: 'text', fields: { keyword: { type: 'keyword' } } },
            year: { type: 'integer' },
            released: { type: 'date' },
            plot: { type: 'text' },
            cast: { type: 'nested', properties: { name: { type: 'keyword' } } },
            studio: { properties: { name: { type: 'keyword' }, founded: { type: 'short' } } },
            hidden: { type: 'keyword', doc_values: false },
          },
        },
      },
    };
    assert.deepEqual(sortableFields(mapping), [
      { field: 'released', type: 'date' },
      { field: 'studio.founded', type: 'short' },
      { field: 'studio.name', type: 'keyword' },
      { field: 'title.keyword', type: 'keyword' },
      { field: 'year', type: 'integer' },
    ]);
  });

  it('merges the mappings of the indices behind an alias, and survives an empty or odd answer', () => {
    const fields = sortableFields({ a: { mappings: { properties: { n: { type: 'long' } } } }, b: { mappings: { properties: { n: { type: 'long' }, k: { type: 'keyword' } } } } });
    assert.deepEqual(fields.map((f) => f.field), ['k', 'n']);
    assert.deepEqual(sortableFields({}), []);
    assert.deepEqual(sortableFields({ x: null, y: { mappings: {} } }), []);
  });

  it('always ends the sort with the _shard_doc tiebreaker', () => {
    assert.equal(sortClause(undefined), '[{"_shard_doc":"asc"}]');
    assert.equal(sortClause({ field: 'year', order: 'desc', type: 'integer' }), '[{"year":{"order":"desc","unmapped_type":"integer"}},{"_shard_doc":"asc"}]');
    assert.equal(sortClause({ field: '_id', order: 'asc' }), '[{"_id":{"order":"asc"}},{"_shard_doc":"asc"}]');
    assert.deepEqual(JSON.parse(sortClause({ field: 'a"b', order: 'asc', type: 'keyword' })), [{ 'a"b': { order: 'asc', unmapped_type: 'keyword' } }, { _shard_doc: 'asc' }]);
  });

  it('offers _id only below Elasticsearch 8, which refuses it by default', () => {
    assert.equal(sortsOnId('7.17.29'), true);
    assert.equal(sortsOnId('8.19.0'), false);
    assert.equal(sortsOnId('9.1.0'), false);
    assert.equal(sortsOnId('unknown'), false);
  });

  it('describes a sort in a few characters', () => {
    assert.equal(describeSort({ field: 'year', order: 'desc' }), 'year ↓');
    assert.equal(describeSort({ field: '_id', order: 'asc' }), '_id ↑');
  });
});
