import type { SigV4Options } from '../server/security/sigv4';
import { startEsServer } from '../server/server';
import { onCleanup } from './cleanup';

export interface RunningEsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the project's Elasticsearch test server and registers it for cleanup. */
export async function startTestEsServer(options: { port?: number; seed?: 'movies'; distribution?: 'opensearch'; awsSigV4?: SigV4Options } = {}): Promise<RunningEsServer> {
  const { port, ...rest } = options;
  const server = await startEsServer({ port: port ?? 0, ...rest });
  if (!/^http:\/\/127\.0\.0\.1:/.test(server.url)) {
    console.warn(`warning: the ES test server answers on ${server.url}, expected a 127.0.0.1 address`);
  }
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      unregister();
      await server.close();
    })();
    return closed;
  };
  const unregister = onCleanup(close);
  return { url: server.url, port: server.port, close };
}
