import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { encodePathSegment, type ClusterGateway } from '../cluster/clusterGateway';
import { versionAtLeast } from '../cluster/model/clusterEngine';
import { sampleSources, type CsvImportOptions } from './importer';
import { MappingInference } from './model/mappingInference';

/** How an import's new index gets its mapping: the cluster's dynamic mapping, one inferred from the file, or another index's. */
export type NewIndexMapping = { readonly kind: 'dynamic' } | { readonly kind: 'infer' } | { readonly kind: 'copy'; readonly from: string };

/** Documents of the file the inference reads. */
export const INFERENCE_SAMPLE = 1000;

export async function indexExists(gateway: ClusterGateway, index: string): Promise<boolean> {
  const answer = await gateway.send({ method: 'HEAD', path: `/${encodePathSegment(index)}` });
  return answer.status === 200;
}

/** Whether the cluster has `unsigned_long`: Elasticsearch 7.10 and later (its default distribution), OpenSearch 2.8 and later. */
async function hasUnsignedLong(gateway: ClusterGateway): Promise<boolean> {
  const identity = await gateway.cluster();
  return identity.engine === 'opensearch' ? versionAtLeast(identity.version, 2, 8) : versionAtLeast(identity.version, 7, 10);
}

/** The mapping inferred from the file's first documents, and its fields described for a confirmation. */
export async function inferredMapping(gateway: ClusterGateway, file: string, csv?: CsvImportOptions): Promise<{ mappings: string; fields: string[]; documents: number }> {
  const inference = new MappingInference(await hasUnsignedLong(gateway));
  for (const source of await sampleSources(file, INFERENCE_SAMPLE, csv)) inference.add(source);
  return { mappings: JSON.stringify(inference.mapping()), fields: inference.describe(), documents: inference.documents };
}

/** Another index's mappings as their exact text (the first index an alias names). */
export async function mappingsOf(gateway: ClusterGateway, index: string): Promise<string> {
  const answer = await gateway.sendOk({ method: 'GET', path: `/${encodePathSegment(index)}/_mapping` });
  const root = parseTree(answer.text);
  const first = root?.children?.[0]?.children?.[0]?.value;
  const node = typeof first === 'string' ? findNodeAtLocation(root!, [first, 'mappings']) : undefined;
  if (node === undefined) throw new Error(l10n.t('{0} has no mapping to copy', index));
  return answer.text.slice(node.offset, node.offset + node.length);
}

/** The mappings text a new index is created with (undefined: dynamic mapping). */
export async function newIndexMappings(gateway: ClusterGateway, file: string, how: NewIndexMapping, csv?: CsvImportOptions): Promise<string | undefined> {
  if (how.kind === 'dynamic') return undefined;
  if (how.kind === 'copy') return mappingsOf(gateway, how.from);
  return (await inferredMapping(gateway, file, csv)).mappings;
}

/** Creates the index, with `mappings` (exact JSON text) when given; the cluster's refusal (it exists, a bad name) as its error. */
export async function createIndex(gateway: ClusterGateway, index: string, mappings?: string): Promise<void> {
  await gateway.sendOk({ method: 'PUT', path: `/${encodePathSegment(index)}`, ...(mappings === undefined ? {} : { body: `{"mappings":${mappings}}` }) });
}
