import * as assert from 'node:assert/strict';
import { closestName, editDistance } from '../../../../src/mapping/model/editDistance';
import { exampleDate, matchesDateFormats } from '../../../../src/mapping/model/dateFormats';
import { completeAt, hoverAt } from '../../../../src/mapping/model/mappingAssist';
import { dynamicAt, fieldsBelow, queryableFields, readMappingModel } from '../../../../src/mapping/model/mappingModel';
import { findKeySpan, refusedFieldPath } from '../../../../src/mapping/model/mappingRefusal';
import { documentSkeleton } from '../../../../src/mapping/model/mappingSkeleton';
import { failureFromResponse } from '../../../../src/cluster/model/clusterErrors';

const ANSWER = {
  'movies-000002': { mappings: { properties: { other: { type: 'keyword' } } } },
  'movies-000001': {
    mappings: {
      dynamic: 'strict',
      properties: {
        title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } }, copy_to: 'all' },
        year: { type: 'short', coerce: false },
        released: { type: 'date', format: 'yyyy-MM-dd' },
        available: { type: 'boolean' },
        price: { type: 'scaled_float', scaling_factor: 100, ignore_malformed: true },
        studio: { dynamic: true, properties: { name: { type: 'keyword', index: false }, address: { properties: { city: { type: 'keyword' } } } } },
        cast: { type: 'nested', dynamic: 'false', properties: { name: { type: 'keyword' } } },
      },
    },
  },
};

describe('mappingModel', () => {
  const model = readMappingModel(ANSWER, 'movies-000001');
  assert.ok(model);

  it('takes the concrete index the document was read from, else the first', () => {
    assert.equal(model.index, 'movies-000001');
    assert.equal(readMappingModel(ANSWER)?.index, 'movies-000002');
    assert.equal(readMappingModel(ANSWER, 'gone')?.index, 'movies-000002');
    assert.equal(readMappingModel({}), undefined);
    assert.equal(readMappingModel('nonsense'), undefined);
  });

  it('maps objects and nested by path; multi-fields are not keys', () => {
    assert.deepEqual([...model.fields.keys()].sort(), ['available', 'cast', 'cast.name', 'price', 'released', 'studio', 'studio.address', 'studio.address.city', 'studio.name', 'title', 'year']);
    assert.deepEqual(fieldsBelow(model, 'studio').map((f) => f.name), ['name', 'address']);
    assert.equal(model.fields.get('studio')?.type, 'object');
  });

  it('inherits the dynamic mode, each object overriding it for what is below', () => {
    assert.equal(dynamicAt(model, ''), 'strict');
    assert.equal(dynamicAt(model, 'studio'), 'true');
    assert.equal(dynamicAt(model, 'studio.address'), 'true');
    assert.equal(dynamicAt(model, 'cast'), 'false');
    assert.equal(readMappingModel({ a: { mappings: {} } })?.dynamic, 'true');
  });

  it('keeps the properties users care about', () => {
    assert.deepEqual(model.fields.get('title'), { path: 'title', name: 'title', type: 'text', copyTo: ['all'], multiFields: { keyword: 'keyword' } });
    assert.equal(model.fields.get('year')?.coerce, false);
    assert.equal(model.fields.get('released')?.format, 'yyyy-MM-dd');
    assert.equal(model.fields.get('price')?.scalingFactor, 100);
    assert.equal(model.fields.get('price')?.ignoreMalformed, true);
    assert.equal(model.fields.get('studio.name')?.index, false);
  });

  it('lists the fields a query can name, multi-fields included', () => {
    const fields = queryableFields(model);
    assert.equal(fields.get('title'), 'text');
    assert.equal(fields.get('title.keyword'), 'keyword');
    assert.equal(fields.get('studio.name'), 'keyword');
  });

  it('reads an Elasticsearch 6 mapping nested under its type', () => {
    assert.ok(readMappingModel({ old: { mappings: { _doc: { properties: { a: { type: 'long' } } } } } })?.fields.has('a'));
  });
});

