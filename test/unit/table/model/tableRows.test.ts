import * as assert from 'node:assert/strict';
import { readMappingModel } from '../../../../src/mapping/model/mappingModel';
import { StagedEdits } from '../../../../src/table/model/stagedEdits';
import { tableColumns } from '../../../../src/table/model/tableColumns';
import { queryOf } from '../../../../src/cluster/model/queryText';
import { sortOf } from '../../../../src/table/model/tableQuery';
import { rowKey, rowView, sourceOfHit } from '../../../../src/table/model/tableRows';
import { describeRange } from '../../../../src/table/model/tableWords';

const model = readMappingModel({ movies: { mappings: { properties: {
  title: { type: 'text', fields: { raw: { type: 'keyword' } } },
  year: { type: 'long' },
  director: { properties: { name: { type: 'keyword' }, born: { type: 'date' } } },
  cast: { type: 'nested', properties: { name: { type: 'keyword' } } },
  plot: { type: 'text' },
} } } })!;

describe('The table\'s columns, rows and search', () => {
  it('lists _id, the mapping\'s flat paths in mapping order, then fields only found in documents', () => {
    const columns = tableColumns(model, ['extra', 'director.name', 'cast.name', 'note.text']);
    assert.deepEqual(columns.map((c) => c.path), ['_id', 'title', 'year', 'director.name', 'director.born', 'cast', 'plot', 'extra', 'note.text']);
    const byPath = new Map(columns.map((c) => [c.path, c]));
    assert.equal(byPath.get('title')?.sortField, 'title.raw', 'a text field sorts by its keyword sub-field');
    assert.equal(byPath.get('year')?.sortField, 'year');
    assert.equal(byPath.get('plot')?.sortField, undefined, 'text without a keyword sub-field does not sort');
    assert.equal(byPath.get('cast')?.sortField, undefined);
    assert.match(byPath.get('title')!.description, /title: text.*title\.raw/);
    assert.match(byPath.get('extra')!.description, /not in the mapping/);
  });

  it('sends the sort of the clicked headers, by their sort fields, with the tiebreaker last', () => {
    const columns = tableColumns(model);
    assert.equal(sortOf([{ path: 'year', order: 'desc' }, { path: 'title', order: 'asc' }, { path: 'plot', order: 'asc' }], columns, '_shard_doc'),
      '[{"year":{"order":"desc","unmapped_type":"long"}},{"title.raw":{"order":"asc","unmapped_type":"keyword"}},{"_shard_doc":"asc"}]');
    assert.equal(sortOf([], columns, '_id'), '[{"_id":"asc"}]');
  });

  it('takes a query string or a JSON query, and says what is wrong with broken JSON', () => {
    assert.deepEqual(queryOf(''), { ok: true, query: '{"match_all":{}}' });
    assert.deepEqual(queryOf('year:2014'), { ok: true, query: '{"query_string":{"query":"year:2014"}}' });
    assert.deepEqual(queryOf(' {"term":{"year":9007199254740993}} '), { ok: true, query: '{"term":{"year":9007199254740993}}' });
    assert.equal(queryOf('{"term":').ok, false);
  });

  it('shows a row\'s cells from the exact source, null and missing apart, staged values marked', () => {
    const hit = { index: 'movies', id: '7', sourceText: '{"title":"A \\"b\\"","year":9007199254740993,"director":{"name":null},"cast":[{"name":"X"}],"extra":1.0}', token: { seqNo: 3, primaryTerm: 1, version: 2 } };
    const source = sourceOfHit(hit)!;
    assert.equal(source.key, rowKey('movies', '7', undefined));
    const staged = new StagedEdits();
    staged.stage(source, 'year', '2000');
    const found = new Set<string>();
    const paths = new Set(tableColumns(model).map((c) => c.path));
    const row = rowView(source, paths, staged, found);
    assert.deepEqual(row.cells.title, { kind: 'string', text: 'A "b"' });
    assert.deepEqual(row.cells.year, { kind: 'number', text: '2000', edited: true });
    assert.deepEqual(row.cells['director.name'], { kind: 'null', text: 'null' });
    assert.equal(row.cells['director.born'], undefined, 'missing');
    assert.deepEqual(row.cells.cast, { kind: 'array', text: '[{"name":"X"}]' });
    assert.deepEqual(row.cells.extra, { kind: 'number', text: '1.0' });
    assert.equal(row.state, 'edited');
    assert.deepEqual([...found], ['extra']);
  });

  it('words the range shown', () => {
    assert.equal(describeRange(0, 100, 12480, 'eq', 'year:2014'), '1–100 of 12,480 · year:2014');
    assert.equal(describeRange(0, 0, 0, 'eq', ''), 'no documents');
    assert.equal(describeRange(100, 200, 10000, 'gte', ''), '101–200 of 10,000+');
  });
});
