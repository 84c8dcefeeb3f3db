import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The strings shown at run time go through `vscode.l10n.t` (glue) or `l10n.t` of `@vscode/l10n`
 * (core); `l10n/bundle.l10n.json` is their English bundle, the file a translation starts from.
 * `npm run l10n` writes it; this test fails when a string changed and the bundle was not rewritten.
 */
const ROOT = join(__dirname, '../../..');

describe('l10n/bundle.l10n.json', function () {
  this.timeout(60_000);

  it('holds exactly the strings the source passes to l10n.t', () => {
    const out = mkdtempSync(join(tmpdir(), 'esdocs-l10n-'));
    try {
      const cli = require.resolve('@vscode/l10n-dev/dist/cli.js', { paths: [ROOT] });
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, join(ROOT, 'src')], { cwd: ROOT, stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const committed = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(committed, fresh, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
      assert.ok(Object.keys(fresh).length > 0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
