// `npm run es-server -- --port 9200 [--version 8.19.0] [--shards 2] [--seed movies] [--refresh-interval 1000]`
import { startEsServer, type EsServerOptions } from './server';

function parseArgs(argv: string[]): EsServerOptions {
  const opts: EsServerOptions = { port: 9200 };
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
      default:
        throw new Error(`unknown argument [${a}]`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const server = await startEsServer(parseArgs(process.argv.slice(2)));
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
