import * as vscode from 'vscode';
import type { Redactor } from './redactor';

/**
 * The "Elasticsearch" log channel. Every line is redacted on its way in: Authorization headers,
 * URL user info and every secret this session has seen never reach the log.
 */
export class ConnectionLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Elasticsearch', { log: true });
  private readonly recent: string[] = [];

  constructor(private readonly redactor: Redactor) {}

  info(line: string): void {
    const safe = this.keep(line);
    this.channel.info(safe);
  }

  warn(line: string): void {
    const safe = this.keep(line);
    this.channel.warn(safe);
  }

  /** The last lines written, as written: tests check them for secrets. */
  lines(): readonly string[] {
    return this.recent;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private keep(line: string): string {
    const safe = this.redactor.text(line);
    this.recent.push(safe);
    if (this.recent.length > 500) this.recent.shift();
    return safe;
  }
}
