import * as assert from 'node:assert/strict';
import { AnswerTooLargeError, readBounded } from '../../../src/cluster/answerLimits';

async function* chunksOf(...parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield part;
}

describe('readBounded: the bytes of an answer read whole, within its bound', () => {
  const text = '{"title":"Ünïcödé ✓ 𝄞","n":12345678901234567890}';
  const bytes = Buffer.from(text, 'utf8');
  // Split inside a multi-byte character, so that decoding per chunk would break it.
  const split = bytes.indexOf(0xf0) + 2;
  const parts = [bytes.subarray(0, split), bytes.subarray(split)];

  it('reads an answer of the announced length, a character split across chunks included', async () => {
    assert.equal((await readBounded(chunksOf(...parts), 1024, String(bytes.length))).toString('utf8'), text);
  });

  it('reads an answer without a length', async () => {
    assert.equal((await readBounded(chunksOf(...parts), 1024, undefined)).toString('utf8'), text);
  });

  it('keeps every byte of an answer longer than announced, and only the bytes of a shorter one', async () => {
    assert.equal((await readBounded(chunksOf(...parts), 1024, String(split - 1))).toString('utf8'), text);
    assert.equal((await readBounded(chunksOf(...parts), 1024, String(bytes.length + 50))).toString('utf8'), text);
  });

  it('refuses an answer over the bound, announced or not', async () => {
    await assert.rejects(readBounded(chunksOf(...parts), bytes.length - 1, String(bytes.length)), AnswerTooLargeError);
    await assert.rejects(readBounded(chunksOf(...parts), bytes.length - 1, undefined), AnswerTooLargeError);
  });
});
