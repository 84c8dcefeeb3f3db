/**
 * Starts a real Elasticsearch or OpenSearch (embedded in one JVM by RealEngineLauncher) on 127.0.0.1,
 * for `npm run real-cluster` and for tests:
 *
 *   const cluster = await startRealCluster({ engine: 'elasticsearch', nodes: 3, seed: 'movies' });
 *   const es9 = await startRealCluster({ engine: 'elasticsearch', major: 9 });  // another line of the matrix
 *   await cluster.stopNode(await cluster.primaryNodeOf('movies'));  // the replica is promoted
 *   await cluster.close();
 *
 * The JVM reads its commands on stdin; when this process dies, stdin closes and the JVM stops itself.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { freePort, HOST } from '../host/ports';
import { buildEngine, type RealEngine } from './engineBuild';
import { seedMoviesOverHttp } from './seedMovies';

export { ENGINE_LINES, realEnginesUnavailable, type EngineLine, type RealEngine } from './engineBuild';

export interface RealClusterOptions {
  engine: RealEngine;
  /** The engine's major version, one of ENGINE_LINES (Elasticsearch 7, 8, 9; OpenSearch 1, 2, 3). Default: 8 / 2. */
  major?: number;
  /** Data nodes; with more than one, a coordinating-only node named `entry` owns the port. Default 1. */
  nodes?: number;
  seed?: 'movies';
  /** Default: a free port. */
  port?: number;
  /** Pass the engine's own log through to stderr (else kept, and shown only if the start fails). */
  verbose?: boolean;
  /** Elasticsearch with X-Pack core and ES|QL loaded (`POST /_query`); off by default, as they change other answers. */
  esql?: boolean;
}

export interface RunningRealCluster {
  url: string;
  port: number;
  engine: RealEngine;
  /** The line started: its major and the Java major it runs on. */
  major: number;
  javaMajor: number;
  /** `version.number` of `GET /`. */
  version: string;
  /** The data nodes still running (never `entry`). */
  nodeNames: string[];
  pid: number;
  startupMs: number;
  primaryNodeOf(index: string, shard?: number): Promise<string>;
  /** Stops a data node; resolves once it is closed and the cluster has no unassigned primary. */
  stopNode(name: string): Promise<void>;
  close(): Promise<void>;
}

const PREFIX = 'realengine: ';
const JVM_HEAP = '-Xmx1g';
const START_TIMEOUT_MS = 180_000;
const LOG_LINES_KEPT = 60;

const LAUNCHER_CLASS = 'esdocs.realengines.RealEngineLauncher';

