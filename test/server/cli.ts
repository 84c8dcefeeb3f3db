// `npm run es-server -- --port 9200 [--distribution elasticsearch|opensearch] [--version 8.19.0] [--shards 2]
//   [--seed movies] [--refresh-interval 1000] [--user NAME:PASSWORD]... [--api-key ID:KEY]... [--bearer TOKEN]...
//   [--tls] [--cert-dir DIR] [--aws-sigv4 REGION:SERVICE]`
// --aws-sigv4 requires SigV4 signatures made with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY of its environment.
// --distribution opensearch answers as OpenSearch (default version 2.19.6; 1.3.x, 2.x and 3.x accepted).
// Any --user/--api-key/--bearer turns security on; --tls serves HTTPS. The last line printed at start-up
// is always `listening on <url>`, which scripts wait for.
import { sigV4FromEnvironment } from './security/sigv4';
import { startEsServer, type AuthOptions, type EsServerOptions } from './server';
import { parseDistribution } from './distribution';

/** `A:B` split at the first colon (passwords and keys may contain colons); both parts non-empty. */
function pair(flag: string, v: string): [string, string] {
  const i = v.indexOf(':');
  if (i < 1 || i === v.length - 1) throw new Error(`${flag} expects NAME:SECRET, got [${v}]`);
  return [v.slice(0, i), v.slice(i + 1)];
}

function parseArgs(argv: string[]): EsServerOptions {
  const opts: EsServerOptions = { port: 9200 };
  const auth: Required<AuthOptions> = { basic: [], apiKeys: [], bearerTokens: [] };
  let certDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`missing value for ${flag}`);
      return v;
    };
    switch (flag) {
      case '--port':
        opts.port = Number(value());
        break;
      case '--distribution':
        opts.distribution = parseDistribution(value());
        break;
      case '--version':
        opts.version = value();
        break;
      case '--shards':
        opts.defaultShards = Number(value());
        break;
      case '--refresh-interval':
        opts.refreshIntervalMs = Number(value());
        break;
      case '--seed': {
        const s = value();
        if (s !== 'movies') throw new Error(`unknown seed [${s}] (known: movies)`);
        opts.seed = s;
        break;
      }
      case '--user': {
        const [username, password] = pair(flag, value());
        auth.basic.push({ username, password });
        break;
      }
      case '--api-key': {
        const [id, key] = pair(flag, value());
        auth.apiKeys.push({ id, key });
        break;
      }
      case '--bearer':
        auth.bearerTokens.push(value());
        break;
      case '--tls':
        opts.tls = true;
        break;
      case '--aws-sigv4':
        opts.awsSigV4 = sigV4FromEnvironment(value());
        break;
      case '--cert-dir':
        certDir = value();
        break;
      default:
        throw new Error(`unknown argument [${a}]`);
    }
  }
  if (auth.basic.length + auth.apiKeys.length + auth.bearerTokens.length > 0) opts.auth = auth;
  if (certDir !== undefined) opts.tls = { certDir };
  return opts;
}

async function main(): Promise<void> {
  const server = await startEsServer(parseArgs(process.argv.slice(2)));
  if (server.caCertPath) {
    console.log(`CA certificate: ${server.caCertPath}`);
    console.log(`CA SHA-256 fingerprint: ${server.caFingerprint}`);
    console.log(`CA SHA-256 fingerprint (hex, for caFingerprint): ${server.caFingerprintHex}`);
  }
  console.log(`listening on ${server.url}`);
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
