/**
 * Bundles the extension (dist/extension.js) and the extension-host test suite (out/test/suite).
 *   --production  minified bundle without source maps, as packaged
 *   --watch       rebuild on change
 */
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
  // jsonc-parser's UMD main cannot be bundled (it requires its parts at run time); its ESM build can.
  mainFields: ['module', 'main'],
};

const extension: esbuild.BuildOptions = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
};

function suiteEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return suiteEntries(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// The suite runs inside the extension host; mocha is loaded from node_modules there.
const suite: esbuild.BuildOptions = {
  ...common,
  entryPoints: suiteEntries('test/suite'),
  outdir: 'out/test/suite',
  outbase: 'test/suite',
  external: ['vscode', 'mocha'],
  sourcemap: true,
};

async function main(): Promise<void> {
  const builds = production ? [extension] : [extension, suite];
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('watching for changes…');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built ${builds.map((b) => b.outfile ?? b.outdir).join(', ')}${production ? ' (production)' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