describe('editDistance', () => {
  const cases: Array<[string, string, number]> = [
    ['title', 'title', 0], ['titel', 'title', 1], ['tilte', 'title', 1], ['titl', 'title', 1], ['ttitle', 'title', 1],
    ['tiXle', 'title', 1], ['gnere', 'genre', 1], ['genere', 'genre', 1], ['year', 'yaer', 1], ['', 'abc', 3],
    ['kitten', 'sitting', 3], ['ca', 'abc', 3], ['released', 'relased', 1], ['name', 'title', 4],
  ];
  for (const [a, b, distance] of cases) it(`${a} → ${b}: ${distance}`, () => assert.equal(editDistance(a, b), distance));

  it('stops past the limit', () => {
    assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });

  it('suggests the closest name within two edits', () => {
    assert.equal(closestName('titel', ['year', 'title', 'tile']), 'title');
    assert.equal(closestName('yera', ['year', 'title']), 'year');
    assert.equal(closestName('rating', ['year', 'title']), undefined);
    assert.equal(closestName('Title', ['tile', 'title']), 'title');
    assert.equal(closestName('title', ['title']), undefined);
  });
});

describe('dateFormats', () => {
  const cases: Array<[string, string, boolean]> = [
    ['strict_date_optional_time', '2024-02-29T23:59:59.999999999Z', true],
    ['strict_date_optional_time', '2023-02-29', false],
    ['strict_date_optional_time', '2024-01-01T24:30', false],
    ['strict_date_optional_time', '2024-01-01T10:30+0530', true],
    ['date_optional_time', '2024-1-5', true],
    ['strict_date', '2024-01-05', true],
    ['strict_date_time', '2024-01-05T10:00:00.5Z', true],
    ['strict_date_time', '2024-01-05T10:00:00Z', false],
    ['basic_date', '20240105', true],
    ['yyyy/MM/dd HH:mm', '2024/01/05 10:00', true],
    ['dd.MM.yyyy', '05.01.2024', true],
    ['dd.MM.yyyy', '32.01.2024', false],
    ["yyyy-MM-dd'T'HH:mm:ss[.SSS]", '2024-01-05T10:00:00', true],
    ["yyyy-MM-dd'T'HH:mm:ss[.SSS]", '2024-01-05T10:00:00.123', true],
    ['MMM d, yyyy', 'Jan 5, 2024', true],
    ['hh:mm a', '11:30 PM', true],
    ['hh:mm a', '13:30 PM', false],
    ['some_future_format', 'anything', true],
    ['epoch_second', '-12.5', true],
  ];
  for (const [format, value, ok] of cases) it(`${format} ${ok ? 'takes' : 'refuses'} ${value}`, () => assert.equal(matchesDateFormats(format, value), ok));

  it('gives an example in the first format', () => {
    const now = new Date('2024-03-09T08:07:06.005Z');
    assert.equal(exampleDate('strict_date_optional_time||epoch_millis', now), '2024-03-09T08:07:06Z');
    assert.equal(exampleDate('yyyy-MM-dd HH:mm:ss', now), '2024-03-09 08:07:06');
    assert.equal(exampleDate('epoch_millis', now), now.getTime());
    assert.equal(exampleDate("dd.MM.yy 'at' HH", now), '09.03.24 at 08');
  });
});

