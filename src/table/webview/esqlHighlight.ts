import hljs from 'highlight.js/lib/core';
import esql from '@elastic/highlightjs-esql';

// Elastic's own definition of ES|QL's commands, functions and operators, on highlight.js's core
// (no other language is bundled): the list grows with ES|QL, and it is not ours to keep.
hljs.registerLanguage('esql', esql);

/**
 * An ES|QL query as HTML: its text escaped, its tokens in spans of highlight.js's classes
 * (`hljs-keyword` for commands, `hljs-string`, `hljs-number`, …). A text that does not parse
 * still comes back whole, unhighlighted where it stops making sense.
 */
export function esqlHtml(text: string): string {
  return hljs.highlight(text, { language: 'esql', ignoreIllegals: true }).value;
}
