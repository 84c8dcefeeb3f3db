/**
 * Makes a real engine runnable: Java and Maven present (installed from Debian's packages when missing),
 * the engine's jars resolved from Maven Central into Maven's usual cache, and the launcher compiled.
 * The result (classpath and classes under target/PROFILE/) is reused until pom.xml, a Java source or the
 * JDK chosen changes, so only the first start of an engine line runs Maven.
 *
 * An engine line is an engine's major version: one pom profile each (ENGINE_LINES), built and run with
 * the lowest installed JDK that the line accepts (Elasticsearch 9 and OpenSearch 3 need Java 21+).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capture, run } from '../host/proc';

export type RealEngine = 'elasticsearch' | 'opensearch';
export const REAL_ENGINES: readonly RealEngine[] = ['elasticsearch', 'opensearch'];

/** One line of the matrix: the pom profile that brings its jars (also its folder under target/) and its Java. */
export interface EngineLine {
  engine: RealEngine;
  major: number;
  profile: string;
  /** The lowest Java major it starts on; the lowest installed JDK at or above it is used. */
  minJava: number;
}

export const ENGINE_LINES: readonly EngineLine[] = [
  { engine: 'elasticsearch', major: 7, profile: 'elasticsearch-7', minJava: 17 },
  { engine: 'elasticsearch', major: 8, profile: 'elasticsearch', minJava: 17 },
  { engine: 'elasticsearch', major: 9, profile: 'elasticsearch-9', minJava: 21 },
  { engine: 'opensearch', major: 1, profile: 'opensearch-1', minJava: 17 },
  { engine: 'opensearch', major: 2, profile: 'opensearch', minJava: 17 },
  { engine: 'opensearch', major: 3, profile: 'opensearch-3', minJava: 21 },
];

/** The line used when none is asked for (the one every test ran against before the matrix). */
export const DEFAULT_MAJOR: Readonly<Record<RealEngine, number>> = { elasticsearch: 8, opensearch: 2 };

export function engineLine(engine: RealEngine, major: number = DEFAULT_MAJOR[engine]): EngineLine {
  const line = ENGINE_LINES.find((l) => l.engine === engine && l.major === major);
  if (!line) throw new Error(`no ${engine} ${major} (known: ${ENGINE_LINES.filter((l) => l.engine === engine).map((l) => l.major).join(', ')})`);
  return line;
}

export const REAL_ENGINES_DIR = __dirname;
const TARGET_DIR = path.join(REAL_ENGINES_DIR, 'target');
const DEBIAN_PACKAGES = { java: 'openjdk-17-jdk-headless', javac: 'openjdk-17-jdk-headless', mvn: 'maven' } as const;
/** Where Debian's JDKs and the machine's Temurin JDK live. Debian 12 packages no JDK newer than 17. */
const JVM_DIR = '/usr/lib/jvm';

export interface EngineBuild {
  engine: RealEngine;
  line: EngineLine;
  /** The launcher's classes first, then the engine's jars. */
  classpath: string;
  /** The `java` of the JDK the line was built with, to run it with, and that JDK's major. */
  java: string;
  jdkMajor: number;
}

export interface Jdk {
  home: string;
  major: number;
}

/** A JDK's major version from its `release` file (JAVA_VERSION="17.0.15", or "1.8.0_…" for 8), with javac beside java. */
function jdkAt(home: string): Jdk | undefined {
  try {
    if (!fs.existsSync(path.join(home, 'bin', 'javac'))) return undefined;
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(fs.readFileSync(path.join(home, 'release'), 'utf8'))?.[1];
    if (!version) return undefined;
    const [first, second] = version.split('.').map((n) => Number.parseInt(n, 10));
    const major = first === 1 ? second : first;
    return major ? { home: fs.realpathSync(home), major } : undefined;
  } catch {
    return undefined;
  }
}

/** The installed JDKs: JAVA_HOME's, the one `javac` on PATH belongs to, and those in /usr/lib/jvm. */
export function installedJdks(): Jdk[] {
  const homes: string[] = [];
  if (process.env.JAVA_HOME) homes.push(process.env.JAVA_HOME);
  const javac = capture('sh', ['-c', 'command -v javac'])?.trim();
  if (javac) homes.push(path.dirname(path.dirname(fs.realpathSync(javac))));
  if (fs.existsSync(JVM_DIR)) for (const name of fs.readdirSync(JVM_DIR)) homes.push(path.join(JVM_DIR, name));
  const found = new Map<string, Jdk>();
  for (const home of homes) {
    const jdk = jdkAt(home);
    if (jdk && !found.has(jdk.home)) found.set(jdk.home, jdk);
  }
  return [...found.values()].sort((a, b) => a.major - b.major);
}

