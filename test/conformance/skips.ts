// The one place that says which tests the conformance run skips or trims, each with its reason, and
// which cluster features / runner features this server claims (tests requiring others are skipped).

export interface NamedSkip {
  /** Path of the YAML file relative to the suite root, e.g. `bulk/10_basic.yml`. */
  file: string;
  /** Test name; all tests of the file when absent. */
  test?: string;
  /** Only for these versions (as in a YAML `skip.version`); every version when absent. */
  versions?: string;
  reason: string;
}

export interface DroppedAssertion {
  file: string;
  /** Assertion kind and path, e.g. `match _type`: every such assertion in the file is dropped. */
  assertion: string;
  reason: string;
}

const TYPELESS = 'a 7.x assertion on `_type: _doc` that a typeless 8.x/9.x server must not satisfy (README caveat)';

export const DROPPED_ASSERTIONS: DroppedAssertion[] = [
  { file: 'delete/11_shard_header.yml', assertion: 'match _type', reason: TYPELESS },
  { file: 'mget/13_missing_metadata.yml', assertion: 'match docs.0._type', reason: TYPELESS },
  { file: 'search/20_default_values.yml', assertion: 'match hits.hits.0._type', reason: TYPELESS },
];

export const NAMED_SKIPS: NamedSkip[] = [
  {
    file: 'search/260_parameter_validation.yml',
    test: 'test size=-1 is deprecated',
    versions: '8.0.0 - ',
    reason: 'Elasticsearch 8 refuses size=-1 (400, as the real 8.19 answers); accepting it with a deprecation warning is the REST compatibility (v7) behaviour',
  },
];

/** Runner features implemented by this runner (for `skip.features` and `requires.test_runner_features`). */
export const RUNNER_FEATURES = [
  'headers',
  'warnings',
  'warnings_regex',
  'allowed_warnings',
  'allowed_warnings_regex',
  'capabilities',
  'default_shards',
  'stash_in_key',
  'stash_in_path',
  'embedded_stash_key',
  'contains',
  'arbitrary_key',
];

/** Named cluster features this server implements (besides `gte_vX.Y.Z`, derived from its version). */
export const CLUSTER_FEATURES = [
  'search.hide_vectors_in_source',
  'mapper.unknown_field_mapping_update_error_message',
  'index.throw_exception_on_index_creation_if_unsupported_value_type_in_alias',
  'mapper.source.mode_from_index_setting',
  'mapper.subobjects_false_mapping_update_fix',
];
