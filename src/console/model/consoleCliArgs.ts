import { CONNECTION_USAGE, connectionOptionsFrom, takeConnectionOption, UsageError, type CliConnectionOptions } from '../../cluster/model/cliConnection';

/** The headless console's command line: `npm run console -- --url URL [options] FILE.es…`. */

export interface CliOptions {
  readonly files: readonly string[];
  readonly connection: CliConnectionOptions;
  readonly json: boolean;
  readonly check: boolean;
  readonly failOnError: boolean;
  readonly variables: Readonly<Record<string, string>>;
  readonly engine?: 'elasticsearch' | 'opensearch';
}

export const CLI_USAGE = `usage: npm run console -- [--url URL] [options] FILE.es...

Sends every request of the files in order and prints, for each, "METHOD path → status" and the body.
${CONNECTION_USAGE}
  --var NAME=VALUE     a variable, as # @var lines set them (the file's own lines win)
  --opensearch         check against OpenSearch's API (its point in time)
  --json               one JSON object per request: {"line","method","path","status","body"}
  --fail-on-error      exit 1 when any answer has an HTTP error status
  --check              send nothing: print the problems as FILE:LINE:COL: severity: message
Exit status: 0 when done, 1 on a transport failure (or a problem, see above), 2 on a usage error.`;

export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const files: string[] = [];
  const variables: Record<string, string> = {};
  const connection = connectionOptionsFrom(env);
  let engine: CliOptions['engine'];
  const flags = { json: false, check: false, failOnError: false };
  for (let i = 0; i < argv.length; i++) {
    const taken = takeConnectionOption(argv, i, connection);
    if (taken >= 0) {
      i = taken;
      continue;
    }
    const arg = argv[i];
    switch (arg) {
      case '--json': flags.json = true; break;
      case '--check': flags.check = true; break;
      case '--fail-on-error': flags.failOnError = true; break;
      case '--opensearch': engine = 'opensearch'; break;
      case '--var': {
        const assignment = argv[++i];
        const equals = assignment === undefined ? -1 : assignment.indexOf('=');
        if (equals <= 0) throw new UsageError('--var takes NAME=VALUE');
        variables[assignment.slice(0, equals)] = assignment.slice(equals + 1);
        break;
      }
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('no console file given');
  if (!flags.check && connection.url === undefined) throw new UsageError('--url is required to send (or use --check)');
  return { files, variables, connection, ...flags, ...(engine ? { engine } : {}) };
}
