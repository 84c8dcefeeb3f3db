/**
 * `npm run test:host`: runs the extension-host suite (test/suite) inside a real VS Code, i.e.
 * code-server's Node extension host driven by headless Chromium, against the ES test server.
 * Then a second, short run with workspace trust on (the folder untrusted) for the Restricted Mode test.
 *   ESDOCS_TEST_GREP=<pattern>  run only the matching tests
 *   ESDOCS_HOST_VERBOSE=1       also stream code-server's own log
 *   ESDOCS_EXTERNAL_ES_URL=<url> run against that cluster (a real engine: `npm run test:real`)
 *                                instead of a test server; tests that need the test server skip
 */
import * as fs from 'node:fs';
import { format } from 'node:util';
import { openBrowser } from './browser';
import { runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { ensureHost } from './ensureHost';
import { startTestEsServer, TEST_AWS, TEST_AWS_ENV, type RunningEsServer } from './esServer';
import { PROJECT_ROOT, SUITE_ENTRY } from './paths';
import { npmRun } from './proc';
import { remoteUri, workbenchUrl } from './workbench';

const OVERALL_TIMEOUT_MS = 10 * 60_000;
// From page load to the suite's exit; the suite itself has per-test timeouts.
const SUITE_TIMEOUT_MS = 8 * 60_000;

function step(message: string): void {
  console.log(`[test:host] ${message}`);
}

/** The test that needs workspace trust on; its title is the grep of the second run. */
const RESTRICTED_MODE_TEST = 'Restricted Mode';

async function main(): Promise<number> {
  const started = Date.now();
  await ensureHost();
  await npmRun('build');
  if (!fs.existsSync(SUITE_ENTRY)) throw new Error(`the build did not produce ${SUITE_ENTRY}`);

  const external = process.env.ESDOCS_EXTERNAL_ES_URL;
  const es = external ? { url: external } : await startTestEsServer();
  step(`${external ? 'cluster' : 'ES test server'} on ${es.url}`);
  // A second cluster answering as OpenSearch, and a third as Amazon OpenSearch Service behind SigV4,
  // whose key pair the extension host finds in its environment (the AWS credential chain's first link).
  const openSearch = external ? undefined : await startTestEsServer({ distribution: 'opensearch' });
  const aws = external ? undefined : await startTestEsServer({ distribution: 'opensearch', awsSigV4: TEST_AWS });
  const env = external
    ? { ESDOCS_TEST_REAL: '1' }
    : { ESDOCS_TEST_OS_URL: openSearch?.url ?? '', ESDOCS_TEST_AWS_URL: aws?.url ?? '', ...TEST_AWS_ENV };
  const code = await runSuite(es, { workspaceTrust: false, env });
  step(`suite exited with code ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
  const grep = process.env.ESDOCS_TEST_GREP;
  if (external || (grep && !new RegExp(grep).test(RESTRICTED_MODE_TEST))) return code;
  const restricted = await runSuite(es, { workspaceTrust: true, env: { ESDOCS_TEST_GREP: RESTRICTED_MODE_TEST, ESDOCS_TEST_RESTRICTED: '1' } });
  step(`the run with workspace trust on exited with code ${restricted} after ${Math.round((Date.now() - started) / 1000)} s`);
  return code || restricted;
}

async function runSuite(es: Pick<RunningEsServer, 'url'>, options: { workspaceTrust: boolean; env: NodeJS.ProcessEnv }): Promise<number> {
  const server = await startCodeServer({
    smokeTestDriver: true,
    settings: {
      'esdocs.connections': [{ name: 'test', url: es.url }],
      // With trust on, the folder opens in Restricted Mode without asking.
      ...(options.workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    },
    // The extension host is forked by the server and inherits this environment.
    env: { ESDOCS_TEST_ES_URL: es.url, ...options.env },
    verbose: process.env.ESDOCS_HOST_VERBOSE === '1',
    workspaceTrust: options.workspaceTrust,
  });
  step(`code-server on ${server.url}${options.workspaceTrust ? ', workspace trust on' : ''}`);

  const session = await openBrowser();
  const { page } = session;
  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (finish = resolve));
  // Mocha's reporter writes through the extension host's console, which the driver relays here.
  // It is called as (level, [format, ...args]), the arguments of the console call.
  await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
    const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
    (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => finish(typeof code === 'number' ? code : 1));
  page.on('pageerror', (error) => console.error(`[workbench] ${error.message}`));
  // Without these the run would only end at the suite timeout.
  page.on('crash', () => {
    console.error('[test:host] the workbench page crashed');
    finish(1);
  });
  page.context().browser()?.on('disconnected', () => finish(1));

  const url = workbenchUrl(server, [
    ['extensionDevelopmentPath', remoteUri(server, PROJECT_ROOT)],
    ['extensionTestsPath', remoteUri(server, SUITE_ENTRY)],
  ]);
  step('opening the workbench with the test payload');
  await page.goto(url);

  const timeout = new Promise<number>((resolve) => {
    setTimeout(() => {
      console.error(`[test:host] the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} min`);
      resolve(1);
    }, SUITE_TIMEOUT_MS).unref();
  });
  const code = await Promise.race([exitCode, timeout]);
  await session.close();
  await server.stop();
  return code;
}

runMain('test:host', main, OVERALL_TIMEOUT_MS);
