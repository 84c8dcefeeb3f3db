/**
 * Starts code-server (the real VS Code workbench and Node extension host) in a throwaway profile:
 * user data, extensions and XDG folders live in a fresh temp dir so nothing leaks into $HOME and
 * every run starts from the same state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup, trackGroup } from './cleanup';
import { node24Env } from './ensureHost';
import { CODE_SERVER_ENTRY, NODE24_BIN } from './paths';
import { run } from './proc';
import { freePort, HOST, waitForHttp } from './ports';

/** Keeps the window free of chat, tips and update prompts so screenshots and tests are stable. */
const BASE_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
};

export interface Profile {
  /** Root of the temp dir; removed on stop. */
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  /** An empty folder opened as the workspace. */
  workspace: string;
}

export interface CodeServerOptions {
  /** Preferred port; a free one is used when it is 0 or taken. */
  port?: number;
  /** User settings merged over the clean defaults, e.g. `esdocs.connections`. */
  settings?: Record<string, unknown>;
  /** Lets the page pass a test payload (extensionDevelopmentPath/extensionTestsPath). */
  smokeTestDriver?: boolean;
  /** VSIX files installed into the profile before the start. */
  vsix?: string[];
  /** Extra environment for the server; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Stream the server's own log to stdout instead of only keeping it in a file. */
  verbose?: boolean;
  /** Keep workspace trust on: the opened folder is then untrusted (Restricted Mode). Off by default. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  profile: Profile;
  /** Sends SIGTERM, then SIGKILL, to the whole process group and removes the profile. */
  stop(): Promise<void>;
}

export function createProfile(settings: Record<string, unknown> = {}): Profile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-code-server-'));
  const profile: Profile = {
    dir,
    userDataDir: path.join(dir, 'user'),
    extensionsDir: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
  };
  for (const folder of [profile.extensionsDir, profile.workspace, path.join(profile.userDataDir, 'User')]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  writeSettings(profile, settings);
  return profile;
}

/** Replaces the user settings; a running workbench picks the change up by itself. */
export function writeSettings(profile: Profile, settings: Record<string, unknown>): void {
  const file = path.join(profile.userDataDir, 'User', 'settings.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
}

function serverEnv(profile: Profile, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...node24Env(),
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(profile.dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(profile.dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(profile.dir, 'xdg-cache'),
    ...extra,
  };
}

function profileArgs(profile: Profile): string[] {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a packaged extension into the profile (code-server's own CLI, no server needed). */
export async function installExtension(profile: Profile, vsix: string): Promise<void> {
  await run(NODE24_BIN, [CODE_SERVER_ENTRY, ...profileArgs(profile), '--install-extension', vsix], {
    env: serverEnv(profile),
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function startCodeServer(options: CodeServerOptions = {}, existing?: Profile): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error('code-server is not installed; run `npx tsx test/host/ensureHost.ts`.');
  const profile = existing ?? createProfile(options.settings);
  if (existing && options.settings) writeSettings(profile, options.settings);
  for (const vsix of options.vsix ?? []) await installExtension(profile, vsix);

  const port = await freePort(options.port ?? 0);
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...profileArgs(profile),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    profile.workspace,
  ];
  const logFile = path.join(profile.dir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  // detached = setsid(): the server, its extension host and file watcher share one new group.
  const child = spawn(NODE24_BIN, args, {
    detached: true,
    env: serverEnv(profile, options.env),
    stdio: ['ignore', options.verbose ? 'inherit' : log, options.verbose ? 'inherit' : log],
  });
  fs.closeSync(log);
  const untrack = child.pid === undefined ? () => undefined : trackGroup(child.pid);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      unregister();
      killGroup(child, 'SIGTERM');
      if (!(await exited(child, 5000))) killGroup(child, 'SIGKILL');
      await exited(child, 2000);
      // The group may outlive its leader (watchers): make sure none of it is left.
      killGroup(child, 'SIGKILL');
      untrack();
      fs.rmSync(profile.dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };
  const unregister = onCleanup(stop);

  const url = `http://${HOST}:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 60_000, () => child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    const logTail = tail(logFile);
    await stop();
    throw new Error(`code-server did not start: ${error instanceof Error ? error.message : String(error)}\n${logTail}`);
  }
  return { url, port, profile, stop };
}
