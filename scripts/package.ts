/**
 * `npm run package`: production build, then a VSIX at the project root.
 * Everything the extension needs is bundled into dist/extension.js, so vsce does not look at
 * node_modules (--no-dependencies); .vscodeignore is an allow-list of what ships.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const MAX_BYTES = 2 * 1024 * 1024;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0] ?? ''} failed (exit ${code})`))));
  });
}

export function vsixPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

/** Builds and packages; returns the VSIX path. Fails when the VSIX reaches 2 MB. */
export async function packageVsix(): Promise<string> {
  const out = vsixPath();
  await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--', '--production']);
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The README's screenshots stay in the repository, not in the VSIX; without a public repository
  // URL yet, their relative links are left as they are rather than rewritten.
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
  const size = fs.statSync(out).size;
  console.log(`${path.basename(out)}: ${(size / 1024).toFixed(1)} KiB (${size} bytes)`);
  if (size >= MAX_BYTES) throw new Error(`${path.basename(out)} is ${size} bytes; it must stay under 2 MB`);
  return out;
}

if (require.main === module) {
  packageVsix().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
