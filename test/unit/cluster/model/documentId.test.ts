import * as assert from 'node:assert/strict';
import { checkDocumentId } from '../../../../src/cluster/model/documentAddress';

describe('checkDocumentId', () => {
  it('refuses an id with half a surrogate pair, which has no UTF-8 form', () => {
    for (const id of ['\ud800', 'a\ud83d', '\ude00b', 'x\udc00\ud800y']) assert.match(checkDocumentId(id) ?? '', /surrogate pair.*UTF-8/, JSON.stringify(id));
  });

  it('accepts whole pairs, dots and any other character', () => {
    for (const id of ['😀', 'a😀b', '.', '..', 'é', '\u0000', 'a/b?c#d%e f']) assert.equal(checkDocumentId(id), undefined, JSON.stringify(id));
  });
});
