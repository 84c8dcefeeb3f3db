import * as vscode from 'vscode';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import { CommandIds } from '../platform/model/commandIds';
import { Disposable } from '../platform/model/disposable';
import { formatResults, type ConsoleAnswer, type FormattedResults } from './model/consoleResults';

export const RESULTS_SCHEME = 'esdocs-console-results';

interface Shown {
  readonly results: FormattedResults;
  /** The connection of each answer, in order. */
  readonly connections: readonly string[];
  readonly answers: readonly ConsoleAnswer[];
}

/**
 * The answers of a console, read-only beside it: a JSON-with-comments document per console file
 * (folding, search, the JSON colours), each answer under its status line, and an **Open** lens on
 * every document an answer holds, which opens it as the usual editable, conditionally saved
 * document (its own GET, its own token).
 */
export class ConsoleResultsView extends Disposable implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider {
  private readonly shown = new Map<string, Shown>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly lensesChanged = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, this));
    this.register(vscode.languages.registerCodeLensProvider({ scheme: RESULTS_SCHEME }, this));
  }

  static uriFor(console: vscode.Uri): vscode.Uri {
    const name = console.path.split('/').pop() || 'console';
    return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/${name} results.jsonc`, query: console.toString() });
  }

  /** Shows `answers` (replacing the console's earlier ones) beside the console, without taking the focus. */
  async show(console: vscode.Uri, answers: ReadonlyArray<{ answer: ConsoleAnswer; connectionId: string }>): Promise<vscode.TextEditor> {
    const uri = ConsoleResultsView.uriFor(console);
    this.shown.set(uri.toString(), { results: formatResults(answers.map(({ answer }) => answer)), connections: answers.map(({ connectionId }) => connectionId), answers: answers.map(({ answer }) => answer) });
    this.changed.fire(uri);
    this.lensesChanged.fire();
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    return editor;
  }

  /** The text now shown for a console (tests read it as the user sees it). */
  textOf(console: vscode.Uri): string | undefined {
    return this.shown.get(ConsoleResultsView.uriFor(console).toString())?.results.text;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString())?.results.text ?? vscode.l10n.t('// The answers of this console are shown here once you send a request.');
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.shown.get(document.uri.toString());
    if (shown === undefined || document.getText() !== shown.results.text) return [];
    const { hits, starts } = shown.results;
    // An answer of a search or an ES|QL query opens as a table, from its status line.
    const tables = shown.answers.flatMap((answer, i) => {
      if (answer.table === undefined) return [];
      const position = document.positionAt(starts[i]);
      const table = answer.table;
      const target = table.kind === 'search'
        ? { connectionId: shown.connections[i], index: table.index, ...(table.query === undefined ? {} : { filter: table.query }) }
        : { connectionId: shown.connections[i], esql: table.esql };
      const range = new vscode.Range(position, position);
      const lenses = [new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(table) Open in Table'),
        tooltip: vscode.l10n.t('Show what this request asked for as a table whose cells you can edit, each save conditional'),
        command: CommandIds.openTable,
        arguments: [target],
      })];
      // A search's documents can also be exported or changed in bulk, by the same query.
      if (table.kind === 'search') {
        const search = { connectionId: shown.connections[i], index: table.index, ...(table.query === undefined ? {} : { query: table.query }) };
        lenses.push(
          new vscode.CodeLens(range, { title: vscode.l10n.t('$(export) Export…'), tooltip: vscode.l10n.t('Export the documents this search matches'), command: CommandIds.exportDocuments, arguments: [search] }),
          new vscode.CodeLens(range, { title: vscode.l10n.t('$(edit) Change Documents…'), tooltip: vscode.l10n.t('Change the documents this search matches, previewed first, each write conditional, undoable'), command: CommandIds.changeDocuments, arguments: [search] }),
        );
      }
      return lenses;
    });
    return [...tables, ...hits.map((hit) => {
      let answer = 0;
      while (answer + 1 < starts.length && starts[answer + 1] <= hit.offset) answer++;
      const address: DocumentAddress = { connectionId: shown.connections[answer], index: hit.index, id: hit.id, ...(hit.routing !== undefined ? { routing: hit.routing } : {}) };
      const position = document.positionAt(hit.offset);
      return new vscode.CodeLens(new vscode.Range(position, position), {
        title: vscode.l10n.t('$(go-to-file) Open {0}/{1}', hit.index, hit.id),
        tooltip: vscode.l10n.t('Open this document to edit it: saving it is conditional on the version you opened'),
        command: CommandIds.openHit,
        arguments: [address],
      });
    })];
  }
}
