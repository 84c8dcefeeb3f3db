import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentAddress } from '../src/cluster/model/documentAddress';

/** Runs one extension open in a worker thread and gives up after `capMs` (the work is synchronous, it cannot be aborted otherwise). */

export interface CappedOpen {
  /** Undefined when the cap was reached. */
  readonly totalMs: number | undefined;
  readonly getMs: number | undefined;
}

export function cappedOpen(url: string, address: DocumentAddress, capMs: number): Promise<CappedOpen> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit tsx's loader: the entry registers it, then loads the TypeScript.
    const entry = `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'openWorker.ts'))});`;
    const worker = new Worker(entry, { eval: true, workerData: { url, address } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ totalMs: undefined, getMs: undefined });
    }, capMs);
    worker.once('message', (message: { getMs: number; totalMs: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
