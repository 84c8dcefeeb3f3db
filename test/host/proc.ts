import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { PROJECT_ROOT } from './paths';

/** Runs a command with its output streamed through; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Runs a command quietly and returns its stdout, or undefined if it failed. */
export function capture(command: string, args: string[], env?: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  return result.status === 0 ? result.stdout : undefined;
}

export function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** `npm run <script> [-- args]` in the project root, output streamed through. */
export function npmRun(script: string, args: string[] = []): Promise<void> {
  return run(npmCommand(), ['run', script, ...(args.length ? ['--', ...args] : [])], { cwd: PROJECT_ROOT });
}
