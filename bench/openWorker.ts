import { parentPort, workerData } from 'node:worker_threads';
import { prettyPrintJsonBytes } from '../src/json/jsonText';
import type { DocumentAddress } from '../src/cluster/model/documentAddress';
import { plainGateway } from '../test/support/plainGateway';
import { DocumentStore } from '../src/cluster/documentStore';

/** One extension open (get + pretty print, as readFile does) in a worker thread, so that the caller can give up on it. */

interface Input {
  readonly url: string;
  readonly address: DocumentAddress;
}

async function main(): Promise<void> {
  const { url, address } = workerData as Input;
  const gateway = plainGateway(url, 120_000);
  const store = new DocumentStore(() => gateway);
  const start = process.hrtime.bigint();
  const result = await store.getBytes(address);
  const fetched = process.hrtime.bigint();
  if (!result.found) throw new Error('the document to open is missing');
  prettyPrintJsonBytes(result.sourceBytes).toString('utf8');
  const done = process.hrtime.bigint();
  await gateway.close();
  parentPort?.postMessage({ getMs: Number(fetched - start) / 1e6, totalMs: Number(done - start) / 1e6 });
}

void main();
