import * as assert from 'node:assert/strict';
import { applyChange, checkChange, describeChange, pointerPath, scriptUpdateBody } from '../../../../src/bulk/model/changeKinds';

const SOURCE = '{"title":"Heat","year":1995,"big":9007199254740993,"f":1.0,"tags":["a"],"é":"ü","director":{"name":"Mann"}}';

describe('Bulk change kinds on exact text', () => {
  it('sets a field, keeping every other byte; setting the value it has is a no-op', () => {
    assert.equal(applyChange(SOURCE, { set: { path: 'reviewed', value: 'true' } }).text, SOURCE.replace(/}$/, ',"reviewed":true}'));
    assert.equal(applyChange(SOURCE, { set: { path: 'director.name', value: ' "M. Mann" ' } }).text, SOURCE.replace('"Mann"', '"M. Mann"'));
    assert.equal(applyChange(SOURCE, { set: { path: 'big', value: '9007199254740995' } }).text, SOURCE.replace('9007199254740993', '9007199254740995'));
    assert.deepEqual(applyChange(SOURCE, { set: { path: 'f', value: '1.0' } }), {});
  });

  it('removes a field, renames one with its value byte for byte, replaces text in a string', () => {
    assert.equal(applyChange(SOURCE, { remove: { path: 'f' } }).text, SOURCE.replace(',"f":1.0', ''));
    assert.deepEqual(applyChange(SOURCE, { remove: { path: 'nothing' } }), {});
    assert.equal(applyChange(SOURCE, { rename: { from: 'big', to: 'huge' } }).text, SOURCE.replace(',"big":9007199254740993', '').replace(/}$/, ',"huge":9007199254740993}'));
    assert.equal(applyChange(SOURCE, { replace: { path: 'title', search: 'ea', replacement: 'EA' } }).text, SOURCE.replace('"Heat"', '"HEAt"'));
    assert.equal(applyChange(SOURCE, { replace: { path: 'é', search: '^ü$', replacement: 'u', regex: true } }).text, SOURCE.replace('"ü"', '"u"'));
    assert.deepEqual(applyChange(SOURCE, { replace: { path: 'year', search: '1', replacement: '2' } }), {}, 'not a string: no change');
  });

  it('applies a JSON patch with exact value texts; a failed test or a missing path changes nothing', () => {
    const out = applyChange(SOURCE, { patch: [{ op: 'test', path: '/year', value: 1995 }, { op: 'replace', path: '/big', valueText: '18446744073709551615' }, { op: 'move', from: '/f', path: '/g' }, { op: 'copy', from: '/title', path: '/name' }] });
    assert.equal(out.text, SOURCE.replace('9007199254740993', '18446744073709551615').replace(',"f":1.0', '').replace(/}$/, ',"g":1.0,"name":"Heat"}'));
    assert.match(applyChange(SOURCE, { patch: [{ op: 'test', path: '/year', value: 2000 }, { op: 'remove', path: '/year' }] }).refused ?? '', /test of \/year failed/);
    assert.match(applyChange(SOURCE, { patch: [{ op: 'remove', path: '/nope' }] }).refused ?? '', /found no field/);
  });

  it('checks a change before anything is read', () => {
    assert.match(checkChange({ set: { path: 'x', value: 'tru' } }) ?? '', /not JSON/);
    assert.match(checkChange({ replace: { path: 'x', search: '(', replacement: '', regex: true } }) ?? '', /regular expression/);
    assert.match(checkChange({ patch: [{ op: 'remove', path: '/tags/0' }] }) ?? '', /not a pointer/);
    assert.equal(checkChange({ rename: { from: 'a', to: 'b' } }), undefined);
    assert.equal(pointerPath('/a~1b/c'), 'a/b.c', 'an escaped slash is part of a name');
    assert.equal(pointerPath('/a.b'), undefined, 'a name with a dot would read as two segments');
    assert.equal(pointerPath('/director/name'), 'director.name');
  });

  it('sends a script to the cluster as an update body, its params as their exact text', () => {
    assert.equal(scriptUpdateBody({ source: 'ctx._source.n += params.k', params: '{ "k": 9007199254740993, "f": 1.0 }' }), '{"script":{"source":"ctx._source.n += params.k","lang":"painless","params":{"k":9007199254740993,"f":1.0}}}');
    assert.equal(scriptUpdateBody({ source: "ctx.op = 'noop'", lang: 'painless' }), '{"script":{"source":"ctx.op = \'noop\'","lang":"painless"}}');
    assert.match(checkChange({ script: { source: ' ' } }) ?? '', /script is empty/);
    assert.match(checkChange({ script: { source: 'x', params: '[1]' } }) ?? '', /JSON object/);
    assert.match(checkChange({ script: { source: 'x', params: '{"a":' } }) ?? '', /not JSON/);
    assert.equal(checkChange({ script: { source: 'x', params: '{"a":1}' } }), undefined);
    assert.equal(describeChange({ script: { source: 'if (ctx._source.n > 1) {\n  ctx._source.n = 0\n}' } }), 'script if (ctx._source.n > 1) { ctx._source.n = 0 }');
  });
});
