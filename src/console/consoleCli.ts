import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliGateway } from '../cluster/cliGateway';
import { secretsOf, UsageError } from '../cluster/model/cliConnection';
import { describeError } from '../cluster/model/clusterErrors';
import { indentJson } from '../json/jsonScan';
import { ApiTableFile, API_TABLE_PATH } from './apiTableFile';
import { exchange } from './consoleExchange';
import type { ApiTable } from './model/apiTable';
import { analyzeRequest, checkConsole, fileVariables, type ConsoleContext } from './model/consoleChecks';
import { CLI_USAGE, parseCliArgs, type CliOptions } from './model/consoleCliArgs';
import { parseConsole } from './model/consoleParser';

/**
 * `npm run console -- --url URL FILE.es…`: the console's files in scripts and CI, through the same
 * parser, checks and transport as the editor. Prints `METHOD path → status` and the answer for
 * each request (or, with `--json`, one object per request), in order, stopping at a transport
 * failure; `--check` sends nothing and prints the problems the editor shows.
 */

interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function runConsoleCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: Output, tableFile: string): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n${CLI_USAGE}\n`);
    return 2;
  }
  const table = await new ApiTableFile(tableFile).get();
  const files = options.files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  if (options.check) return check(files, table, options, io);
  // Nothing is sent from files that cannot be: an undefined variable anywhere stops the run first.
  let blocked = false;
  for (const { file, text } of files) {
    const parsed = parseConsole(text);
    const context = contextOf(table, options, parsed);
    for (const request of parsed.requests) {
      for (const problem of analyzeRequest(text, request, context).diagnostics) {
        if (problem.code !== 'variable') continue;
        blocked = true;
        io.err(`${locate(file, text, problem.span.start)}: error: ${problem.message}\n`);
      }
    }
  }
  if (blocked) return 1;
  const gateway = cliGateway(options.connection, 'console');
  let failedStatus = false;
  try {
    for (const { file, text } of files) {
      const parsed = parseConsole(text);
      const context = contextOf(table, options, parsed);
      for (const request of parsed.requests) {
        const { rendered } = analyzeRequest(text, request, context);
        if (!rendered.ok) continue;
        const wire = rendered.request;
        let answer;
        try {
          answer = await exchange(gateway, wire);
        } catch (error) {
          io.err(`${locate(file, text, request.methodSpan.start)}: ${describeError(`${wire.method} ${wire.path}`, error, wire.method !== 'GET' && wire.method !== 'HEAD', secretsOf(options.connection.credentials))}\n`);
          return 1;
        }
        if (answer.status >= 400) failedStatus = true;
        if (options.json) io.out(`${JSON.stringify({ line: request.line + 1, method: wire.method, path: wire.path, status: answer.status, body: answer.text })}\n`);
        else io.out(`${wire.method} ${wire.path} → ${answer.status}\n${readable(answer.text, answer.json)}`);
      }
    }
  } finally {
    await gateway.close();
  }
  return options.failOnError && failedStatus ? 1 : 0;
}

function contextOf(table: ApiTable, options: CliOptions, parsed: ReturnType<typeof parseConsole>): ConsoleContext {
  return { table, variable: fileVariables(parsed, options.variables), ...(options.engine ? { engine: options.engine } : {}) };
}

function check(files: ReadonlyArray<{ file: string; text: string }>, table: ApiTable, options: CliOptions, io: Output): number {
  let errors = 0;
  for (const { file, text } of files) {
    const parsed = parseConsole(text);
    for (const problem of checkConsole(text, parsed, contextOf(table, options, parsed))) {
      if (problem.severity === 'error') errors++;
      io.out(`${locate(file, text, problem.span.start)}: ${problem.severity}: ${problem.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

/** An answer for a person: JSON indented (only whitespace between tokens changes), text as it came; one final newline. */
function readable(text: string, json: boolean): string {
  if (text === '') return '';
  if (json) {
    try {
      return indentJson(text);
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** `FILE:LINE:COL`, one-based, as compilers print it. */
function locate(file: string, text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${file}:${line}:${column}`;
}

if (require.main === module) {
  // A reader that stops early (`| head`) ends the run quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const tableFile = path.resolve(__dirname, '../..', API_TABLE_PATH);
  runConsoleCli(process.argv.slice(2), process.env, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }, tableFile).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
