/**
 * Bundles the extension (dist/extension.js), the Elasticsearch client it loads on the first
 * request (dist/elasticsearch-client.js), OpenSearch's client with the AWS signing it loads on
 * the first request to OpenSearch or AWS (dist/opensearch-client.js) and the extension-host test
 * suite (out/test/suite); and the headless commands (dist/cli/console.js, dist/cli/transfer.js),
 * which `npm run console`, `export` and `import` run (scripts/headless.mjs builds them when stale).
 *   --production  minified bundles without source maps, as packaged
 *   --headless    only the headless commands
 *   --watch       rebuild on change
 */
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const headlessOnly = process.argv.includes('--headless');
const watch = process.argv.includes('--watch');

/** The client's own bundle, next to dist/extension.js; the extension requires it by this path. */
const CLIENT_BUNDLE = 'elasticsearch-client.js';
const CLIENT_PACKAGE = '@elastic/elasticsearch';
/** OpenSearch's client, its SigV4 signer and the AWS credential chain, in one bundle of their own. */
const OPENSEARCH_BUNDLE = 'opensearch-client.js';
const OPENSEARCH_ENTRY = 'src/cluster/opensearchModules.ts';

const common: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
  // jsonc-parser's UMD main cannot be bundled (it requires its parts at run time); its ESM build can.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
};

/**
 * Leaves the client out of dist/extension.js. Even unevaluated, bundled code is read and parsed
 * when the host loads the module: the client was about 1 MB of the 1.2 MB bundle, paid at every
 * activation although only the first request needs it. Type-only imports vanish before this runs.
 */
const clientOutside: esbuild.Plugin = {
  name: 'elasticsearch-client-outside',
  setup(build) {
    build.onResolve({ filter: /^@elastic\/elasticsearch$/ }, () => ({ path: `./${CLIENT_BUNDLE}`, external: true }));
    build.onResolve({ filter: /^\.\/opensearchModules$/ }, () => ({ path: `./${OPENSEARCH_BUNDLE}`, external: true }));
  },
};

const extension: esbuild.BuildOptions = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  plugins: [clientOutside],
};

// The package itself is the entry: its CommonJS main exports `Client`, which is all the gateway reads.
const client: esbuild.BuildOptions = {
  ...common,
  entryPoints: [require.resolve(CLIENT_PACKAGE)],
  outfile: `dist/${CLIENT_BUNDLE}`,
};

const opensearchClient: esbuild.BuildOptions = {
  ...common,
  entryPoints: [OPENSEARCH_ENTRY],
  outfile: `dist/${OPENSEARCH_BUNDLE}`,
};

// A table's page, bundled for the browser and loaded only when a table opens: its script (AG Grid
// included) and its stylesheet.
const tableView: esbuild.BuildOptions = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  entryPoints: { table: 'src/table/webview/tableApp.ts', 'table-style': 'src/table/webview/table.css' },
  outdir: 'dist',
  entryNames: '[name]',
  logLevel: 'warning',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
};

// The headless commands, each one file with its clients inside (never packaged: the VSIX's
// allow-list leaves dist/cli/ out). Run as plain JavaScript, a command starts in a tenth of a
// second, where compiling its TypeScript first took half a second of every export.
const headless: esbuild.BuildOptions = {
  ...common,
  entryPoints: { console: 'src/console/consoleCli.ts', transfer: 'src/transfer/transferCli.ts' },
  outdir: 'dist/cli',
  sourcemap: false,
};

function suiteEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return suiteEntries(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// The suite runs inside the extension host; mocha is loaded from node_modules there.
// Entries under test/suite/measure/ are separate extensionTestsPath entries, not tests.
const suite: esbuild.BuildOptions = {
  ...common,
  entryPoints: suiteEntries('test/suite'),
  outdir: 'out/test/suite',
  outbase: 'test/suite',
  external: ['vscode', 'mocha'],
  minify: false,
  sourcemap: true,
};

async function main(): Promise<void> {
  const builds = headlessOnly ? [headless] : production ? [extension, client, opensearchClient, tableView] : [extension, client, opensearchClient, tableView, headless, suite];
  // Maps left by a development build would lie about a minified bundle; they are never packaged.
  if (production) for (const file of ['extension.js.map', `${CLIENT_BUNDLE}.map`, `${OPENSEARCH_BUNDLE}.map`, 'table.js.map', 'table-style.css.map']) rmSync(join('dist', file), { force: true });
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
