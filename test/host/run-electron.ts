/**
 * `npm run test:electron`: the same extension-host suite under desktop VS Code through
 * @vscode/test-electron. That downloads VS Code from its update server; where only the npm
 * registry is reachable it cannot, so this fails fast with a message pointing to `npm run test:host`
 * (the same suite in a real VS Code served by code-server).
 *   ESDOCS_VSCODE_EXECUTABLE=<path>  use an installed VS Code instead of downloading one
 *   (Linux without a display: run under xvfb-run.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { onCleanup, runMain } from './cleanup';
import { startTestEsServer } from './esServer';
import { PROJECT_ROOT, SUITE_ENTRY } from './paths';
import { npmRun } from './proc';

const OVERALL_TIMEOUT_MS = 10 * 60_000;
// Idle timeout of the download; a blocked network otherwise hangs for minutes.
const DOWNLOAD_TIMEOUT_MS = 15_000;

async function vscodeExecutable(): Promise<string> {
  const installed = process.env.ESDOCS_VSCODE_EXECUTABLE;
  if (installed) return installed;
  try {
    return await downloadAndUnzipVSCode({
      version: 'stable',
      cachePath: path.join(PROJECT_ROOT, '.vscode-test'),
      timeout: DOWNLOAD_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(
      `could not download VS Code (${error instanceof Error ? error.message : String(error)}).\n` +
        'This machine cannot reach the VS Code update server. Run the same suite with `npm run test:host` ' +
        '(real VS Code through code-server), or set ESDOCS_VSCODE_EXECUTABLE to an installed VS Code.',
    );
  }
}

async function main(): Promise<number> {
  // First, so a machine without access to the update server fails before anything is started.
  const vscodeExecutablePath = await vscodeExecutable();
  await npmRun('build');
  const es = await startTestEsServer();
  console.log(`[test:electron] ES test server on ${es.url}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-electron-'));
  onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const userDataDir = path.join(dir, 'user');
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace);
  const settings = {
    'esdocs.connections': [{ name: 'test', url: es.url }],
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: SUITE_ENTRY,
      extensionTestsEnv: {
        ESDOCS_TEST_ES_URL: es.url,
        ...(process.env.ESDOCS_TEST_GREP ? { ESDOCS_TEST_GREP: process.env.ESDOCS_TEST_GREP } : {}),
      },
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust', '--no-sandbox', '--disable-gpu'],
    });
    return 0;
  } catch (error) {
    console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

runMain('test:electron', main, OVERALL_TIMEOUT_MS);
