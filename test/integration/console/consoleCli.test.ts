import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { API_TABLE_PATH } from '../../../src/console/apiTableFile';
import { runConsoleCli } from '../../../src/console/consoleCli';
import { startTestCluster, type TestCluster } from '../../real-engines/testCluster';

const ROOT = path.resolve(__dirname, '../../..');
const TABLE = path.join(ROOT, API_TABLE_PATH);

/** Runs the headless console in this process; what it printed and its exit status. */
async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runConsoleCli(args, env, { out: (text) => (out += text), err: (text) => (err += text) }, TABLE);
  return { code, out, err };
}

describe('the headless console (npm run console) against the cluster under test', () => {
  let cluster: TestCluster;
  let dir: string;
  const file = (name: string, text: string): string => {
    const written = path.join(dir, name);
    fs.writeFileSync(written, text);
    return written;
  };

  before(async () => {
    cluster = await startTestCluster();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esdocs-console-'));
  });

  after(async () => {
    await cluster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends every request in order, bodies byte-exact, and prints one JSON object per request', async () => {
    const setup = file(
      'setup.es',
      '# @var INDEX = console-cli\nDELETE ${INDEX}\n\nPUT ${INDEX}\n{ "mappings": { "properties": { "n": { "type": "long" }, "f": { "type": "double" } } } }\n\n' +
        'PUT ${INDEX}/_doc/1?refresh=true\n{\n  // kept out of _source\n  "n": 9007199254740993, "f": 1.0, "s": """a "quoted"\nline"""\n}\n\nGET ${INDEX}/_source/1\n',
    );
    const { code, out, err } = await run(['--url', cluster.url, '--json', setup]);
    assert.equal(code, 0, err);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { line: number; method: string; path: string; status: number; body: string });
    assert.deepEqual(lines.map(({ line, method, path: sent }) => [line, method, sent]), [[2, 'DELETE', '/console-cli'], [4, 'PUT', '/console-cli'], [7, 'PUT', '/console-cli/_doc/1?refresh=true'], [14, 'GET', '/console-cli/_source/1']]);
    assert.ok(lines[0].status === 404 || lines[0].status === 200, 'an error status is an answer: the run goes on');
    assert.equal(lines[3].status, 200);
    assert.equal(lines[3].body.replace(/\s/g, ''), '{"n":9007199254740993,"f":1.0,"s":"a\\"quoted\\"\\nline"}');
  });

  it('runs a _bulk snippet unchanged, as NDJSON', async () => {
    const bulk = file('bulk.es', 'POST _bulk?refresh=true\n{ "index" : { "_index" : "console-bulk", "_id" : "1" } }\n{ "field1" : "value1" }\n{ "create" : { "_index" : "console-bulk", "_id" : "3" } }\n{ "field1" : "value3" }\n\nGET console-bulk/_count\n');
    const { code, out } = await run(['--url', cluster.url, bulk]);
    assert.equal(code, 0);
    assert.match(out, /^POST \/_bulk\?refresh=true → 200\n/);
    assert.match(out, /"errors": false/);
    assert.match(out, /GET \/console-bulk\/_count → 200\n\{\n {2}"count": 2/);
  });

  it('exits 1 with --fail-on-error on an HTTP error status', async () => {
    const missing = file('missing.es', 'GET no-such-index-here/_doc/1\n');
    assert.equal((await run(['--url', cluster.url, missing])).code, 0);
    assert.equal((await run(['--url', cluster.url, '--fail-on-error', missing])).code, 1);
  });

  it('exits 1 on a transport failure, naming the request', async () => {
    const any = file('any.es', 'GET /\n');
    const { code, err } = await run(['--url', 'http://127.0.0.1:9', '--timeout', '5000', any]);
    assert.equal(code, 1);
    assert.match(err, /any\.es:1:1: GET \/ failed/);
  });

  it('sends nothing when a variable is undefined anywhere', async () => {
    const partial = file('partial.es', 'PUT console-undefined/_doc/1?refresh=true\n{ "a": 1 }\n\nGET ${NOPE}/_search\n');
    const { code, err } = await run(['--url', cluster.url, partial]);
    assert.equal(code, 1);
    assert.match(err, /partial\.es:4:5: error: The variable `NOPE` is not defined/);
    const check = await run(['--url', cluster.url, '--json', file('probe.es', 'HEAD console-undefined\n')]);
    assert.equal((JSON.parse(check.out) as { status: number }).status, 404, 'the first request was not sent either');
  });

  it('--check prints the editor\'s problems as FILE:LINE:COL and fails on an error', async () => {
    const lint = file('lint.es', 'PUT movies/_doc/1?if_sql_no=1&if_primary_term=1\n{ "a": 1, }\n');
    const { code, out } = await run(['--check', lint]);
    assert.equal(code, 1);
    assert.equal(out, `${lint}:1:19: warning: \`if_sql_no\` is not a parameter of index — did you mean \`if_seq_no\`?\n${lint}:2:11: error: The body is not JSON: property name expected\n`);
  });

  it('runs as `npm run console`, with its usage on a wrong option', async () => {
    const failed = await promisify(execFile)('npm', ['run', '-s', 'console', '--', '--nope'], { cwd: ROOT }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    assert.equal(failed?.code, 2);
    assert.match(failed?.stderr ?? '', /unknown option --nope\nusage: npm run console/);
  });
});
