import { topLevelMemberSpans } from '../../json/jsonText';
import { validateJson } from '../../json/jsonValidate';

/** What a table needs to show again what a console request asked for: a search's index and query, or an ES|QL query. */
export type TableRequest =
  | { readonly kind: 'search'; readonly index: string; readonly query?: string }
  | { readonly kind: 'esql'; readonly esql: string };

/**
 * The table a console request can open (**Open in Table**): `GET|POST /{index}/_search` with its
 * body's `query` as the exact text written (the filter of the table), or `POST /_query` with its
 * ES|QL text. Anything else (several indices by pattern work too: the table lists what the search
 * listed) opens nothing.
 */
export function tableRequestOf(method: string, path: string, body: string | undefined): TableRequest | undefined {
  const [pathPart] = path.split('?');
  const segments = pathPart.split('/').filter(Boolean);
  const shape = body === undefined ? undefined : validateJson(body);
  const spans = body !== undefined && shape?.problem === undefined && shape?.topLevel === 'object' ? topLevelMemberSpans(body) : new Map<string, { start: number; end: number }>();
  const member = (name: string): string | undefined => {
    const span = spans.get(name);
    return span && body?.slice(span.start, span.end);
  };
  if (segments.length === 1 && segments[0] === '_query' && method === 'POST') {
    const query = member('query');
    return query?.startsWith('"') ? { kind: 'esql', esql: JSON.parse(query) as string } : undefined;
  }
  if (segments.length !== 2 || segments[1] !== '_search' || (method !== 'GET' && method !== 'POST') || segments[0].startsWith('_')) return undefined;
  const query = member('query');
  return { kind: 'search', index: decodeURIComponent(segments[0]), ...(query === undefined ? {} : { query }) };
}
