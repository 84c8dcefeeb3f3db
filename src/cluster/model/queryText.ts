import * as l10n from '@vscode/l10n';
import { validateJson } from '../../json/jsonValidate';

/**
 * A filter as users type it, as the Query DSL text a search sends: query-string syntax
 * (`year:2014 AND genre:Drama`), or a Query DSL object as JSON text, sent as written (its big
 * integers and `1.0` included); empty is every document.
 */
export type QueryText = { readonly ok: true; readonly query: string } | { readonly ok: false; readonly reason: string };

export function queryOf(filter: string): QueryText {
  const text = filter.trim();
  if (text === '') return { ok: true, query: '{"match_all":{}}' };
  if (!text.startsWith('{')) return { ok: true, query: `{"query_string":{"query":${JSON.stringify(text)}}}` };
  const shape = validateJson(text);
  if (shape.problem) return { ok: false, reason: l10n.t('the query is not valid JSON: {0}', shape.problem.message) };
  return { ok: true, query: text };
}

