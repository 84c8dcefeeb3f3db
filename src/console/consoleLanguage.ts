import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { ConsoleBindings } from './consoleBindings';
import type { ConsoleKnowledge } from './consoleKnowledge';
import { checkConsole } from './model/consoleChecks';
import { completeAt, type CompletionKind } from './model/consoleCompletion';
import type { ConsoleDiagnostic } from './model/consoleDiagnostic';
import { hoverAt } from './model/consoleHover';
import { parseConsole } from './model/consoleParser';

export const CONSOLE_LANGUAGE = 'esdocs-console';

const SEVERITY: Record<ConsoleDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  method: vscode.CompletionItemKind.Keyword,
  path: vscode.CompletionItemKind.Module,
  index: vscode.CompletionItemKind.Folder,
  param: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  key: vscode.CompletionItemKind.Property,
  field: vscode.CompletionItemKind.Field,
};

const range = (document: vscode.TextDocument, span: { start: number; end: number }): vscode.Range => new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));

/**
 * The console language's checks, completion, hovers and quick fixes, from the pure model: the
 * problems are worked out again when a console changes, and when something they depend on
 * arrives (the API table, an engine, a mapping) or the file's connection changes.
 */
export class ConsoleLanguage extends Disposable {
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection(CONSOLE_LANGUAGE));
  private readonly problems = new Map<string, ConsoleDiagnostic[]>();

  constructor(
    private readonly knowledge: ConsoleKnowledge,
    bindings: ConsoleBindings,
  ) {
    super();
    const selector = { language: CONSOLE_LANGUAGE };
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.check(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.check(event.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.diagnostics.delete(document.uri);
        this.problems.delete(document.uri.toString());
      }),
    );
    this.register(knowledge.onDidChange(() => this.checkAll()));
    this.register(bindings.onDidChange(() => this.checkAll()));
    this.register(
      vscode.languages.registerCompletionItemProvider(selector, { provideCompletionItems: (document, position) => this.complete(document, position) }, '/', '?', '&', '=', '"', ' '),
    );
    this.register(vscode.languages.registerHoverProvider(selector, { provideHover: (document, position) => this.hover(document, position) }));
    this.register(
      vscode.languages.registerCodeActionsProvider(selector, { provideCodeActions: (document, selection) => this.quickFixes(document, selection) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    this.checkAll();
  }

  /** The problems of a console as last worked out (Send reads them: an undefined variable stops it). */
  problemsOf(document: vscode.TextDocument): readonly ConsoleDiagnostic[] {
    this.check(document);
    return this.problems.get(document.uri.toString()) ?? [];
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private check(document: vscode.TextDocument): void {
    if (document.languageId !== CONSOLE_LANGUAGE) return;
    const text = document.getText();
    const file = parseConsole(text);
    const sources = this.knowledge.sourcesNow(document, file);
    if (sources === undefined) return;
    const problems = checkConsole(text, file, sources);
    this.problems.set(document.uri.toString(), problems);
    this.diagnostics.set(
      document.uri,
      problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(range(document, problem.span), problem.message, SEVERITY[problem.severity]);
        diagnostic.source = 'Elasticsearch';
        diagnostic.code = problem.code;
        return diagnostic;
      }),
    );
  }

  private async complete(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const sources = await this.knowledge.sources(document);
    const text = document.getText();
    return completeAt(text, parseConsole(text), document.offsetAt(position), sources).map((completion, order) => {
      const item = new vscode.CompletionItem(completion.label, KIND[completion.kind]);
      item.insertText = completion.insertText ?? completion.label;
      item.range = range(document, completion.replace);
      if (completion.detail) item.detail = completion.detail;
      if (completion.documentation) item.documentation = completion.documentation;
      // The model's order (the specification's, the mapping's) is kept: fields first where they apply.
      item.sortText = String(order).padStart(5, '0');
      item.filterText = completion.label;
      return item;
    });
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const sources = await this.knowledge.sources(document);
    const text = document.getText();
    const found = hoverAt(text, parseConsole(text), document.offsetAt(position), sources);
    if (found === undefined) return undefined;
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(found.markdown);
    if (found.doc) markdown.appendMarkdown(`\n\n[${vscode.l10n.t('Documentation')}](${found.doc})`);
    return new vscode.Hover(markdown, range(document, found.span));
  }

  private quickFixes(document: vscode.TextDocument, selection: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const start = document.offsetAt(selection.start);
    const end = document.offsetAt(selection.end);
    return this.problemsOf(document)
      .filter((problem) => problem.fix && problem.span.start <= end && start <= problem.span.end)
      .map((problem) => {
        const fix = problem.fix!;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, range(document, fix.span), fix.text);
        action.isPreferred = true;
        return action;
      });
  }
}