/** A JVM running the launcher, with its `realengine:` lines turned into awaitable events. */
class LauncherProcess {
  private readonly waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private readonly logTail: string[] = [];
  private exitError: Error | undefined;
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcessWithoutNullStreams, verbose: boolean) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => this.onControlLine(line));
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      if (verbose) process.stderr.write(`${line}\n`);
      this.logTail.push(line);
      if (this.logTail.length > LOG_LINES_KEPT) this.logTail.shift();
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitError = new Error(`the ${LAUNCHER_CLASS} JVM exited (${signal ?? `exit ${code}`})`);
        for (const w of this.waiters.splice(0)) w.reject(this.withLog(this.exitError));
        resolve();
      });
    });
  }

  private onControlLine(line: string): void {
    if (!line.startsWith(PREFIX)) return;
    const message = line.slice(PREFIX.length);
    const index = this.waiters.findIndex((w) => w.match(message));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
  }

  /** The next control line for which match holds; `failed …`/`error …` lines reject instead. */
  next(match: (message: string) => boolean): Promise<string> {
    if (this.exitError) return Promise.reject(this.withLog(this.exitError));
    return new Promise((resolve, reject) => {
      const failed = (m: string): boolean => m.startsWith('failed ') || m.startsWith('error ');
      this.waiters.push({
        match: (m) => match(m) || failed(m),
        resolve: (m) => (failed(m) ? reject(this.withLog(new Error(m))) : resolve(m)),
        reject,
      });
    });
  }

  send(command: string): void {
    this.child.stdin.write(`${command}\n`);
  }

  withLog(error: Error): Error {
    error.message += this.logTail.length ? `\n--- engine log (last lines) ---\n${this.logTail.join('\n')}` : '';
    return error;
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function post(url: string): Promise<void> {
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

/** The cluster health call waits on the server side: no polling here. */
async function waitForHealth(url: string, query: string): Promise<void> {
  const health = await getJson<{ timed_out: boolean; status: string; number_of_nodes: number }>(`${url}/_cluster/health?${query}&timeout=60s`);
  if (health.timed_out) throw new Error(`cluster health did not reach [${query}]: ${JSON.stringify(health)}`);
}

export async function startRealCluster(options: RealClusterOptions): Promise<RunningRealCluster> {
  const started = Date.now();
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`--nodes must be a whole number from 1, got [${options.nodes}]`);
  const build = await buildEngine(options.engine, options.major);
  const port = options.port ?? (await freePort());
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `real-${build.line.profile}-`));
  const javaArgs = [
    JVM_HEAP,
    // What a distribution's start script would set; read by GET / (build_type) and by the Netty module,
    // which must not pin the processor count once per node when several nodes share the JVM.
    '-Des.distribution.type=tar',
    // Elasticsearch 7 reads its build flavor from here too (8+ always answers "default").
    '-Des.distribution.flavor=default',
    '-Dopensearch.distribution.type=tar',
    '-Des.set.netty.runtime.available.processors=false',
    '-Dopensearch.set.netty.runtime.available.processors=false',
    `-Djava.io.tmpdir=${path.join(home, 'tmp')}`,
    '-cp', build.classpath, LAUNCHER_CLASS,
    '--engine', options.engine, '--http-port', String(port), '--nodes', String(nodes), '--home', home,
    ...(options.esql ? ['--esql', 'true'] : []),
  ];
  fs.mkdirSync(path.join(home, 'tmp'));
  // The JDK the line was built with (Java 17 for most lines, 21+ for Elasticsearch 9 and OpenSearch 3).
  const child = spawn(build.java, javaArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  const launcher = new LauncherProcess(child, options.verbose ?? false);
  const killNow = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // Last resort if this process exits without close(): no JVM may outlive it.
  process.once('exit', killNow);
  const cleanUp = async (): Promise<void> => {
    process.removeListener('exit', killNow);
    fs.rmSync(home, { recursive: true, force: true });
  };

  const url = `http://${HOST}:${port}`;
  let version: string;
  try {
    const ready = launcher.next((m) => m.startsWith('started '));
    const timeout = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(launcher.withLog(new Error(`${build.line.profile} did not start within ${START_TIMEOUT_MS / 1000} s`))), START_TIMEOUT_MS);
      void ready.finally(() => clearTimeout(timer)).catch(() => undefined);
    });
    await Promise.race([ready, timeout]);
    version = (await getJson<{ version: { number: string } }>(`${url}/`)).version.number;
    if (nodes > 1) await waitForHealth(url, `wait_for_nodes=${nodes + 1}`);
    if (options.seed === 'movies') await seedMoviesOverHttp(url);
    // Every replica allocated (three nodes) or at least every primary (one node, whose replicas cannot be).
    await waitForHealth(url, `wait_for_status=${nodes > 1 ? 'green' : 'yellow'}&wait_for_no_initializing_shards=true`);
  } catch (error) {
    killNow();
    await launcher.exited;
    await cleanUp();
    throw error;
  }

  const nodeNames = Array.from({ length: nodes }, (_, i) => `node-${i + 1}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    engine: options.engine,
    major: build.line.major,
    javaMajor: build.jdkMajor,
    version,
    nodeNames,
    pid: child.pid!,
    startupMs: Date.now() - started,
    async primaryNodeOf(index: string, shard = 0): Promise<string> {
      const rows = await getJson<Array<{ shard: string; prirep: string; state: string; node: string | null }>>(
        `${url}/_cat/shards/${encodeURIComponent(index)}?format=json&h=shard,prirep,state,node`,
      );
      const primary = rows.find((r) => r.shard === String(shard) && r.prirep === 'p' && r.state === 'STARTED' && r.node);
      if (!primary) throw new Error(`no started primary for [${index}][${shard}]: ${JSON.stringify(rows)}`);
      return primary.node!;
    },
    async stopNode(name: string): Promise<void> {
      // Taken out of the voting configuration first, so that the cluster keeps a master however many
      // master-eligible nodes are stopped one after the other (three can otherwise lose only one).
      if (nodes > 1) await post(`${url}/_cluster/voting_config_exclusions?node_names=${encodeURIComponent(name)}`);
      const stopped = launcher.next((m) => m === `stopped ${name}`);
      launcher.send(`stop-node ${name}`);
      await stopped;
      nodeNames.splice(nodeNames.indexOf(name), 1);
      // The entry node counts too. Yellow: every primary is assigned again (a replica promoted).
      await waitForHealth(url, `wait_for_nodes=${nodeNames.length + (nodes > 1 ? 1 : 0)}&wait_for_status=yellow`);
    },
    close(): Promise<void> {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          launcher.send('stop');
          child.stdin.end();
          const timer = setTimeout(killNow, 30_000);
          await launcher.exited;
          clearTimeout(timer);
        }
        await cleanUp();
      })();
      return closing;
    },
  };
}
