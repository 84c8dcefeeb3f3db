// Between two YAML tests the cluster goes back to empty, as Elasticsearch's own REST test runner
// does: the test server has a control endpoint for it; a real engine is wiped through its API.
import { send } from './http-client';

const JSON_HEADERS = { 'content-type': 'application/json' };

export interface ClusterUnderTest {
  /** The test server (with its reset endpoint), or a real engine. */
  readonly testServer: boolean;
  readonly reset: () => Promise<void>;
}

/** How to empty the cluster at `url`: found out once, by asking for the test server's reset. */
export async function clusterUnderTest(url: string): Promise<ClusterUnderTest> {
  const probe = await send(url, 'POST', '/_esdocs_test/reset', {});
  if (probe.status === 200) return { testServer: true, reset: async () => void (await send(url, 'POST', '/_esdocs_test/reset', {})) };
  await allowWildcardDeletes(url);
  return { testServer: false, reset: () => wipeRealCluster(url) };
}

/** Elasticsearch's own test clusters run with this off; some tests delete indices by wildcard. */
async function allowWildcardDeletes(url: string): Promise<void> {
  await send(url, 'PUT', '/_cluster/settings', JSON_HEADERS, JSON.stringify({ persistent: { 'action.destructive_requires_name': false } }));
}

async function wipeRealCluster(url: string): Promise<void> {
  await send(url, 'DELETE', '/_data_stream/*?expand_wildcards=all', {});
  const listed = await send(url, 'GET', '/_cat/indices?format=json&h=index&expand_wildcards=all', {});
  const indices = Array.isArray(listed.body) ? (listed.body as Array<{ index: string }>).map((row) => row.index) : [];
  // One by name: `DELETE /*` is refused where action.destructive_requires_name is on (8.x).
  for (const index of indices) await send(url, 'DELETE', `/${encodeURIComponent(index)}?expand_wildcards=all`, {});
  const templates = await send(url, 'GET', '/_index_template', {});
  const names = ((templates.body as { index_templates?: Array<{ name: string }> }).index_templates ?? []).map((t) => t.name);
  for (const name of names) await send(url, 'DELETE', `/_index_template/${encodeURIComponent(name)}`, {});
  await send(url, 'DELETE', '/_template/*', {});
  await send(url, 'DELETE', '/_search/point_in_time/_all', {});
  await send(url, 'PUT', '/_cluster/settings', JSON_HEADERS, JSON.stringify({ persistent: { '*': null }, transient: { '*': null } }));
  await allowWildcardDeletes(url);
}
