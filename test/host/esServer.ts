import type { SigV4Options } from '../server/security/sigv4';
import { startEsServer } from '../server/server';
import { onCleanup } from './cleanup';

export interface RunningEsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The key pair of the SigV4 test clusters: made up, valid nowhere else; a host's AWS chain finds it in its environment. */
export const TEST_AWS = { region: 'eu-west-1', service: 'es', accessKeyId: 'AKIAESDOCSTEST000001', secretAccessKey: 'esdocs-test-secret-key-0000000000000000' };
export const TEST_AWS_ENV = { AWS_ACCESS_KEY_ID: TEST_AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_AWS.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true' };

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
