import type { ConnectionConfig, Credentials } from './connectionConfig';

/**
 * The connection options the headless commands share (`npm run console`, `export`, `import`).
 * Secrets may come from the environment (`ESDOCS_USER`, `ESDOCS_API_KEY`, `ESDOCS_BEARER`) so
 * that they stay out of shell histories and process lists.
 */

export class UsageError extends Error {}

export interface CliConnectionOptions {
  url?: string;
  credentials?: Credentials;
  caFile?: string;
  insecure: boolean;
  timeoutMs: number;
}

export const CONNECTION_USAGE = `  --url URL            the cluster
  --user USER:PASS     basic authentication (or ESDOCS_USER=USER:PASS)
  --api-key KEY        API key authentication (or ESDOCS_API_KEY)
  --bearer TOKEN       bearer token authentication (or ESDOCS_BEARER)
  --ca FILE            PEM file of the CA that signed the cluster's certificate
  --insecure           do not verify the certificate
  --timeout MS         the longest a request may take (default 30000)`;

export function connectionOptionsFrom(env: Readonly<Record<string, string | undefined>>): CliConnectionOptions {
  const credentials = credentialsFromEnv(env);
  return { insecure: false, timeoutMs: 30000, ...(credentials ? { credentials } : {}) };
}

/**
 * Takes the connection option at `argv[i]` into `options`: the index of its last argument, or
 * -1 when `argv[i]` is not a connection option.
 */
export function takeConnectionOption(argv: readonly string[], i: number, options: CliConnectionOptions): number {
  const arg = argv[i];
  const value = (): string => {
    const next = argv[i + 1];
    if (next === undefined) throw new UsageError(`${arg} needs a value`);
    return next;
  };
  switch (arg) {
    case '--url': options.url = value(); return i + 1;
    case '--user': options.credentials = basic(value()); return i + 1;
    case '--api-key': options.credentials = { method: 'apiKey', apiKey: value() }; return i + 1;
    case '--bearer': options.credentials = { method: 'bearer', token: value() }; return i + 1;
    case '--ca': options.caFile = value(); return i + 1;
    case '--insecure': options.insecure = true; return i;
    case '--timeout':
      options.timeoutMs = Number(value());
      if (!(options.timeoutMs > 0)) throw new UsageError('--timeout takes a number of milliseconds');
      return i + 1;
    default:
      return -1;
  }
}

/** The connection the options describe, as the gateway takes it. */
export function cliConnection(options: CliConnectionOptions, name: string): ConnectionConfig {
  const auth = options.credentials?.method ?? 'none';
  return {
    id: name,
    name,
    urls: [options.url ?? ''],
    auth,
    ...(options.credentials?.method === 'basic' ? { username: options.credentials.username } : {}),
    tls: { ...(options.caFile ? { caFile: options.caFile } : {}), ...(options.insecure ? { insecure: true } : {}) },
    origin: 'settings',
  };
}

/** The secret values of the credentials, for the redaction of what is printed. */
export function secretsOf(credentials: Credentials | undefined): string[] {
  return credentials ? Object.entries(credentials).flatMap(([key, value]) => (key === 'method' || key === 'username' || typeof value !== 'string' ? [] : [value])) : [];
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
