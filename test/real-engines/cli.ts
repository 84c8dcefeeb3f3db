// `npm run real-cluster -- --engine elasticsearch|opensearch [--version V] [--port 9200] [--seed movies] [--nodes 3] [--esql] [--verbose]`
// V is a version of the matrix, whole or its start: `9` the newest 9.x of the matrix, `7.17` its 7.17.x
// (the matrix has one version per major; `--major N` is the same as `--version N`).
// Starts a real engine on 127.0.0.1. The last line printed at start-up is `listening on <url>`, as with
// `npm run es-server`. While it runs, stdin takes `stop-node NAME` (with --nodes > 1). Ctrl+C / SIGTERM stop it.
import * as readline from 'node:readline';
import { REAL_ENGINES, type RealEngine } from './engineBuild';
import { startRealCluster, type RealClusterOptions } from './realCluster';

function parseArgs(argv: string[]): RealClusterOptions & { version?: string } {
  const opts: RealClusterOptions & { version?: string } = { engine: 'elasticsearch', port: 9200 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`missing value for ${flag}`);
      return v;
    };
    switch (flag) {
      case '--engine': {
        const engine = value();
        if (!REAL_ENGINES.includes(engine as RealEngine)) throw new Error(`unknown engine [${engine}] (known: ${REAL_ENGINES.join(', ')})`);
        opts.engine = engine as RealEngine;
        break;
      }
      case '--major':
      case '--version': {
        const version = value();
        if (!/^\d+(\.\d+){0,2}$/.test(version)) throw new Error(`--version takes a version or its start (9, 7.17, 8.19.21), not [${version}]`);
        opts.version = version;
        opts.major = Number(version.split('.')[0]);
        break;
      }
      case '--port':
        opts.port = Number(value());
        break;
      case '--nodes':
        opts.nodes = Number(value());
        break;
      case '--seed': {
        const seed = value();
        if (seed !== 'movies') throw new Error(`unknown seed [${seed}] (known: movies)`);
        opts.seed = seed;
        break;
      }
      case '--esql':
        opts.esql = true;
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      default:
        throw new Error(`unknown argument [${a}]`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cluster = await startRealCluster(options);
  const wanted = options.version;
  if (wanted !== undefined && cluster.version !== wanted && !cluster.version.startsWith(`${wanted}.`)) {
    await cluster.close();
    throw new Error(`the matrix has ${cluster.engine} ${cluster.version} for ${wanted.split('.')[0]}.x, not ${wanted} (test/real-engines/README.md lists its versions)`);
  }
  const heap = (await (await fetch(`${cluster.url}/_nodes/stats/jvm?filter_path=nodes.*.jvm.mem.heap_used_in_bytes`)).json()) as {
    nodes: Record<string, { jvm: { mem: { heap_used_in_bytes: number } } }>;
  };
  // All nodes share one JVM, so every node reports the same heap.
  const heapUsed = Object.values(heap.nodes)[0]?.jvm.mem.heap_used_in_bytes ?? 0;
  console.log(`${cluster.engine} ${cluster.version} on Java ${cluster.javaMajor} (${cluster.nodeNames.join(', ')}, pid ${cluster.pid}) started in ${(cluster.startupMs / 1000).toFixed(1)} s, heap used ${Math.round(heapUsed / 2 ** 20)} MB of 1024`);
  console.log(`listening on ${cluster.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    cluster.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, name] = line.trim().split(/\s+/);
    if (command === 'stop-node' && name) {
      cluster.stopNode(name).then(
        () => console.log(`stopped ${name}`),
        (error: unknown) => console.error(error instanceof Error ? error.message : error),
      );
    } else if (command) {
      console.error(`unknown command [${line.trim()}] (known: stop-node NAME)`);
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
