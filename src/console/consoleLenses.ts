import * as vscode from 'vscode';
import { CommandIds } from '../platform/model/commandIds';
import { Disposable } from '../platform/model/disposable';
import type { ConsoleBindings } from './consoleBindings';
import type { ConsoleKnowledge } from './consoleKnowledge';
import { CONSOLE_LANGUAGE } from './consoleLanguage';
import { parseConsole } from './model/consoleParser';

/**
 * The console's lenses and status bar item: at the top, the file's connection (click to change)
 * or what is missing (a connection, the user's consent to the file's `# @connection`, trust in
 * Restricted Mode); above each request, **▶ Send** and **Copy as curl**.
 */
export class ConsoleLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly item = this.register(vscode.window.createStatusBarItem('esdocs.consoleConnection', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly bindings: ConsoleBindings,
    private readonly knowledge: ConsoleKnowledge,
  ) {
    super();
    this.item.name = vscode.l10n.t('Elasticsearch Console Connection');
    this.item.command = CommandIds.chooseConsoleConnection;
    this.register(vscode.languages.registerCodeLensProvider({ language: CONSOLE_LANGUAGE }, this));
    for (const event of [bindings.onDidChange, knowledge.onDidChange, vscode.workspace.onDidGrantWorkspaceTrust]) {
      this.register(
        event(() => {
          this.changed.fire();
          this.updateItem();
        }),
      );
    }
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.updateItem()));
    this.updateItem();
  }

  /** The words for the file's connection, e.g. `local · Elasticsearch 8.19.0`, and the command a click runs. */
  describe(document: vscode.TextDocument): { text: string; tooltip: string; command: string } {
    if (!vscode.workspace.isTrusted) {
      return { text: `$(lock) ${vscode.l10n.t('Restricted Mode: this console sends nothing until you trust the workspace')}`, tooltip: '', command: 'workbench.trust.manage' };
    }
    const binding = this.bindings.of(document);
    if (binding.kind === 'bound') {
      const version = this.knowledge.versionOf(binding.connection.id);
      const readOnly = binding.connection.readOnly ? ` · ${vscode.l10n.t('read-only')}` : '';
      return { text: `$(database) ${binding.connection.name}${version ? ` · ${version}` : ''}${readOnly}`, tooltip: vscode.l10n.t('The connection this console sends to. Click to change it.'), command: CommandIds.chooseConsoleConnection };
    }
    if (binding.kind === 'header-not-allowed') {
      return { text: `$(shield) ${vscode.l10n.t('Allow "# @connection {0}" for this file', binding.name)}`, tooltip: vscode.l10n.t('The file names its connection; it is used only once you allow it.'), command: CommandIds.allowConsoleConnection };
    }
    return { text: `$(plug) ${vscode.l10n.t('Choose a connection')}`, tooltip: vscode.l10n.t('This console has no connection yet.'), command: CommandIds.chooseConsoleConnection };
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const connection = this.describe(document);
    const lenses = [new vscode.CodeLens(top, { title: connection.text, tooltip: connection.tooltip, command: connection.command, arguments: [document.uri] })];
    const trusted = vscode.workspace.isTrusted;
    parseConsole(document.getText()).requests.forEach((request, index) => {
      const at = new vscode.Range(document.positionAt(request.methodSpan.start), document.positionAt(request.methodSpan.start));
      if (trusted) lenses.push(new vscode.CodeLens(at, { title: vscode.l10n.t('▶ Send'), tooltip: vscode.l10n.t('Send this request (Ctrl+Enter)'), command: CommandIds.sendRequest, arguments: [document.uri, index] }));
      lenses.push(new vscode.CodeLens(at, { title: vscode.l10n.t('Copy as curl'), command: CommandIds.copyRequestAsCurl, arguments: [document.uri, index] }));
    });
    return lenses;
  }

  private updateItem(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== CONSOLE_LANGUAGE) {
      this.item.hide();
      return;
    }
    const { text, tooltip, command } = this.describe(document);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = { title: '', command, arguments: [document.uri] };
    this.item.show();
  }
}
