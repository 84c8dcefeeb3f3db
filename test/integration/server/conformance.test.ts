import { strict as assert } from 'node:assert';
import { runConformance } from '../../conformance/runner';
import { elasticsearchRestTests, misconfigured, openSearchRestTests, skippedLine, type RestSuite } from '../../conformance/suites';
import type { EsServerOptions } from '../../server/server';

/** Runs the suite's tests when it is there; says why not and skips them when it is not. */
function whenPresent(suite: RestSuite): void {
  before(function () {
    const wrong = misconfigured(suite);
    if (wrong) throw new Error(wrong);
    if (suite.found) return;
    console.log(skippedLine(suite));
    this.skip();
  });
}

async function conformance(suite: RestSuite, server: EsServerOptions) {
  const result = await runConformance({ dirs: [suite.dir], server });
  const detail = result.failures.map((f) => `${f.file} :: ${f.test}\n  ${f.step}\n  ${f.message}`).join('\n');
  assert.equal(result.failed, 0, detail);
  return { ...result, total: result.passed + result.failed + result.skipped };
}

describe('Elasticsearch YAML REST conformance of the test server', () => {
  const suite = elasticsearchRestTests();
  whenPresent(suite);
  for (const version of ['8.19.0', '9.x', '7.17.x']) {
    it(`passes every applicable test impersonating ${version}, skipping under 10%`, async () => {
      const result = await conformance(suite, { version });
      assert.ok(result.total > 100, `only ${result.total} tests found in ${suite.dir}`);
      assert.ok(result.skipped / result.total < 0.1, `${result.skipped} of ${result.total} skipped`);
    });
  }
});

describe('OpenSearch point-in-time REST conformance of the test server', () => {
  const suite = openSearchRestTests();
  whenPresent(suite);
  for (const version of ['2.19.6', '1.3.x', '3.x']) {
    it(`passes every test impersonating OpenSearch ${version}, skipping none`, async () => {
      const result = await conformance(suite, { distribution: 'opensearch', version });
      assert.ok(result.total > 0, `no test found in ${suite.dir}`);
      assert.equal(result.skipped, 0, JSON.stringify(result.skips));
    });
  }
});
