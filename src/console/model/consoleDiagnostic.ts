import type { TextSpan } from './consoleLexer';

/** A problem of a console file, at the text it is about; what the editor, the linter and Send all read. */
export interface ConsoleDiagnostic {
  readonly span: TextSpan;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  /** What kind of problem: a quick fix or a test looks for it. */
  readonly code: 'json' | 'field' | 'variable' | 'endpoint' | 'method' | 'param' | 'param-value' | 'body' | 'syntax';
  /** The edit a quick fix makes ("did you mean"). */
  readonly fix?: { readonly title: string; readonly span: TextSpan; readonly text: string };
}
