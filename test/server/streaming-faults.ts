// The faults whose answer is a stream: a body dripped one byte at a time, and a body far larger than
// any document. Both stop as soon as the client goes away, so an abandoned answer frees the server.
import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import type { Fault } from './faults';

const JSON_TYPE = { 'content-type': 'application/json' };
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** A JSON body `{"blob":"xxx…"}` of exactly `bytes` bytes (at least 11). */
function* jsonBody(bytes: number): Generator<Buffer> {
  const head = Buffer.from('{"blob":"');
  const tail = Buffer.from('"}');
  yield head;
  for (let left = Math.max(0, bytes - head.length - tail.length); left > 0; left -= CHUNK.length) yield left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
  yield tail;
}

/** `onAbandoned` is called when the client goes away before the whole body was sent. `product`: the product's own headers. */
export function writeDrip(res: ServerResponse, fault: Fault, product: Record<string, string>, onAbandoned: () => void): void {
  const body = Buffer.concat([...jsonBody(fault.bytes ?? 1024 * 1024)]);
  res.writeHead(200, { ...JSON_TYPE, ...product, 'content-length': body.length });
  let sent = 0;
  const timer = setInterval(() => {
    res.write(body.subarray(sent, sent + 1));
    if (++sent === body.length) {
      clearInterval(timer);
      res.end();
    }
  }, fault.intervalMs ?? 1000);
  res.on('close', () => {
    clearInterval(timer);
    if (!res.writableFinished) onAbandoned();
  });
}

export function writeHuge(res: ServerResponse, fault: Fault, product: Record<string, string>, onAbandoned: () => void): void {
  const bytes = fault.bytes ?? 200 * 1024 * 1024;
  const headers = { ...JSON_TYPE, ...product };
  res.writeHead(200, fault.declareLength === false ? headers : { ...headers, 'content-length': bytes });
  pipeline(Readable.from(jsonBody(bytes)), res, (error) => {
    if (error) onAbandoned();
  });
}
