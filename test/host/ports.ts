import * as net from 'node:net';

/** Loopback only: nothing these scripts start is meant to be reachable from another machine. */
export const HOST = '127.0.0.1';

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}

/** The preferred port when it is free, else any free loopback port. */
export async function freePort(preferred = 0): Promise<number> {
  if (preferred > 0) {
    try {
      return await listenOn(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return listenOn(0);
}

/** Polls url until it answers 2xx, the process is known dead, or the time is up. */
export async function waitForHttp(url: string, timeoutMs: number, isDead: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (isDead()) throw new Error(`the process behind ${url} exited`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${last})`);
}
