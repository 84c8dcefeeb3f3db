import { parseJsonObject } from './model/esResponses';
import { sortableFields, type SortableField } from './model/listingSort';
import { encodePathSegment, type ClusterGateway } from './clusterGateway';

/** What an index's mapping says (`GET /{index}/_mapping`): its fields, its routing requirement. */

/** The answer of `GET /{index}/_mapping`, keyed by concrete index (an alias or a data stream answers with its indices). */
export async function readIndexMappings(gateway: ClusterGateway, index: string): Promise<Record<string, unknown>> {
  return gateway.sendOkAndRead({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` }, parseJsonObject);
}

/** The fields documents of `index` (an index or an alias) can be listed in the order of. */
export async function listSortableFields(gateway: ClusterGateway, index: string): Promise<SortableField[]> {
  return sortableFields(await readIndexMappings(gateway, index));
}

/** Whether writes and reads by id in this index need a routing value (`_routing.required`). */
export async function isRoutingRequired(gateway: ClusterGateway, index: string): Promise<boolean> {
  const body = (await readIndexMappings(gateway, index)) as Record<string, { mappings?: { _routing?: { required?: boolean } } }>;
  return Object.values(body).some((entry) => entry.mappings?._routing?.required === true);
}
