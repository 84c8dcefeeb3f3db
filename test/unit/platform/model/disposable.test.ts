import * as assert from 'node:assert/strict';
import { Disposable, type DisposableLike } from '../../../../src/platform/model/disposable';

class Owner extends Disposable {
  own<T extends DisposableLike>(item: T): T {
    return this.register(item);
  }
}

function recorder(log: string[], name: string): DisposableLike {
  return { dispose: () => log.push(name) };
}

describe('Disposable', () => {
  it('disposes what it registered, the last registered first, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    const first = recorder(log, 'first');
    assert.equal(owner.own(first), first);
    owner.own(recorder(log, 'second'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['second', 'first']);
  });

  it('disposes at once what is registered after it was disposed', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own(recorder(log, 'late'));
    assert.deepEqual(log, ['late']);
  });
});
