// Accepted URL parameters per API (from the elasticsearch-specification request definitions), and the
// "unrecognized parameter" error Elasticsearch's BaseRestHandler raises for anything else.
import { illegalArgument, type EsError } from '../errors';

const GET_LIKE = ['preference', 'realtime', 'refresh', 'routing', '_source', '_source_excludes', '_source_includes', 'stored_fields', 'version', 'version_type'];
const WRITE_COMMON = ['include_source_on_error', 'pipeline', 'refresh', 'routing', 'timeout', 'version', 'version_type', 'wait_for_active_shards', 'require_alias', 'require_data_stream'];
const INDICES_OPTS = ['allow_no_indices', 'expand_wildcards', 'ignore_unavailable'];
const CAT_COMMON = ['format', 'h', 'help', 's', 'v', 'bytes', 'time', 'master_timeout', 'local'];

export const API_PARAMS: Record<string, readonly string[]> = {
  info: [],
  index: [...WRITE_COMMON, 'if_primary_term', 'if_seq_no', 'op_type', '_slice'],
  create: WRITE_COMMON,
  get: [...GET_LIKE, 'force_synthetic_source', '_slice', '_source_exclude_vectors'],
  exists: GET_LIKE,
  get_source: GET_LIKE.filter((p) => p !== 'stored_fields'),
  exists_source: GET_LIKE.filter((p) => p !== 'stored_fields'),
  delete: ['if_primary_term', 'if_seq_no', 'refresh', 'routing', '_slice', 'timeout', 'version', 'version_type', 'wait_for_active_shards'],
  update: ['if_primary_term', 'if_seq_no', 'include_source_on_error', 'lang', 'refresh', 'require_alias', 'retry_on_conflict', 'routing', '_slice', 'timeout', 'wait_for_active_shards', '_source', '_source_excludes', '_source_includes'],
  mget: ['force_synthetic_source', 'preference', 'realtime', 'refresh', 'routing', '_slice', '_source', '_source_excludes', '_source_includes', 'stored_fields'],
  bulk: ['include_source_on_error', 'list_executed_pipelines', 'pipeline', 'refresh', 'routing', '_slice', '_source', '_source_excludes', '_source_includes', 'timeout', 'wait_for_active_shards', 'require_alias', 'require_data_stream', '_source_include_vectors'],
  search: [...INDICES_OPTS, 'allow_partial_search_results', 'analyzer', 'analyze_wildcard', 'batched_reduce_size', 'ccs_minimize_roundtrips', 'default_operator', 'df', 'docvalue_fields', 'explain', 'ignore_throttled', 'include_named_queries_score', 'lenient', 'max_concurrent_shard_requests', 'preference', 'pre_filter_shard_size', 'request_cache', 'routing', '_slice', 'scroll', 'search_type', 'stats', 'stored_fields', 'suggest_field', 'suggest_mode', 'suggest_size', 'suggest_text', 'terminate_after', 'timeout', 'track_total_hits', 'track_scores', 'typed_keys', 'rest_total_hits_as_int', 'version', '_source', '_source_excludes', '_source_exclude_vectors', '_source_includes', 'seq_no_primary_term', 'q', 'size', 'from', 'sort', 'force_synthetic_source'],
  count: [...INDICES_OPTS, 'analyzer', 'analyze_wildcard', 'default_operator', 'df', 'ignore_throttled', 'lenient', 'min_score', 'preference', 'routing', 'stats', '_slice', 'terminate_after', 'q'],
  open_point_in_time: [...INDICES_OPTS, 'keep_alive', 'preference', 'routing', 'allow_partial_search_results', 'max_concurrent_shard_requests'],
  close_point_in_time: [],
  create_pit: [...INDICES_OPTS, 'allow_partial_pit_creation', 'keep_alive', 'preference', 'routing'],
  delete_pit: [],
  delete_all_pits: [],
  get_all_pits: [],
  'cat.indices': [...CAT_COMMON, 'expand_wildcards', 'health', 'include_unloaded_segments', 'pri'],
  'indices.create': ['master_timeout', 'timeout', 'wait_for_active_shards'],
  'indices.delete': [...INDICES_OPTS, 'master_timeout', 'timeout'],
  'indices.exists': [...INDICES_OPTS, 'flat_settings', 'include_defaults', 'local'],
  'indices.get': [...INDICES_OPTS, 'flat_settings', 'include_defaults', 'local', 'master_timeout', 'features'],
  'indices.get_mapping': [...INDICES_OPTS, 'local', 'master_timeout'],
  'indices.put_mapping': [...INDICES_OPTS, 'master_timeout', 'timeout', 'write_index_only'],
  'indices.get_settings': [...INDICES_OPTS, 'flat_settings', 'include_defaults', 'local', 'master_timeout'],
  'indices.refresh': INDICES_OPTS,
  'indices.close': [...INDICES_OPTS, 'master_timeout', 'timeout', 'wait_for_active_shards'],
  'indices.open': [...INDICES_OPTS, 'master_timeout', 'timeout', 'wait_for_active_shards'],
  'indices.stats': [...INDICES_OPTS, 'completion_fields', 'fielddata_fields', 'fields', 'forbid_closed_indices', 'groups', 'include_segment_file_sizes', 'include_unloaded_segments', 'level'],
  'indices.put_alias': ['master_timeout', 'timeout'],
  'indices.delete_alias': ['master_timeout', 'timeout'],
  'indices.get_alias': [...INDICES_OPTS, 'local', 'master_timeout'],
  'indices.exists_alias': [...INDICES_OPTS, 'local', 'master_timeout'],
  'indices.update_aliases': ['master_timeout', 'timeout'],
  'indices.resolve_index': INDICES_OPTS,
  'indices.put_index_template': ['create', 'master_timeout', 'cause'],
  'indices.create_data_stream': ['master_timeout', 'timeout'],
  'indices.get_data_stream': ['expand_wildcards', 'include_defaults', 'master_timeout', 'verbose'],
  'indices.delete_data_stream': ['expand_wildcards', 'master_timeout'],
  'cluster.health': ['expand_wildcards', 'level', 'local', 'master_timeout', 'timeout', 'wait_for_active_shards', 'wait_for_events', 'wait_for_nodes', 'wait_for_no_initializing_shards', 'wait_for_no_relocating_shards', 'wait_for_status'],
  capabilities: ['method', 'path', 'parameters', 'capabilities', 'local_only'],
  test_control: [],
};

