import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { runConformance } from '../../conformance/runner';

const SUITE = resolve(__dirname, '..', '..', '..', '..', 'shared', 'es-rest-tests');

describe('Elasticsearch YAML REST conformance of the test server', () => {
  for (const version of ['8.19.0', '9.x', '7.17.x']) {
    it(`passes every applicable test impersonating ${version}, skipping under 10%`, async () => {
      const result = await runConformance({ dirs: [SUITE], server: { version } });
      const detail = result.failures.map((f) => `${f.file} :: ${f.test}\n  ${f.step}\n  ${f.message}`).join('\n');
      assert.equal(result.failed, 0, detail);
      const total = result.passed + result.failed + result.skipped;
      assert.ok(total > 100, `only ${total} tests found in ${SUITE}`);
      assert.ok(result.skipped / total < 0.1, `${result.skipped} of ${total} skipped`);
    });
  }
});
