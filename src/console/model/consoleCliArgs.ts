import type { ConnectionConfig, Credentials } from '../../cluster/model/connectionConfig';

/**
 * The headless console's command line: `npm run console -- --url URL [options] FILE.es…`. Secrets
 * may come from the environment (`ESDOCS_USER`, `ESDOCS_API_KEY`, `ESDOCS_BEARER`) so that they
 * stay out of shell histories and process lists.
 */

export interface CliOptions {
  readonly files: readonly string[];
  readonly url?: string;
  readonly credentials?: Credentials;
  readonly caFile?: string;
  readonly insecure: boolean;
  readonly json: boolean;
  readonly check: boolean;
  readonly failOnError: boolean;
  readonly variables: Readonly<Record<string, string>>;
  readonly engine?: 'elasticsearch' | 'opensearch';
  readonly timeoutMs: number;
}

export const CLI_USAGE = `usage: npm run console -- [--url URL] [options] FILE.es...

Sends every request of the files in order and prints, for each, "METHOD path → status" and the body.
  --url URL            the cluster (required unless --check)
  --user USER:PASS     basic authentication (or ESDOCS_USER=USER:PASS)
  --api-key KEY        API key authentication (or ESDOCS_API_KEY)
  --bearer TOKEN       bearer token authentication (or ESDOCS_BEARER)
  --ca FILE            PEM file of the CA that signed the cluster's certificate
  --insecure           do not verify the certificate
  --var NAME=VALUE     a variable, as # @var lines set them (the file's own lines win)
  --opensearch         check against OpenSearch's API (its point in time)
  --timeout MS         the longest a request may take (default 30000)
  --json               one JSON object per request: {"line","method","path","status","body"}
  --fail-on-error      exit 1 when any answer has an HTTP error status
  --check              send nothing: print the problems as FILE:LINE:COL: severity: message
Exit status: 0 when done, 1 on a transport failure (or a problem, see above), 2 on a usage error.`;

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const files: string[] = [];
  const variables: Record<string, string> = {};
  let url: string | undefined;
  let credentials: Credentials | undefined = credentialsFromEnv(env);
  let caFile: string | undefined;
  let engine: CliOptions['engine'];
  let timeoutMs = 30000;
  const flags = { insecure: false, json: false, check: false, failOnError: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--url': url = value(); break;
      case '--user': credentials = basic(value()); break;
      case '--api-key': credentials = { method: 'apiKey', apiKey: value() }; break;
      case '--bearer': credentials = { method: 'bearer', token: value() }; break;
      case '--ca': caFile = value(); break;
      case '--insecure': flags.insecure = true; break;
      case '--json': flags.json = true; break;
      case '--check': flags.check = true; break;
      case '--fail-on-error': flags.failOnError = true; break;
      case '--opensearch': engine = 'opensearch'; break;
      case '--timeout': timeoutMs = Number(value()); if (!(timeoutMs > 0)) throw new UsageError('--timeout takes a number of milliseconds'); break;
      case '--var': {
        const assignment = value();
        const equals = assignment.indexOf('=');
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
  if (!flags.check && url === undefined) throw new UsageError('--url is required to send (or use --check)');
  return { files, variables, timeoutMs, ...flags, ...(url ? { url } : {}), ...(credentials ? { credentials } : {}), ...(caFile ? { caFile } : {}), ...(engine ? { engine } : {}) };
}

function basic(value: string): Credentials {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new UsageError('--user takes USER:PASSWORD');
  return { method: 'basic', username: value.slice(0, colon), password: value.slice(colon + 1) };
}

function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  if (env.ESDOCS_USER) return basic(env.ESDOCS_USER);
  if (env.ESDOCS_API_KEY) return { method: 'apiKey', apiKey: env.ESDOCS_API_KEY };
  if (env.ESDOCS_BEARER) return { method: 'bearer', token: env.ESDOCS_BEARER };
  return undefined;
}

/** The connection the options describe, as the gateway takes it. */
export function cliConnection(options: CliOptions): ConnectionConfig {
  const auth = options.credentials?.method ?? 'none';
  return {
    id: 'console',
    name: 'console',
    urls: [options.url ?? ''],
    auth,
    ...(options.credentials?.method === 'basic' ? { username: options.credentials.username } : {}),
    tls: { ...(options.caFile ? { caFile: options.caFile } : {}), ...(options.insecure ? { insecure: true } : {}) },
    origin: 'settings',
  };
}
