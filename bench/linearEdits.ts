import { format, type EditResult } from 'jsonc-parser';

/**
 * `prettyPrintJson` with the edits applied in one pass. jsonc-parser's `applyEdits` rebuilds the
 * whole string once per edit (quadratic); this joins the untouched slices and the edits' texts
 * once. Used to write the 5 MB editor text fast, and to show what the proposed fix would cost.
 */
export function applyEditsLinear(text: string, edits: EditResult): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const parts: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.offset < at) throw new Error('Overlapping edit');
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function prettyPrintLinear(text: string, indent = 2): string {
  return applyEditsLinear(text, format(text, undefined, { tabSize: indent, insertSpaces: true, eol: '\n', insertFinalNewline: true }));
}
