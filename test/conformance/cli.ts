// `npm run conformance -- [--url http://127.0.0.1:9200] [--version 8.19.0] [--verbose] [DIR...]`
// Runs the YAML REST tests below each DIR (default: the Elasticsearch suite, see suites.ts).
import { runConformance } from './runner';
import { elasticsearchRestTests, misconfigured, skippedLine } from './suites';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirs: string[] = [];
  let url: string | undefined;
  let version: string | undefined;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--url') url = args[++i];
    else if (args[i] === '--version') version = args[++i];
    else if (args[i] === '--verbose') verbose = true;
    else dirs.push(args[i]!);
  }
  if (dirs.length === 0) {
    const suite = elasticsearchRestTests();
    const wrong = misconfigured(suite);
    if (wrong) throw new Error(wrong);
    if (!suite.found) {
      console.log(skippedLine(suite));
      return;
    }
    dirs.push(suite.dir);
  }
  const result = await runConformance({
    dirs,
    url,
    server: version ? { version } : undefined,
    onFailure: (f) => console.log(`FAIL ${f.file} :: ${f.test}\n  at ${f.step}\n  ${f.message}\n`),
  });
  if (verbose) for (const s of result.skips) console.log(`SKIP ${s.file} :: ${s.test} (${s.reason})`);
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  process.exitCode = result.failed > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
