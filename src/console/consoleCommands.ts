import * as vscode from 'vscode';
import { baseUrlOf, type ConnectionConfig } from '../cluster/model/connectionConfig';
import { curlCopiedMessage, curlRequest } from '../cluster/model/curl';
import type { ConsoleBindings } from './consoleBindings';
import type { ConsoleConnections } from './consoleConnections';
import type { ConsoleHistory } from './consoleHistory';
import type { ConsoleKnowledge } from './consoleKnowledge';
import { CONSOLE_LANGUAGE } from './consoleLanguage';
import type { ConsoleSender } from './consoleSender';
import { analyzeRequest } from './model/consoleChecks';
import { parseConsole } from './model/consoleParser';

const NEW_CONSOLE = `# Elasticsearch console: Ctrl+Enter (Cmd+Enter) sends the request at the cursor.
GET _search
{
  "query": { "match_all": {} }
}
`;

/** What the console's commands do; `commands/` binds them to their ids. */
export class ConsoleCommands {
  constructor(
    private readonly sender: ConsoleSender,
    private readonly connections: ConsoleConnections,
    private readonly bindings: ConsoleBindings,
    private readonly history: ConsoleHistory,
    private readonly knowledge: ConsoleKnowledge,
    private readonly connectionOf: (id: string) => ConnectionConfig | undefined,
  ) {}

  /** An untitled console, bound to the connection given (a tree row's) or asked for. */
  async newConsole(connectionId?: string, content = NEW_CONSOLE): Promise<vscode.TextEditor | undefined> {
    const document = await vscode.workspace.openTextDocument({ language: CONSOLE_LANGUAGE, content });
    const connection = connectionId === undefined ? undefined : this.connectionOf(connectionId);
    if (connection) await this.bindings.bind(document.uri, connection.id);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const end = document.lineAt(Math.min(1, document.lineCount - 1)).range.end;
    editor.selection = new vscode.Selection(end, end);
    if (connection === undefined) await this.connections.choose(document);
    return editor;
  }

  async send(uri?: vscode.Uri, index?: number): Promise<unknown> {
    const editor = await this.consoleEditor(uri);
    if (editor === undefined) return undefined;
    return this.sender.send(editor.document, typeof index === 'number' ? { kind: 'one', index } : { kind: 'cursor' }, editor.selection);
  }

  async sendAll(uri?: vscode.Uri): Promise<unknown> {
    const editor = await this.consoleEditor(uri);
    return editor && this.sender.send(editor.document, { kind: 'all' });
  }

  async chooseConnection(uri?: vscode.Uri): Promise<unknown> {
    const editor = await this.consoleEditor(uri);
    return editor && this.connections.choose(editor.document);
  }

  async allowConnection(uri?: vscode.Uri): Promise<unknown> {
    const editor = await this.consoleEditor(uri);
    if (editor === undefined) return undefined;
    const binding = this.bindings.of(editor.document);
    if (binding.kind !== 'header-not-allowed') return this.connections.choose(editor.document);
    return this.connections.askAboutHeader(editor.document, binding.name, binding.connection);
  }

  showHistory(): Promise<void> {
    return this.history.pickAndInsert(vscode.window.activeTextEditor, (document) => document.languageId === CONSOLE_LANGUAGE, (content) => this.newConsole(undefined, content));
  }

  /** The request as a curl line: the path and body exactly as Send would send them. */
  async copyAsCurl(uri?: vscode.Uri, index?: number): Promise<void> {
    const editor = await this.consoleEditor(uri);
    if (editor === undefined) return;
    const { document } = editor;
    const text = document.getText();
    const file = parseConsole(text);
    const offset = document.offsetAt(editor.selection.active);
    const request = typeof index === 'number' ? file.requests[index] : file.requests.filter((candidate) => candidate.span.start <= offset).pop();
    if (request === undefined) return;
    await this.knowledge.loadTable();
    const analysis = analyzeRequest(text, request, this.knowledge.sourcesNow(document, file)!);
    if (!analysis.rendered.ok) {
      void vscode.window.showErrorMessage(analysis.diagnostics.find((problem) => problem.code === 'variable')?.message ?? '');
      return;
    }
    const binding = this.bindings.of(document);
    const base = (binding.kind === 'bound' ? baseUrlOf(binding.connection) : undefined) ?? 'http://localhost:9200';
    const { method, path, body, ndjson } = analysis.rendered.request;
    await vscode.env.clipboard.writeText(curlRequest(base, method, path, body, ndjson));
    void vscode.window.showInformationMessage(curlCopiedMessage());
  }

  /** The console a command acts on: the one given (a lens's), else the active editor's. */
  private async consoleEditor(uri?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor;
    if (uri instanceof vscode.Uri && active?.document.uri.toString() !== uri.toString()) {
      const document = await vscode.workspace.openTextDocument(uri);
      return vscode.window.showTextDocument(document);
    }
    if (active?.document.languageId === CONSOLE_LANGUAGE) return active;
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an Elasticsearch console (a .es file, or Elasticsearch: New Console) first.'));
    return undefined;
  }
}
