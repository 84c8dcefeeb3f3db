import * as assert from 'node:assert/strict';
import { csvCells, csvColumns, csvSource } from '../../../../src/transfer/model/csvColumns';
import { readMappingModel } from '../../../../src/mapping/model/mappingModel';
import { validateJson } from '../../../../src/json/jsonValidate';

const MAPPING = {
  movies: {
    mappings: {
      properties: {
        title: { type: 'text', fields: { keyword: { type: 'keyword' } } },
        year: { type: 'long' },
        rating: { type: 'double' },
        director: { properties: { name: { type: 'keyword' }, born: { type: 'date' } } },
        cast: { type: 'nested', properties: { name: { type: 'keyword' } } },
        seen: { type: 'boolean' },
      },
    },
  },
};
const isJson = (text: string) => validateJson(text).problem === undefined;

describe('CSV columns and cells', () => {
  const model = readMappingModel(MAPPING)!;

  it('takes _id and the mapping\'s flattened fields in mapping order, a nested field as one column, no multi-fields', () => {
    assert.deepEqual(csvColumns(model), ['_id', 'title', 'year', 'rating', 'director.name', 'director.born', 'cast', 'seen']);
  });

  it('writes strings as their characters, numbers, arrays and objects as their exact text, null and missing as empty', () => {
    const source = '{"year": 9223372036854775807, "rating": 1.0, "title": "é \\"q\\", \\n", "director": {"name": null}, "cast": [ {"name": "A"} ], "seen": true}';
    assert.deepEqual(csvCells(source, csvColumns(model), { id: 'x/1' }), ['x/1', 'é "q", \n', '9223372036854775807', '1.0', '', '', '[{"name":"A"}]', 'true']);
  });

  it('builds a source from a record: nested paths, types from the mapping, empty cells left out or null', () => {
    const header = ['_id', 'title', 'year', 'rating', 'director.name', 'cast', 'seen', 'extra', 'tags'];
    const cells = ['1', '=SUM(A1)', '9223372036854775807', '1.0', 'Nolan', '[{"name":"A"}]', 'true', '42', '["a","b"]'];
    const types = new Map([...model.fields.values()].map((field) => [field.path, field.type]));
    assert.equal(
      csvSource(header, cells, types, 'missing', isJson),
      '{"title":"=SUM(A1)","year":9223372036854775807,"rating":1.0,"director":{"name":"Nolan"},"cast":[{"name":"A"}],"seen":true,"extra":42,"tags":["a","b"]}',
    );
    assert.equal(csvSource(['title', 'year'], ['', 'soon'], types, 'missing', isJson), '{"year":"soon"}', 'a number field\'s text that is no number stays a string (the cluster says so)');
    assert.equal(csvSource(['title', 'year'], ['', '7'], types, 'null', isJson), '{"title":null,"year":7}');
  });
});
