/**
 * Every server and browser these scripts start registers its stop here, so Ctrl+C, a timeout or
 * an uncaught error still tears down the process groups (the file watcher of code-server outlives
 * a plain kill of its main process).
 */
type Stop = () => Promise<void>;

const stops = new Set<Stop>();
const groups = new Set<number>();
let stopping: Promise<void> | undefined;

/** Registers an async stop; returns a function that unregisters it. */
export function onCleanup(stop: Stop): () => void {
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Remembers a process group so it is killed even on a synchronous process exit. */
export function trackGroup(pid: number): () => void {
  groups.add(pid);
  return () => groups.delete(pid);
}

/** Runs every registered stop, newest first, ignoring their errors. */
export function cleanupAll(): Promise<void> {
  stopping ??= (async () => {
    for (const stop of [...stops].reverse()) {
      stops.delete(stop);
      await stop().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    }
  })();
  return stopping;
}

process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Makes SIGINT/SIGTERM stop everything before exiting; used by the long-running scripts. */
export function exitOnSignals(onSignal?: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      onSignal?.(signal);
      void cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Runs main, then always cleans up; exits with main's code, or 1 on error or after timeoutMs. */
export function runMain(name: string, main: () => Promise<number>, timeoutMs: number): void {
  exitOnSignals();
  const timer = setTimeout(() => {
    console.error(`${name}: timed out after ${Math.round(timeoutMs / 1000)} s`);
    void cleanupAll().finally(() => process.exit(1));
  }, timeoutMs);
  timer.unref();
  main()
    .catch((error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    })
    .then(async (code) => {
      await cleanupAll();
      process.exit(code);
    });
}
