import * as assert from 'node:assert/strict';
import { readMappingModel } from '../../../../src/mapping/model/mappingModel';
import { cellInput } from '../../../../src/table/model/cellInput';

const model = readMappingModel({ movies: { mappings: { properties: { title: { type: 'text' }, year: { type: 'short' }, seen: { type: 'boolean' }, born: { type: 'date', format: 'yyyy-MM-dd' }, ip: { type: 'ip' }, big: { type: 'unsigned_long' } } } } })!;
const field = (path: string) => model.fields.get(path);

describe('A cell\'s typed text as a value', () => {
  it('takes a string cell\'s text as the string\'s characters, escapes written for the user', () => {
    assert.deepEqual(cellInput('say "hi"\\', 'string', field('title')), { ok: true, valueText: '"say \\"hi\\"\\\\"' });
    assert.deepEqual(cellInput('1995', 'string', field('title')), { ok: true, valueText: '"1995"' });
  });

  it('keeps a number\'s text exactly as typed', () => {
    assert.deepEqual(cellInput(' 18446744073709551615 ', 'number', field('big')), { ok: true, valueText: '18446744073709551615' });
    assert.deepEqual(cellInput('1.0', 'number', undefined), { ok: true, valueText: '1.0' });
    assert.deepEqual(cellInput('null', 'number', field('year')), { ok: true, valueText: 'null' });
  });

  it('refuses what the mapping refuses, saying why', () => {
    const out = cellInput('40000', 'number', field('year'));
    assert.equal(out.ok, false);
    assert.match(!out.ok ? out.reason : '', /year is short/);
    assert.equal(cellInput('soon', 'number', field('year')).ok, false);
    assert.equal(cellInput('yes', 'boolean', field('seen')).ok, false);
    assert.equal(cellInput('2014-13-45', 'missing', field('born')).ok, false);
    assert.equal(cellInput('300.1.1.1', 'missing', field('ip')).ok, false);
    assert.equal(cellInput('', 'number', field('year')).ok, false);
  });

  it('gives a missing cell the kind its field takes', () => {
    assert.deepEqual(cellInput('2014-01-02', 'missing', field('born')), { ok: true, valueText: '"2014-01-02"' });
    assert.deepEqual(cellInput('true', 'missing', field('seen')), { ok: true, valueText: 'true' });
    assert.deepEqual(cellInput('abc', 'missing', undefined), { ok: true, valueText: '"abc"' });
    assert.deepEqual(cellInput('12', 'missing', undefined), { ok: true, valueText: '12' });
  });

  it('does not edit objects or arrays in a cell', () => {
    assert.equal(cellInput('[1]', 'array', undefined).ok, false);
  });
});
