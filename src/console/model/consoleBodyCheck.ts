import * as l10n from '@vscode/l10n';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { closestName } from '../../mapping/model/editDistance';
import type { ApiTable, TypeRef } from './apiTable';
import { isFieldValue, itemType, memberType } from './consoleBodyTypes';
import type { BodyToken, TextSpan } from './consoleLexer';
import { maskSpan } from './consoleMask';
import type { ConsoleDiagnostic } from './consoleDiagnostic';

/**
 * Checks of one body value: that it is JSON (once comments, `"""` strings and variables are
 * masked), and — when the index's mapping is known — that every field name the specification
 * types as a field (`match` keys, `sort`, `field` of an aggregation, `_source` lists) is mapped.
 */

export interface ValueTree {
  readonly root: Node | undefined;
  /** Where the value starts in the source: node offsets are relative to it. */
  readonly base: number;
  /** Offsets are the source's. */
  readonly errors: readonly ParseError[];
}

export function valueTree(text: string, tokens: readonly BodyToken[], span: TextSpan): ValueTree {
  const errors: ParseError[] = [];
  const root = parseTree(maskSpan(text, tokens, span), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, base: span.start, errors: errors.map((error) => ({ ...error, offset: error.offset + span.start })) };
}

export function jsonProblems(tree: ValueTree): ConsoleDiagnostic[] {
  return tree.errors.slice(0, 1).map((error) => ({
    span: { start: error.offset, end: error.offset + Math.max(1, error.length) },
    severity: 'error',
    message: l10n.t('The body is not JSON: {0}', describeParseError(printParseErrorCode(error.error))),
    code: 'json',
  }));
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function fieldProblems(table: ApiTable, tree: ValueTree & { readonly root: Node }, type: TypeRef, fields: ReadonlyMap<string, string>, index: string, text: string): ConsoleDiagnostic[] {
  const problems: ConsoleDiagnostic[] = [];
  const { root, base } = tree;
  const check = (name: string, start: number, end: number): void => {
    // `_id`, `_score`, `_doc`…: metadata, never in a mapping; patterns and variables are not names.
    if (fields.has(name) || name.startsWith('_') || /[*?$]/.test(name)) return;
    const suggestion = closestName(name, fields.keys());
    const message = suggestion
      ? l10n.t('`{0}` is not a field of {1} — did you mean `{2}`?', name, index, suggestion)
      : l10n.t('`{0}` is not a field of {1}', name, index);
    problems.push({ span: { start, end }, severity: 'warning', message, code: 'field', ...(suggestion ? { fix: { title: l10n.t('Change to `{0}`', suggestion), span: { start, end }, text: suggestion } } : {}) });
  };
  const visit = (node: Node, ref: TypeRef | undefined, depth: number): void => {
    if (ref === undefined || ref === 'any' || depth > 64) return;
    if (node.type === 'string' && isFieldValue(ref) && text[base + node.offset] === '"') check(String(node.value), base + node.offset + 1, base + node.offset + node.length - 1);
    else if (node.type === 'array') for (const child of node.children ?? []) visit(child, itemType(ref), depth + 1);
    else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode) continue;
        const member = memberType(table, ref, String(keyNode.value));
        if (member.keyIsField && !member.known) check(String(keyNode.value), base + keyNode.offset + 1, base + keyNode.offset + keyNode.length - 1);
        if (valueNode) visit(valueNode, member.type, depth + 1);
      }
    }
  };
  visit(root, type, 0);
  return problems;
}
