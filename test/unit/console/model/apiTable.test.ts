import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('apiTable', () => {
  it('ships the API table of the installed specification (npm run console:api)', function () {
    this.timeout(60000);
    const root = join(__dirname, '../../../..');
    execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/console-api-table.ts'), '--check'], { stdio: 'pipe' });
  });
});
