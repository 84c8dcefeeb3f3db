/**
 * `npm run demo`: a real VS Code in the browser with the packaged extension and a seeded
 * Elasticsearch test server, for trying the extension by hand. Everything listens on 127.0.0.1;
 * Ctrl+C stops it all.
 */
import * as path from 'node:path';
import { packageVsix } from '../../scripts/package';
import { cleanupAll, exitOnSignals } from './cleanup';
import { startCodeServer } from './codeServer';
import { ensureHost } from './ensureHost';
import { startTestEsServer } from './esServer';
import { freePort } from './ports';
import { workbenchUrl } from './workbench';

async function main(): Promise<void> {
  exitOnSignals((signal) => console.log(`\n${signal}: stopping code-server and the ES test server…`));
  await ensureHost();
  const vsix = await packageVsix();
  const es = await startTestEsServer({ port: await freePort(9200), seed: 'movies' });
  const server = await startCodeServer({
    port: 8080,
    vsix: [vsix],
    settings: { 'esdocs.connections': [{ name: 'local', url: es.url }] },
  });
  console.log('');
  console.log(`Elasticsearch test server (movies): ${es.url}`);
  console.log(`VS Code with ${path.basename(vsix)}:  ${workbenchUrl(server)}`);
  console.log('Open the URL, click "Elasticsearch" in the activity bar, expand local → movies. Ctrl+C to stop.');
  console.log('Right-click "local" → New Console for a request console (Ctrl+Enter sends the request at the cursor).');
  // Nothing else to do: the servers keep the process alive until a signal arrives.
}

main().catch(async (error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  await cleanupAll();
  process.exit(1);
});