/** Parameters every handler accepts (consumed by the REST layer itself). */
export const COMMON_PARAMS = ['pretty', 'human', 'error_trace', 'filter_path', 'source', 'source_content_type'];

/** Lucene's LevenshteinDistance.getDistance: 1 - distance / max length, computed in float like Java. */
export function levenshteinSimilarity(target: string, other: string): number {
  const n = target.length;
  const m = other.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let p = new Array<number>(n + 1);
  let d = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) p[i] = i;
  for (let j = 1; j <= m; j++) {
    const tj = other.charCodeAt(j - 1);
    d[0] = j;
    for (let i = 1; i <= n; i++) {
      const cost = target.charCodeAt(i - 1) === tj ? 0 : 1;
      d[i] = Math.min(d[i - 1]! + 1, p[i]! + 1, p[i - 1]! + cost);
    }
    [p, d] = [d, p];
  }
  return Math.fround(1 - Math.fround(p[n]! / Math.max(m, n)));
}

export function unrecognizedParamsError(path: string, invalid: string[], candidates: readonly string[]): EsError {
  const sorted = [...new Set(invalid)].sort();
  const parts = sorted.map((name) => {
    const scored = [...new Set(candidates)]
      .map((c) => ({ c, s: levenshteinSimilarity(name, c) }))
      .filter((x) => x.s > 0.5)
      .sort((a, b) => b.s - a.s || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
    if (scored.length === 0) return `[${name}]`;
    const keys = scored.map((x) => x.c);
    return `[${name}] -> did you mean ` + (keys.length === 1 ? `[${keys[0]}]` : `any of [${keys.join(', ')}]`) + '?';
  });
  const plural = sorted.length > 1 ? 's' : '';
  return illegalArgument(`request [${path}] contains unrecognized parameter${plural}: ${parts.join(', ')}`);
}
