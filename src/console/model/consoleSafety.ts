import * as l10n from '@vscode/l10n';
import type { EndpointMatch, Resolution } from './consoleEndpoints';
import type { ConsoleMethod } from './consoleParser';

/**
 * What a request does to the cluster, as the console's guards need it: a read (allowed on a
 * read-only connection), a write, or a write that deletes or rewrites many documents or whole
 * indices, which is confirmed first, naming its target.
 */

export type RequestEffect =
  | { readonly kind: 'read' }
  | { readonly kind: 'write' }
  | { readonly kind: 'destructive'; readonly what: string; readonly target: string; readonly countQuery?: boolean; readonly checkDestination?: string };

/** The APIs sent with POST (or DELETE) that only read. */
const READ_APIS = new Set([
  'search', 'count', 'msearch', 'mget', 'field_caps', 'esql.query', 'esql.async_query', 'sql.query', 'sql.translate', 'open_point_in_time', 'close_point_in_time',
  'search_template', 'msearch_template', 'explain', 'indices.validate_query', 'termvectors', 'mtermvectors', 'rank_eval', 'render_search_template', 'terms_enum',
  'eql.search', 'async_search.submit', 'clear_scroll', 'scroll', 'indices.analyze', 'knn_search', 'search_mvt', 'search_shards', 'opensearch.create_pit', 'opensearch.delete_pit',
]);

export function effectOf(method: ConsoleMethod, resolution: Resolution, segments: readonly string[]): RequestEffect {
  const match: EndpointMatch | undefined = resolution.kind === 'found' ? resolution.match : undefined;
  const name = match?.endpoint.name;
  if (method === 'GET' || method === 'HEAD') return { kind: 'read' };
  if (name !== undefined && READ_APIS.has(name)) return { kind: 'read' };
  // Without a match in the specification, the last API segment still tells a read.
  if (name === undefined && method === 'POST' && ['_search', '_count', '_msearch', '_mget', '_field_caps', '_query', '_sql', '_pit'].includes(segments[segments.length - 1] ?? '')) return { kind: 'read' };
  const target = match?.parts.index ?? match?.parts.target ?? segments[0] ?? '';
  switch (name) {
    case 'indices.delete':
      return { kind: 'destructive', what: l10n.t('delete the index {0}', target), target };
    case 'delete_by_query':
      return { kind: 'destructive', what: l10n.t('delete the documents of {0} that match the query', target), target, countQuery: true };
    case 'update_by_query':
      return { kind: 'destructive', what: l10n.t('rewrite the documents of {0} that match the query', target), target, countQuery: true };
    case 'indices.close':
      return { kind: 'destructive', what: l10n.t('close the index {0}', target), target };
    case 'cluster.put_settings':
      return { kind: 'destructive', what: l10n.t('change the cluster settings'), target: '_cluster' };
    case 'reindex':
      return { kind: 'destructive', what: l10n.t('reindex into an existing index'), target: '', checkDestination: 'dest.index' };
    default:
      break;
  }
  // A DELETE of a whole index by a path the specification does not know (`DELETE *`).
  if (name === undefined && method === 'DELETE' && segments.length === 1) return { kind: 'destructive', what: l10n.t('delete the index {0}', segments[0]), target: segments[0] };
  return { kind: 'write' };
}