/** The lowest installed JDK at or above minJava: the engines' oldest supported Java is their best-tested one. */
export function jdkFor(minJava: number): Jdk | undefined {
  return installedJdks().find((jdk) => jdk.major >= minJava);
}

function log(message: string): void {
  console.error(`[real-engines] ${message}`);
}

function missingTools(): string[] {
  return Object.keys(DEBIAN_PACKAGES).filter((tool) => capture(tool, tool === 'java' || tool === 'javac' ? ['-version'] : ['-v']) === undefined);
}

/**
 * Java (with javac, for the launcher) and Maven, installed from Debian's packages when missing, and a JDK
 * for the line: Debian's openjdk-17 serves the Java 17 lines; a Java 21+ line needs a JDK 21 or newer in
 * /usr/lib/jvm or JAVA_HOME (a Temurin 21 or 25, say), which Debian 12 does not package.
 */
export async function ensureJavaAndMaven(minJava = 17): Promise<Jdk> {
  const missing = missingTools();
  if (missing.length > 0) await installDebianPackages(missing);
  const jdk = jdkFor(minJava);
  if (!jdk) throw new Error(`no Java ${minJava}+ (found: ${installedJdks().map((j) => `${j.major} at ${j.home}`).join(', ') || 'none'}; Debian 12 packages none newer than 17: put a JDK ${minJava}+ in ${JVM_DIR} or JAVA_HOME)`);
  return jdk;
}

async function installDebianPackages(missing: string[]): Promise<void> {
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

/** What the build depends on: the pom, every Java source and the JDK. */
function buildInputsDigest(jdk: Jdk): string {
  const hash = createHash('sha256');
  hash.update(`${jdk.home}\0`);
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
function maven(args: string[], jdk: Jdk): Promise<void> {
  return new Promise((resolve, reject) => {
    // Maven runs on, and compiles with, the line's JDK (javac 17 cannot compile for Java 21).
    const env = { ...process.env, JAVA_HOME: jdk.home, PATH: `${path.join(jdk.home, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    const child = spawn('mvn', ['-B', '-q', '-Dstyle.color=never', ...args], { cwd: REAL_ENGINES_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

export async function buildEngine(engine: RealEngine, major?: number): Promise<EngineBuild> {
  const line = engineLine(engine, major);
  const dir = path.join(TARGET_DIR, line.profile);
  const classes = path.join(dir, 'classes');
  const classpathFile = path.join(dir, 'classpath.txt');
  const stampFile = path.join(dir, 'inputs.sha256');
  // Choosing the JDK reads files only; Java and Maven are probed (and installed) only when Maven must run.
  let jdk = jdkFor(line.minJava);
  const upToDate =
    jdk !== undefined && fs.existsSync(classpathFile) && fs.existsSync(classes) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === buildInputsDigest(jdk);
  if (!upToDate || !jdk) {
    jdk = await ensureJavaAndMaven(line.minJava);
    const digest = buildInputsDigest(jdk);
    const name = `${line.profile} (Java ${jdk.major})`;
    log(`resolving ${name} from Maven Central and compiling the launcher`);
    const started = Date.now();
    fs.rmSync(stampFile, { force: true });
    await maven(['-P', line.profile, 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], jdk);
    fs.writeFileSync(stampFile, `${digest}\n`);
    log(`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { engine, line, classpath: [classes, fs.readFileSync(classpathFile, 'utf8').trim()].join(path.delimiter), java: path.join(jdk.home, 'bin', 'java'), jdkMajor: jdk.major };
}

/**
 * Why the real engines cannot run here (no Java, no Java 21+ for a line that needs it, no Maven, Maven
 * Central refused), or undefined when they can. Default: each engine's default line.
 */
export async function realEnginesUnavailable(
  engines: readonly RealEngine[] = REAL_ENGINES,
  majors: Partial<Record<RealEngine, readonly number[]>> = {},
): Promise<string | undefined> {
  try {
    for (const engine of engines) for (const major of majors[engine] ?? [DEFAULT_MAJOR[engine]]) await buildEngine(engine, major);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Could not (resolve|transfer)|Unknown host|Connection refused|status code: 4\d\d/i.test(message)) return `Maven Central refused: ${message}`;
    return message;
  }
}
