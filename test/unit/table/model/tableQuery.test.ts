import * as assert from 'node:assert/strict';
import { readMappingModel } from '../../../../src/mapping/model/mappingModel';
import { tableColumns } from '../../../../src/table/model/tableColumns';
import { sortOf } from '../../../../src/table/model/tableQuery';

describe('A table\'s sort', () => {
  const model = readMappingModel({ movies: { mappings: { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, year: { type: 'long' }, plot: { type: 'text' } } } } });

  it('sorts by the field the engine sorts by, then the tiebreaker; a column the engine cannot sort by is left out', () => {
    const columns = tableColumns(model);
    assert.equal(sortOf([{ path: 'year', order: 'desc' }, { path: 'title', order: 'asc' }, { path: 'plot', order: 'asc' }], columns, '_shard_doc'), '[{"year":{"order":"desc","unmapped_type":"long"}},{"title.keyword":{"order":"asc","unmapped_type":"keyword"}},{"_shard_doc":"asc"}]');
  });

  it('sorts by _id only where the engine does (Elasticsearch before 8, OpenSearch), which is then its own tiebreaker', () => {
    assert.equal(sortOf([{ path: '_id', order: 'desc' }], tableColumns(model), '_shard_doc'), '[{"_shard_doc":"asc"}]', 'Elasticsearch 8: _id has no field data by default');
    assert.match(tableColumns(model)[0].description, /_id: keyword · not sortable/);
    assert.equal(sortOf([{ path: '_id', order: 'desc' }], tableColumns(model, [], true), '_id'), '[{"_id":{"order":"desc"}}]');
  });
});
