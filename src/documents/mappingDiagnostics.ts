import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { checkDocumentAgainstMapping, type MappingProblem, type ProblemSeverity } from '../mapping/model/mappingCheck';
import { findKeySpan } from '../mapping/model/mappingRefusal';
import { addressOf, DOCUMENT_SCHEME } from './documentUris';
import type { MappingCache } from '../mapping/mappingCache';

/** The `source` of the diagnostics: shown in the Problems view beside each message. */
export const mappingSource = (): string => vscode.l10n.t('Elasticsearch mapping');
/** Waiting for typing to pause: the check runs once per pause, not per keystroke. */
const DEBOUNCE_MS = 250;

const SEVERITIES: Record<ProblemSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A save the cluster refused, pointing at a field: kept marked until the text changes. */
export interface MappingRefusal {
  readonly uri: vscode.Uri;
  readonly fieldPath: string;
  readonly message: string;
}

/**
 * The mapping's word on the open documents, as diagnostics: checked when a document opens, when
 * typing pauses and when its index's mapping arrives or changes. The problems of the last check
 * are kept for the quick fixes.
 */
export class MappingDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('esdocs-mapping'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly problems = new Map<string, { version: number; problems: readonly MappingProblem[] }>();
  private readonly refusals = new Map<string, vscode.Diagnostic>();

  constructor(private readonly mappings: MappingCache) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this.register(
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length === 0) return;
        this.refusals.delete(document.uri.toString());
        this.schedule(document, DEBOUNCE_MS);
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this.register(mappings.onDidChange(() => vscode.workspace.textDocuments.forEach((document) => this.schedule(document, 0))));
    vscode.workspace.textDocuments.forEach((document) => this.schedule(document, 0));
  }

  /** The problems found by the last check of `document`, when it still describes its text. */
  problemsOf(document: vscode.TextDocument): readonly MappingProblem[] {
    const last = this.problems.get(document.uri.toString());
    return last?.version === document.version ? last.problems : [];
  }

  /** Marks the field a refused save named, until the text changes. */
  markRefusal(refusal: MappingRefusal): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === refusal.uri.toString());
    if (document === undefined) return;
    const span = findKeySpan(document.getText(), refusal.fieldPath);
    const range = span ? new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)) : new vscode.Range(0, 0, 0, 1);
    const diagnostic = new vscode.Diagnostic(range, refusal.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = mappingSource();
    diagnostic.code = 'refused';
    this.refusals.set(refusal.uri.toString(), diagnostic);
    this.publish(document, this.problemsOf(document));
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    super.dispose();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.uri.scheme !== DOCUMENT_SCHEME) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(document);
    }, delay));
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    let address;
    try {
      address = addressOf(document.uri);
    } catch {
      return;
    }
    const mapping = this.mappings.peek(address) ?? (await this.mappings.get(address));
    if (document.isClosed) return;
    const version = document.version;
    const problems = mapping ? checkDocumentAgainstMapping(document.getText(), mapping.model, mapping.indexName) : [];
    this.problems.set(document.uri.toString(), { version, problems });
    this.publish(document, problems);
  }

  private publish(document: vscode.TextDocument, problems: readonly MappingProblem[]): void {
    const diagnostics = problems.map((problem) => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end)), problem.message, SEVERITIES[problem.severity]);
      diagnostic.source = mappingSource();
      diagnostic.code = problem.code;
      return diagnostic;
    });
    const refusal = this.refusals.get(document.uri.toString());
    this.collection.set(document.uri, refusal ? [refusal, ...diagnostics] : diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.problems.delete(key);
    this.refusals.delete(key);
    this.collection.delete(uri);
  }
}
