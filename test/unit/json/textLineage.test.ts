import * as assert from 'node:assert/strict';
import { TextLineage } from '../../../src/json/textLineage';

describe('TextLineage', () => {
  it('knows texts typed after the base and undo back to them', () => {
    const lineage = new TextLineage('{"a":1}');
    lineage.edited('{"a":12}');
    lineage.edited('{"a":123}');
    lineage.restored('{"a":12}');
    assert.equal(lineage.unknown, false);
    lineage.restored('{"a":1}');
    assert.equal(lineage.unknown, false, 'undo back to the base itself is fine');
  });

  it('marks an undo past the base (conflict, revert, Ctrl+Z) as unknown', () => {
    // The user's text, written against version 1, was replaced by the server's version 2 (Revert).
    const lineage = new TextLineage('{"title":"theirs"}');
    lineage.restored('{"title":"mine"}');
    assert.equal(lineage.unknown, true);
  });

  it('stays unknown while typing on top of an old text, and recovers by redo into known text', () => {
    const lineage = new TextLineage('base');
    lineage.edited('base+1');
    lineage.restored('old');
    lineage.edited('old+x');
    assert.equal(lineage.unknown, true, 'typing on old text does not make it known');
    lineage.restored('base+1');
    assert.equal(lineage.unknown, false);
  });
});
