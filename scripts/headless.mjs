// `npm run console|export|import`: runs a headless command from its bundle (dist/cli/NAME.js),
// building it first when any source is newer (or the dependencies were installed since), so that
// a command always runs what src/ holds, as plain JavaScript.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const bundle = join(root, 'dist', 'cli', `${name}.js`);

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestUnder(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
  const build = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts', '--headless'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [bundle, ...args], { stdio: 'inherit' });
process.exit(run.status ?? (run.signal ? 1 : 0));
