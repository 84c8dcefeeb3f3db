import * as vscode from 'vscode';
import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import { Disposable } from '../platform/model/disposable';
import { parseConsole } from './model/consoleParser';

const BINDINGS_KEY = 'esdocs.console.bindings';
const ALLOWED_KEY = 'esdocs.console.allowedHeaders';

export type ConsoleConnection =
  | { readonly kind: 'bound'; readonly connection: ConnectionConfig; readonly fromHeader: boolean }
  /** The file's `# @connection` names a connection the user has not allowed for this file yet. */
  | { readonly kind: 'header-not-allowed'; readonly name: string; readonly connection?: ConnectionConfig }
  | { readonly kind: 'unbound' };

/**
 * Which connection each console file talks to. A file's own `# @connection NAME` line wins, but
 * only once the user has allowed it for that file (a file is code someone else may have written:
 * its header must not choose a cluster on its own); otherwise the connection the user chose for
 * the file, kept per workspace by the file's URI.
 */
export class ConsoleBindings extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly connection: (id: string) => ConnectionConfig | undefined,
  ) {
    super();
  }

  of(document: vscode.TextDocument): ConsoleConnection {
    const key = document.uri.toString();
    const header = parseConsole(document.getText()).connection?.name;
    const named = header === undefined ? undefined : this.connection(header);
    if (header !== undefined && named && this.allowed()[key] === header) return { kind: 'bound', connection: named, fromHeader: true };
    // Until the header is allowed, the connection the user chose for the file instead is used.
    const bound = this.bindings()[key];
    const connection = bound === undefined ? undefined : this.connection(bound);
    if (connection) return { kind: 'bound', connection, fromHeader: false };
    if (header !== undefined) return { kind: 'header-not-allowed', name: header, ...(named ? { connection: named } : {}) };
    return { kind: 'unbound' };
  }

  async bind(uri: vscode.Uri, connectionId: string): Promise<void> {
    await this.state.update(BINDINGS_KEY, { ...this.bindings(), [uri.toString()]: connectionId });
    this.changed.fire();
  }

  /** The user allowed the file's `# @connection NAME` for this file. */
  async allowHeader(uri: vscode.Uri, name: string): Promise<void> {
    await this.state.update(ALLOWED_KEY, { ...this.allowed(), [uri.toString()]: name });
    this.changed.fire();
  }

  private bindings(): Record<string, string> {
    return this.state.get<Record<string, string>>(BINDINGS_KEY, {});
  }

  private allowed(): Record<string, string> {
    return this.state.get<Record<string, string>>(ALLOWED_KEY, {});
  }
}
