import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface ChildServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The test cluster in a process of its own: in the benchmark's process its 200,000 documents
 * and its garbage collections would land in whichever sample was being timed.
 */
export function startChildServer(args: string[]): Promise<ChildServer> {
  const root = path.resolve(__dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/cli.ts', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`the test server exited with code ${code} before listening`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1],
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