describe('mappingAssist', () => {
  const model = readMappingModel(ANSWER, 'movies-000001');
  assert.ok(model);
  const at = (text: string) => ({ text: text.replace('|', ''), offset: text.indexOf('|') });

  it('completes the fields of the object at the cursor, with their type', () => {
    const { text, offset } = at('{ "studio": { "address": { | } } }');
    const completion = completeAt(text, offset, model);
    assert.deepEqual(completion?.entries.map((e) => [e.label, e.detail, e.insertText]), [['city', 'keyword', '"city": ']]);
  });

  it('completes inside a nested array and replaces the key being typed', () => {
    const { text, offset } = at('{ "cast": [ { "na|": 1 } ] }');
    const completion = completeAt(text, offset, model);
    assert.deepEqual(completion?.entries.map((e) => e.insertText), ['"name"']);
    assert.equal(text.slice(completion?.start, completion?.end), '"na"');
  });

  it('completes the root fields, multi-fields left out', () => {
    const { text, offset } = at('{\n  |\n}');
    assert.deepEqual(completeAt(text, offset, model)?.entries.map((e) => e.label), ['title', 'year', 'released', 'available', 'price', 'studio', 'cast']);
  });

  it('offers true and false for a boolean, and an example for a date', () => {
    const bool = at('{ "available": | }');
    assert.deepEqual(completeAt(bool.text, bool.offset, model)?.entries.map((e) => e.label), ['true', 'false']);
    const date = at('{ "released": | }');
    const entry = completeAt(date.text, date.offset, model, new Date('2024-03-09T00:00:00Z'))?.entries[0];
    assert.equal(entry?.insertText, '"2024-03-09"');
    assert.match(entry?.detail ?? '', /format yyyy-MM-dd/);
  });

  it('hovers a key with its type and properties', () => {
    const { text, offset } = at('{ "studio": { "na|me": "x" } }');
    const hover = hoverAt(text, offset, model);
    assert.match(hover?.contents ?? '', /`studio.name`: \*\*keyword\*\*/);
    assert.match(hover?.contents ?? '', /index: false/);
    const title = at('{ "ti|tle": "x" }');
    assert.match(hoverAt(title.text, title.offset, model)?.contents ?? '', /copy_to: all/);
    const value = at('{ "title": "x|" }');
    assert.equal(hoverAt(value.text, value.offset, model), undefined);
  });

  it('writes a skeleton of the top-level fields', () => {
    const skeleton = documentSkeleton(model, '  ', new Date('2024-03-09T00:00:00Z'));
    assert.equal(skeleton, '{\n  "title": "",\n  "year": 0,\n  "released": "2024-03-09",\n  "available": false,\n  "price": 0,\n  "studio": {},\n  "cast": []\n}\n');
  });
});

describe('mappingRefusal', () => {
  const refusal = (type: string, reason: string) => failureFromResponse(400, JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status: 400 }));

  it('reads the field a mapping refusal names', () => {
    assert.equal(refusedFieldPath(refusal('document_parsing_exception', "[1:15] failed to parse field [year] of type [short] in document with id '1'. Preview of field's value: 'soon'")), 'year');
    assert.equal(refusedFieldPath(refusal('strict_dynamic_mapping_exception', '[1:11] mapping set to strict, dynamic introduction of [rating] within [_doc] is not allowed')), 'rating');
    assert.equal(refusedFieldPath(refusal('strict_dynamic_mapping_exception', '[3:5] mapping set to strict, dynamic introduction of [city] within [studio.address] is not allowed')), 'studio.address.city');
    assert.equal(refusedFieldPath(refusal('mapper_parsing_exception', 'object mapping for [studio] tried to parse field [studio] as object, but found a concrete value')), 'studio');
    assert.equal(refusedFieldPath(refusal('version_conflict_engine_exception', 'failed to parse field [x]')), undefined);
  });

  it('finds the key of a path in the text, dotted keys included', () => {
    const text = '{"a": 1, "studio": {"name": 2, "address.city": 3}}';
    assert.equal(text.slice(findKeySpan(text, 'studio.address.city')?.start, findKeySpan(text, 'studio.address.city')?.end), '"address.city"');
    assert.equal(text.slice(findKeySpan(text, 'studio.name')?.start, findKeySpan(text, 'studio.name')?.end), '"name"');
    assert.equal(findKeySpan(text, 'nope'), undefined);
  });
});
