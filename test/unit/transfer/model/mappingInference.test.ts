import * as assert from 'node:assert/strict';
import { MappingInference } from '../../../../src/transfer/model/mappingInference';

describe('A new index\'s mapping inferred from the first documents of a file', () => {
  it('types each field from its values\' exact text, nested objects and arrays included, in the order first seen', () => {
    const inference = new MappingInference();
    inference.add('{"title":"Heat","year":1995,"rating":8.3,"released":"1995-12-15","tags":["crime","drama"],"director":{"name":"Mann","born":"1943-02-05T00:00:00Z"},"seen":true,"gone":null}');
    inference.add('{"title":"Alien","year":1979,"rating":8,"released":"1979-05-25","tags":[],"director":{"name":"Scott"},"seen":false}');
    assert.equal(inference.documents, 2);
    assert.deepEqual(inference.mapping(), {
      properties: {
        title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        year: { type: 'long' },
        rating: { type: 'double' },
        released: { type: 'date' },
        tags: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        director: { properties: { name: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } }, born: { type: 'date' } } },
        seen: { type: 'boolean' },
      },
    });
    assert.deepEqual(inference.describe(), ['title: text (+keyword)', 'year: long', 'rating: double', 'released: date', 'tags: text (+keyword)', 'director.name: text (+keyword)', 'director.born: date', 'seen: boolean']);
  });

  it('keeps big integers exact where it can, and maps disagreeing values so that no document is refused', () => {
    const inference = new MappingInference();
    inference.add('{"id":18446744073709551615,"n":9223372036854775807,"f":1.0,"mixed":1,"shape":{"a":1},"when":"2014-01-01"}');
    inference.add('{"id":-3,"n":-9223372036854775808,"f":2,"mixed":"one","shape":"flat","when":"soon"}');
    const { properties } = inference.mapping();
    assert.deepEqual(properties.id, { type: 'double' }, 'beyond long beside a negative value: neither long nor unsigned_long holds both');
    assert.deepEqual(properties.n, { type: 'long' });
    assert.deepEqual(properties.f, { type: 'double' }, '1.0 is a fraction: double, not the float dynamic mapping takes');
    assert.deepEqual(properties.mixed, { type: 'keyword' });
    assert.deepEqual(properties.shape, { type: 'object', enabled: false });
    assert.deepEqual(properties.when, { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } });
    const unsigned = new MappingInference();
    unsigned.add('{"id":18446744073709551615}');
    unsigned.add('{"id":3}');
    assert.deepEqual(unsigned.mapping().properties.id, { type: 'unsigned_long' });
    const older = new MappingInference(false);
    older.add('{"id":18446744073709551615}');
    assert.deepEqual(older.mapping().properties.id, { type: 'double' }, 'a cluster without unsigned_long (OpenSearch before 2.8)');
  });
});
