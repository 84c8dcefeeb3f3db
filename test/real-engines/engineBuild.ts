/**
 * Makes a real engine runnable: Java and Maven present (installed from Debian's packages when missing),
 * the engine's jars resolved from Maven Central into Maven's usual cache, and the launcher compiled.
 * The result (classpath and classes under target/ENGINE/) is reused until pom.xml or a Java source changes,
 * so only the first start of an engine runs Maven.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capture, run } from '../host/proc';

export type RealEngine = 'elasticsearch' | 'opensearch';
export const REAL_ENGINES: readonly RealEngine[] = ['elasticsearch', 'opensearch'];

export const REAL_ENGINES_DIR = __dirname;
const TARGET_DIR = path.join(REAL_ENGINES_DIR, 'target');
const DEBIAN_PACKAGES = { java: 'openjdk-17-jdk-headless', javac: 'openjdk-17-jdk-headless', mvn: 'maven' } as const;

export interface EngineBuild {
  engine: RealEngine;
  /** The launcher's classes first, then the engine's jars. */
  classpath: string;
}

function log(message: string): void {
  console.error(`[real-engines] ${message}`);
}

function missingTools(): string[] {
  return Object.keys(DEBIAN_PACKAGES).filter((tool) => capture(tool, tool === 'java' || tool === 'javac' ? ['-version'] : ['-v']) === undefined);
}

/** Java (with javac, for the launcher) and Maven, installed from Debian's packages when missing. */
export async function ensureJavaAndMaven(): Promise<void> {
  const missing = missingTools();
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => DEBIAN_PACKAGES[tool as keyof typeof DEBIAN_PACKAGES]))];
  if (process.getuid?.() !== 0 || capture('apt-get', ['--version']) === undefined) {
    throw new Error(`no ${missing.join(', ')} (install the Debian packages ${packages.join(', ')})`);
  }
  log(`installing Debian packages: ${packages.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const still = missingTools();
  if (still.length > 0) throw new Error(`no ${still.join(', ')} after installing ${packages.join(', ')}`);
}

/** What the build depends on: the pom and every Java source. */
function buildInputsDigest(): string {
  const hash = createHash('sha256');
  const files = [path.join(REAL_ENGINES_DIR, 'pom.xml')];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.java')) files.push(full);
    }
  };
  walk(path.join(REAL_ENGINES_DIR, 'src'));
  for (const file of files.sort()) hash.update(path.relative(REAL_ENGINES_DIR, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Runs Maven quietly; on failure the error carries Maven's own explanation (its [ERROR] lines). */
function maven(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', ['-B', '-q', '-Dstyle.color=never', ...args], { cwd: REAL_ENGINES_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      const errors = output.split('\n').filter((line) => line.includes('[ERROR]')).slice(0, 4);
      reject(new Error(`mvn ${args.join(' ')} failed: ${(errors.length ? errors.join(' ') : output.slice(-800)).trim()}`));
    });
  });
}

export async function buildEngine(engine: RealEngine): Promise<EngineBuild> {
  const dir = path.join(TARGET_DIR, engine);
  const classes = path.join(dir, 'classes');
  const classpathFile = path.join(dir, 'classpath.txt');
  const stampFile = path.join(dir, 'inputs.sha256');
  const digest = buildInputsDigest();
  const upToDate = fs.existsSync(classpathFile) && fs.existsSync(classes) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === digest;
  if (!upToDate) {
    await ensureJavaAndMaven();
    log(`resolving ${engine} from Maven Central and compiling the launcher`);
    const started = Date.now();
    fs.rmSync(stampFile, { force: true });
    await maven(['-P', engine, 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`]);
    fs.writeFileSync(stampFile, `${digest}\n`);
    log(`${engine} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { engine, classpath: [classes, fs.readFileSync(classpathFile, 'utf8').trim()].join(path.delimiter) };
}

/** Why the real engines cannot run here (no Java, no Maven, Maven Central refused), or undefined when they can. */
export async function realEnginesUnavailable(engines: readonly RealEngine[] = REAL_ENGINES): Promise<string | undefined> {
  try {
    for (const engine of engines) await buildEngine(engine);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Could not (resolve|transfer)|Unknown host|Connection refused|status code: 4\d\d/i.test(message)) return `Maven Central refused: ${message}`;
    return message;
  }
}
