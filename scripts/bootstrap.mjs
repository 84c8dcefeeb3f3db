// Runs a TypeScript entry point with tsx, installing the project's dependencies first when they
// are missing, so that `npm run demo` and `npm test` work on a fresh clone as the README says.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/bootstrap.mjs ENTRY.ts [ARGS...]');
  process.exit(2);
}

if (!existsSync(join(root, 'node_modules', '.bin', 'tsx'))) {
  console.log('Installing dependencies (npm ci)…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [entry, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? (run.signal ? 1 : 0));
