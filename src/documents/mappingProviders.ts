import * as vscode from 'vscode';
import { completeAt, hoverAt } from '../mapping/model/mappingAssist';
import { addressOf, DOCUMENT_SCHEME } from './documentUris';
import type { MappingCache } from '../mapping/mappingCache';
import { mappingSource, type MappingDiagnostics } from './mappingDiagnostics';

const SELECTOR: vscode.DocumentSelector = { scheme: DOCUMENT_SCHEME };

/** The document's mapping: the cached one, or fetched once when a provider first needs it. */
async function mappingOf(mappings: MappingCache, document: vscode.TextDocument) {
  try {
    const address = addressOf(document.uri);
    return mappings.peek(address) ?? (await mappings.get(address));
  } catch {
    return undefined;
  }
}

/** Field names and values from the index mapping at the cursor, as completion items. */
function completionProvider(mappings: MappingCache): vscode.CompletionItemProvider {
  return {
    async provideCompletionItems(document, position) {
      const mapping = await mappingOf(mappings, document);
      if (mapping === undefined) return undefined;
      const completion = completeAt(document.getText(), document.offsetAt(position), mapping.model);
      if (completion === undefined) return undefined;
      const range = new vscode.Range(document.positionAt(completion.start), document.positionAt(completion.end));
      return completion.entries.map((entry, order) => {
        const item = new vscode.CompletionItem({ label: entry.label, description: entry.detail }, entry.kind === 'field' ? vscode.CompletionItemKind.Field : vscode.CompletionItemKind.Value);
        item.detail = entry.detail;
        item.insertText = entry.insertText;
        item.filterText = entry.filterText;
        item.range = range;
        // The mapping's order, ahead of the words the editor would otherwise suggest.
        item.sortText = `0${String(order).padStart(4, '0')}`;
        if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
        return item;
      });
    },
  };
}

function hoverProvider(mappings: MappingCache): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      const mapping = await mappingOf(mappings, document);
      const hover = mapping && hoverAt(document.getText(), document.offsetAt(position), mapping.model);
      if (hover === undefined) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.contents), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
    },
  };
}

/** "Rename to `title`": replaces the key's text only; the value stays as written. */
function quickFixProvider(diagnostics: MappingDiagnostics): vscode.CodeActionProvider {
  return {
    provideCodeActions(document, _range, context) {
      const problems = diagnostics.problemsOf(document);
      const actions: vscode.CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== mappingSource()) continue;
        const start = document.offsetAt(diagnostic.range.start);
        const problem = problems.find((p) => p.start === start && p.suggestion !== undefined);
        if (problem?.suggestion === undefined) continue;
        const action = new vscode.CodeAction(vscode.l10n.t('Rename to `{0}`', problem.suggestion), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end)), JSON.stringify(problem.suggestion));
        actions.push(action);
      }
      return actions;
    },
  };
}

/** Completion, hover and quick fixes from the index mapping, for the extension's documents. */
export function registerMappingProviders(mappings: MappingCache, diagnostics: MappingDiagnostics): vscode.Disposable[] {
  return [
    vscode.languages.registerCompletionItemProvider(SELECTOR, completionProvider(mappings), '"', ':'),
    vscode.languages.registerHoverProvider(SELECTOR, hoverProvider(mappings)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, quickFixProvider(diagnostics), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  ];
}
