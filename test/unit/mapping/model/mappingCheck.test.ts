import * as assert from 'node:assert/strict';
import { checkDocumentAgainstMapping, type MappingProblem } from '../../../../src/mapping/model/mappingCheck';
import { readMappingModel, type MappingModel } from '../../../../src/mapping/model/mappingModel';

function model(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): MappingModel {
  const read = readMappingModel({ movies: { mappings: { ...extra, properties } } });
  assert.ok(read);
  return read;
}

function check(properties: Record<string, unknown>, text: string, extra: Record<string, unknown> = {}): MappingProblem[] {
  return checkDocumentAgainstMapping(text, model(properties, extra));
}

/** `[document, expected]`: expected is `ok`, or the severity and a part of the message. */
type Case = readonly [string, Record<string, unknown>, string, 'ok' | readonly [MappingProblem['severity'], string | RegExp]];

const long = { n: { type: 'long' } };
const integer = { n: { type: 'integer' } };
const short = { n: { type: 'short' } };
const byte = { n: { type: 'byte' } };
const dbl = { n: { type: 'double' } };
const flt = { n: { type: 'float' } };
const half = { n: { type: 'half_float' } };
const scaled = { n: { type: 'scaled_float', scaling_factor: 100 } };
const unsigned = { n: { type: 'unsigned_long' } };
const noCoerce = { n: { type: 'integer', coerce: false } };
const malformed = { n: { type: 'integer', ignore_malformed: true } };
const bool = { b: { type: 'boolean' } };
const keyword = { k: { type: 'keyword', ignore_above: 5 } };
const text = { t: { type: 'text' } };
const ip = { ip: { type: 'ip' } };
const date = { d: { type: 'date' } };
const dayDate = { d: { type: 'date', format: 'yyyy-MM-dd' } };
const alternatives = { d: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss||yyyy-MM-dd||epoch_second' } };
const epochOnly = { d: { type: 'date', format: 'epoch_millis' } };
const object = { studio: { properties: { name: { type: 'keyword' }, founded: { type: 'short' } } } };
const nested = { cast: { type: 'nested', properties: { name: { type: 'keyword' }, age: { type: 'byte' } } } };
const disabled = { raw: { type: 'object', enabled: false } };
const flattened = { labels: { type: 'flattened' } };

const CASES: readonly Case[] = [
  // Numbers, by type and range.
  ['long takes an integer', long, '{"n": 42}', 'ok'],
  ['long takes its largest value', long, '{"n": 9223372036854775807}', 'ok'],
  ['long refuses one more than its largest', long, '{"n": 9223372036854775808}', ['error', '`n` is mapped as long: 9223372036854775808 is out of range for long']],
  ['long takes its smallest value', long, '{"n": -9223372036854775808}', 'ok'],
  ['long refuses a non-numeric string', long, '{"n": "abc"}', ['error', '`n` is mapped as long: "abc" is not a number']],
  ['long coerces a numeric string', long, '{"n": "12"}', 'ok'],
  ['long truncates a fraction', long, '{"n": 1.5}', 'ok'],
  ['long refuses true', long, '{"n": true}', ['error', 'true is not a number']],
  ['long refuses an object', long, '{"n": {"a": 1}}', ['error', 'an object is not a number']],
  ['long takes null', long, '{"n": null}', 'ok'],
  ['long takes an empty string', long, '{"n": ""}', 'ok'],
  ['long checks each element of an array', long, '{"n": [1, "x", 3]}', ['error', '"x" is not a number']],
  ['integer takes 2147483647', integer, '{"n": 2147483647}', 'ok'],
  ['integer refuses 2147483648', integer, '{"n": 2147483648}', ['error', 'out of range for integer']],
  ['integer refuses an out-of-range string', integer, '{"n": "3000000000"}', ['error', 'out of range for integer']],
  ['short takes -32768', short, '{"n": -32768}', 'ok'],
  ['short refuses 32768', short, '{"n": 32768}', ['error', 'out of range for short (-32768 to 32767)']],
  ['byte takes 127', byte, '{"n": 127}', 'ok'],
  ['byte refuses 128', byte, '{"n": 128}', ['error', '`n` is mapped as byte: 128 is out of range for byte']],
  ['byte refuses 300.5', byte, '{"n": 300.5}', ['error', 'out of range for byte']],
  ['double takes an exponent', dbl, '{"n": 1.5e300}', 'ok'],
  ['double refuses infinity', dbl, '{"n": 1e400}', ['error', 'only finite values']],
  ['float refuses what overflows a float', flt, '{"n": 1e39}', ['error', 'out of range for float']],
  ['float takes a string number', flt, '{"n": "3.25"}', 'ok'],
  ['half_float takes 65000', half, '{"n": 65000}', 'ok'],
  ['half_float refuses 70000', half, '{"n": 70000}', ['error', 'out of range for half_float']],
  ['scaled_float takes a decimal', scaled, '{"n": 9.99}', 'ok'],
  ['scaled_float refuses a word', scaled, '{"n": "cheap"}', ['error', '`n` is mapped as scaled_float']],
  ['unsigned_long refuses a negative number', unsigned, '{"n": -1}', ['error', 'out of range for unsigned_long']],
  ['unsigned_long takes 2^64-1', unsigned, '{"n": 18446744073709551615}', 'ok'],
  ['coerce false refuses a string', noCoerce, '{"n": "12"}', ['error', 'is a string (coerce is false)']],
  ['coerce false refuses a fraction', noCoerce, '{"n": 1.5}', ['error', 'has a decimal part (coerce is false)']],
  ['coerce false takes 1.0', noCoerce, '{"n": 1.0}', 'ok'],
  ['ignore_malformed keeps a malformed value unindexed', malformed, '{"n": "abc"}', ['information', 'ignore_malformed keeps it in _source, not indexed']],
  ['ignore_malformed still takes a good value', malformed, '{"n": 5}', 'ok'],
  // Booleans.
  ['boolean takes true', bool, '{"b": true}', 'ok'],
  ['boolean takes "false"', bool, '{"b": "false"}', 'ok'],
  ['boolean takes an empty string', bool, '{"b": ""}', 'ok'],
  ['boolean refuses "yes"', bool, '{"b": "yes"}', ['error', '`b` is mapped as boolean: "yes" is not true or false']],
  ['boolean refuses 1', bool, '{"b": 1}', ['error', '1 is not true or false']],
  ['boolean refuses an object', bool, '{"b": {}}', ['error', 'an object is not true or false']],
  // Strings.
  ['keyword takes a number', keyword, '{"k": 5}', 'ok'],
  ['keyword refuses an object', keyword, '{"k": {"x": 1}}', ['error', '`k` is mapped as keyword: an object is not a string']],
  ['keyword beyond ignore_above is not indexed', keyword, '{"k": "abcdefg"}', ['information', 'longer than ignore_above (5)']],
  ['text refuses an object', text, '{"t": {"x": "y"}}', ['error', 'mapped as text']],
  ['text takes an array of strings', text, '{"t": ["a", "b"]}', 'ok'],
  // IP addresses.
  ['ip takes IPv4', ip, '{"ip": "192.168.0.1"}', 'ok'],
  ['ip takes compressed IPv6', ip, '{"ip": "2001:db8::1"}', 'ok'],
  ['ip takes IPv6 with an IPv4 tail', ip, '{"ip": "::ffff:10.0.0.1"}', 'ok'],
  ['ip refuses 256 in IPv4', ip, '{"ip": "10.0.0.256"}', ['error', '`ip` is mapped as ip: "10.0.0.256" is not an IP address']],
  ['ip refuses a host name', ip, '{"ip": "localhost"}', ['error', 'is not an IP address']],
  ['ip refuses a number', ip, '{"ip": 3232235521}', ['error', 'is not an IP address']],
  // Dates.
  ['date takes an ISO date', date, '{"d": "2014-01-31"}', 'ok'],
  ['date takes an ISO date-time with zone', date, '{"d": "2014-01-31T10:20:30.123+01:00"}', 'ok'],
  ['date takes a year alone', date, '{"d": "2014"}', 'ok'],
  ['date takes epoch millis as a number', date, '{"d": 1388534400000}', 'ok'],
  ['date refuses February 30', date, '{"d": "2014-02-30"}', ['error', 'matches none of its formats (strict_date_optional_time||epoch_millis)']],
  ['date refuses a slash date', date, '{"d": "31/01/2014"}', ['error', '`d` is mapped as date']],
  ['date refuses a one-digit month in the strict format', date, '{"d": "2014-1-31"}', ['error', 'matches none']],
  ['date refuses true', date, '{"d": true}', ['error', 'is not a date']],
  ['a pattern format takes its pattern', dayDate, '{"d": "2024-02-29"}', 'ok'],
  ['a pattern format refuses a time', dayDate, '{"d": "2024-02-29T10:00"}', ['error', 'matches none of its formats (yyyy-MM-dd)']],
  ['a pattern format refuses month 13', dayDate, '{"d": "2024-13-01"}', ['error', 'matches none']],
  ['alternatives: the first', alternatives, '{"d": "2024-05-01 12:30:00"}', 'ok'],
  ['alternatives: the second', alternatives, '{"d": "2024-05-01"}', 'ok'],
  ['alternatives: epoch_second', alternatives, '{"d": 1714567890}', 'ok'],
  ['alternatives: none', alternatives, '{"d": "May 1st"}', ['error', 'matches none of its formats']],
  ['epoch_millis refuses an ISO date', epochOnly, '{"d": "2024-05-01"}', ['error', 'matches none']],
  ['epoch_millis takes a numeric string', epochOnly, '{"d": "1714567890000"}', 'ok'],
  // Objects and nested.
  ['an object takes its mapped fields', object, '{"studio": {"name": "Fox", "founded": 1935}}', 'ok'],
  ['an object refuses a scalar', object, '{"studio": "Fox"}', ['error', '`studio` is mapped as object: "Fox" is not an object']],
  ['a field of an object is checked at its path', object, '{"studio": {"founded": 99999}}', ['error', '`studio.founded` is mapped as short']],
  ['dotted keys reach the same field', object, '{"studio.founded": "x"}', ['error', '`studio.founded` is mapped as short']],
  ['nested takes an array of objects', nested, '{"cast": [{"name": "A", "age": 30}, {"name": "B"}]}', 'ok'],
  ['nested checks each object of the array', nested, '{"cast": [{"age": 30}, {"age": 300}]}', ['error', '`cast.age` is mapped as byte']],
  ['nested refuses a scalar', nested, '{"cast": 5}', ['error', 'mapped as nested: 5 is not an object']],
  ['enabled false takes anything', disabled, '{"raw": {"x": {"deep": [1, "a"]}}}', 'ok'],
  ['enabled false takes a scalar', disabled, '{"raw": 5}', 'ok'],
  ['flattened takes any object', flattened, '{"labels": {"env": "prod", "x": {"y": 1}}}', 'ok'],
  // Unknown keys and dynamic modes.
  ['a typo gets a did-you-mean', { title: { type: 'text' } }, '{"titel": "Alien"}', ['warning', '`titel` is not in the mapping of movies — did you mean `title`?']],
  ['a typo two edits away', { genre: { type: 'keyword' } }, '{"gnere": "x"}', ['warning', 'did you mean `genre`?']],
  ['a name three edits away is just new', { title: { type: 'text' } }, '{"subtitle": "x"}', 'ok'],
  ['a typo below an object', object, '{"studio": {"nmae": "Fox"}}', ['warning', '`nmae` is not in the mapping of movies — did you mean `name`?']],
  ['a typo in a nested object', nested, '{"cast": [{"nam": "A"}]}', ['warning', 'did you mean `name`?']],
  ['case differences are typos', { title: { type: 'text' } }, '{"Title": "x"}', ['warning', 'did you mean `title`?']],
  ['strict refuses a new field at the root', { title: { type: 'text' } }, '{"rating": 5}', ['error', 'mapping set to strict, dynamic introduction of [rating] within [_doc] is not allowed']],
  ['strict is inherited by objects', object, '{"studio": {"city": "LA"}}', ['error', 'dynamic introduction of [city] within [studio] is not allowed']],
  ['strict names a typo too', { title: { type: 'text' } }, '{"titel": 5}', ['error', /strict.*did you mean `title`/]],
  ['dynamic false says not indexed', { title: { type: 'text' } }, '{"rating": 5}', ['information', '`rating` is not in the mapping of movies (dynamic: false): stored in _source, not indexed']],
  ['dynamic true takes new fields silently', { title: { type: 'text' } }, '{"rating": 5}', 'ok'],
  ['a metadata field is refused', { title: { type: 'text' } }, '{"_id": "1"}', ['error', 'Field [_id] is a metadata field and cannot be added inside a document']],
  ['a half-typed document is checked up to where it stops', long, '{"n": "x", "m": ', ['error', '"x" is not a number']],
];

const STRICT_CASES = new Set(['strict refuses a new field at the root', 'strict names a typo too']);

describe('mappingCheck', () => {
  for (const [name, properties, document, expected] of CASES) {
    it(name, () => {
      const extra = STRICT_CASES.has(name) || name === 'strict is inherited by objects' ? { dynamic: 'strict' } : name === 'dynamic false says not indexed' ? { dynamic: false } : {};
      const problems = check(properties, document, extra);
      if (expected === 'ok') return assert.deepEqual(problems, []);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const [severity, message] = expected;
      assert.equal(problems[0].severity, severity);
      if (typeof message === 'string') assert.ok(problems[0].message.includes(message), `${problems[0].message} includes ${message}`);
      else assert.match(problems[0].message, message);
    });
  }

  it('has at least 60 cases', () => assert.ok(CASES.length >= 60, String(CASES.length)));

  it('marks the key of an unknown field and the value of a refused one', () => {
    const document = '{\n  "titel": "Alien",\n  "year": "soon"\n}';
    const problems = check({ title: { type: 'text' }, year: { type: 'short' } }, document);
    assert.equal(document.slice(problems[0].start, problems[0].end), '"titel"');
    assert.equal(problems[0].suggestion, 'title');
    assert.equal(document.slice(problems[1].start, problems[1].end), '"soon"');
  });

  it('names the alias the user addressed', () => {
    const problems = checkDocumentAgainstMapping('{"titel": 1}', model({ title: { type: 'text' } }), 'films');
    assert.equal(problems[0].message, '`titel` is not in the mapping of films — did you mean `title`?');
  });

  it('suggests the whole dotted key for a typo in its last part', () => {
    const problems = check(object, '{"studio.nmae": "Fox"}');
    assert.equal(problems[0].suggestion, 'studio.name');
  });

  it('walks any depth without recursion', () => {
    const deep = '{"raw": ' + '['.repeat(20000) + ']'.repeat(20000) + ', "n": "x"}';
    const problems = check({ raw: { type: 'keyword' }, n: { type: 'long' } }, deep);
    assert.equal(problems.length, 1);
  });

  it('checks a 1 MB document in well under a second (the time is printed)', () => {
    const properties = { title: { type: 'text' }, year: { type: 'short' }, released: { type: 'date' }, tags: { type: 'keyword' }, cast: { type: 'nested', properties: { name: { type: 'keyword' }, age: { type: 'byte' }, ip: { type: 'ip' } } } };
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1024 * 1024; i++) {
      const part = `{"name": "Actor ${i}", "age": ${i % 100}, "ip": "10.0.${i % 256}.1", "nmae": ${i}}`;
      parts.push(part);
      size += part.length + 2;
    }
    const document = `{"title": "Big", "year": 2014, "released": "2014-11-07T00:00:00Z", "tags": ["a", "b"], "cast": [${parts.join(', ')}]}`;
    const mapping = model(properties);
    checkDocumentAgainstMapping(document, mapping);
    const runs: number[] = [];
    let problems: MappingProblem[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      problems = checkDocumentAgainstMapping(document, mapping);
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    console.log(`      mapping check of a ${(document.length / 1024 / 1024).toFixed(2)} MB document (${parts.length} nested objects, ${problems.length} problems): median ${runs[2].toFixed(1)} ms, best ${runs[0].toFixed(1)} ms`);
    assert.equal(problems.length, parts.length);
  });
});
