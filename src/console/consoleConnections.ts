import * as vscode from 'vscode';
import { describeTarget, type ConnectionConfig } from '../cluster/model/connectionConfig';
import type { ConsoleBindings } from './consoleBindings';

/**
 * The connection a console sends to, asked for when the file has none: the user picks one (the
 * extension's connection picker), or allows the file's own `# @connection NAME`, which is shown
 * with its URL (never a secret) before it is trusted for that file.
 */
export class ConsoleConnections {
  constructor(
    private readonly bindings: ConsoleBindings,
    private readonly pick: () => Promise<ConnectionConfig | undefined>,
  ) {}

  /** The file's connection, asking for one if it has none; undefined when the user declined. */
  async resolve(document: vscode.TextDocument): Promise<ConnectionConfig | undefined> {
    const binding = this.bindings.of(document);
    if (binding.kind === 'bound') return binding.connection;
    if (binding.kind === 'header-not-allowed') return this.askAboutHeader(document, binding.name, binding.connection);
    return this.choose(document);
  }

  /** Lets the user pick the file's connection (status bar, lens, first send). */
  async choose(document: vscode.TextDocument): Promise<ConnectionConfig | undefined> {
    const connection = await this.pick();
    if (connection) await this.bindings.bind(document.uri, connection.id);
    return connection;
  }

  async askAboutHeader(document: vscode.TextDocument, name: string, named: ConnectionConfig | undefined): Promise<ConnectionConfig | undefined> {
    if (named === undefined) {
      const choose = vscode.l10n.t('Choose a Connection');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('This console asks for the connection "{0}" (# @connection), which is not among your connections.', name), choose);
      return choice === choose ? this.choose(document) : undefined;
    }
    const allow = vscode.l10n.t('Allow for This File');
    const other = vscode.l10n.t('Choose Another');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This console asks to send its requests to "{0}" ({1}). Allow it for this file?', named.name, describeTarget(named)),
      { modal: true, detail: vscode.l10n.t('A console file may come from someone else: its # @connection line is followed only once you allow it.') },
      allow,
      other,
    );
    if (choice === allow) {
      await this.bindings.allowHeader(document.uri, name);
      return named;
    }
    return choice === other ? this.choose(document) : undefined;
  }
}
