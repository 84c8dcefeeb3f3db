import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { Redactor } from './redactor';

/**
 * The "Elasticsearch" log channel. Every line is redacted on its way in: Authorization headers,
 * URL user info and every secret this session has seen never reach the log. `tap` sees each line
 * as written (the extension's tests check them for secrets); the product keeps no copy.
 */
export class ConnectionLog extends Disposable {
  private readonly channel = this.register(vscode.window.createOutputChannel('Elasticsearch', { log: true }));

  constructor(
    private readonly redactor: Redactor,
    private readonly tap: (line: string) => void = () => undefined,
  ) {
    super();
  }

  info(line: string): void {
    this.channel.info(this.redacted(line));
  }

  warn(line: string): void {
    this.channel.warn(this.redacted(line));
  }

  private redacted(line: string): string {
    const safe = this.redactor.text(line);
    this.tap(safe);
    return safe;
  }
}
