/** A minimal step runner for the UI tests: named checks, a tally, and a final summary line. */
export class Checks {
  private passed = 0;
  private failed = 0;
  private blocked: string | undefined;

  /** onFailure runs after a failed check, e.g. to keep a screenshot of the moment. */
  constructor(private readonly onFailure: (name: string, index: number) => Promise<void> = async () => undefined) {}

  /** Runs a check; after a failure the later checks of the same scenario are reported as failed without running, since each builds on the previous one. */
  async check(name: string, body: () => Promise<void>): Promise<boolean> {
    if (this.blocked) {
      this.failed++;
      console.log(`  ✘ ${name} (not run: "${this.blocked}" failed)`);
      return false;
    }
    const started = Date.now();
    try {
      await body();
      this.passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      this.failed++;
      this.blocked = name;
      console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message.split('\n').join('\n    ') : String(error)}`);
      await this.onFailure(name, this.passed + this.failed).catch(() => undefined);
      return false;
    }
  }

  /** Starts a new scenario: its checks run even if an earlier scenario failed. */
  scenario(title: string): void {
    this.blocked = undefined;
    console.log(`\n${title}`);
  }

  /** Prints `N passed, N failed` and returns the process exit code. */
  summary(): number {
    console.log(`\n${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}
