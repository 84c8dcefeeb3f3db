// Which product the test server answers as: Elasticsearch (7.17, 8.x, 9.x) or OpenSearch (1.3, 2.x, 3.x),
// and the version strings each accepts. OpenSearch forked Elasticsearch 7.10.2, so it speaks 7.x's REST
// dialect (mapper_parsing_exception, `index_expression`, …) with its own additions and removals.

export type Distribution = 'elasticsearch' | 'opensearch';

export const DISTRIBUTIONS: readonly Distribution[] = ['elasticsearch', 'opensearch'];

interface VersionRules {
  readonly defaultVersion: string;
  /** The newest patch this server knows per major, for `8`, `8.x` and the like. */
  readonly defaultPatch: Record<string, string>;
  /** Among this major's minors only this one (and later) is supported, e.g. 7 → 17. */
  readonly lowestMinor: Record<string, number>;
}

const RULES: Record<Distribution, VersionRules> = {
  elasticsearch: {
    defaultVersion: '8.19.0',
    defaultPatch: { '7': '7.17.29', '8': '8.19.0', '9': '9.1.0' },
    lowestMinor: { '7': 17 },
  },
  opensearch: {
    defaultVersion: '2.19.6',
    defaultPatch: { '1': '1.3.20', '2': '2.19.6', '3': '3.3.2' },
    lowestMinor: { '1': 3 },
  },
};

function displayName(d: Distribution): string {
  return d === 'opensearch' ? 'OpenSearch' : 'Elasticsearch';
}

export function parseDistribution(value: string | undefined): Distribution {
  if (value === undefined) return 'elasticsearch';
  if ((DISTRIBUTIONS as readonly string[]).includes(value)) return value as Distribution;
  throw new Error(`unknown distribution [${value}], expected ${DISTRIBUTIONS.join(' or ')}`);
}

/** `8`, `8.x`, `8.19`, `8.19.x` and `8.19.0` style versions, checked against what each product supports. */
export function normalizeProductVersion(distribution: Distribution, v: string | undefined): string {
  const rules = RULES[distribution];
  if (!v) return rules.defaultVersion;
  const majors = Object.keys(rules.defaultPatch);
  const m = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/.exec(v.trim());
  if (!m) throw new Error(`unsupported version [${v}], expected e.g. ${rules.defaultVersion}, ${majors[1]}.x or ${rules.defaultPatch[majors[0]!]!.replace(/\.\d+$/, '.x')}`);
  const [, major, minor, patch] = m;
  if (!majors.includes(major!)) {
    throw new Error(`unsupported major version [${major}] of ${displayName(distribution)}, expected ${majors.slice(0, -1).join(', ')} or ${majors.at(-1)}`);
  }
  if (minor === undefined || minor === 'x') return rules.defaultPatch[major!]!;
  const lowest = rules.lowestMinor[major!];
  if (lowest !== undefined && Number(minor) < lowest) throw new Error(`only ${major}.${lowest}.x is supported among ${major}.x versions`);
  return `${major}.${minor}.${patch === undefined || patch === 'x' ? '0' : patch}`;
}

/** What a server of this product and version does where the products or their majors differ. */
export interface Dialect {
  readonly distribution: Distribution;
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly opensearch: boolean;
  /**
   * Elasticsearch 7.x's REST dialect, which OpenSearch kept: `mapper_parsing_exception`, index-not-found
   * errors about an `index_expression`.
   */
  readonly es7Dialect: boolean;
  /** `size=-1` accepted with a deprecation warning (Elasticsearch 7; 8.0 and OpenSearch 2 refuse it). */
  readonly sizeMinusOneDeprecated: boolean;
  /** Documents and hits carry `_type: "_doc"` (Elasticsearch 7, OpenSearch 1; OpenSearch 2.0 dropped it). */
  readonly typeInResponses: boolean;
  /** The value of the `X-Elastic-Product` header (Elasticsearch only), or undefined for none. */
  readonly productHeader: string | undefined;
  /** `index.version.created` of new indices, in the product's own numbering. */
  readonly versionCreated: string;
}

/** The build hash this server reports as OpenSearch (any 40 hex digits will do). */
export const OPENSEARCH_BUILD_HASH = '0000000000000000000000000000000000000000';

/** OpenSearch sets this bit in its version ids to tell them from Elasticsearch's (Version.MASK). */
const OPENSEARCH_VERSION_MASK = 0x08000000;

export function dialectOf(distribution: Distribution, version: string): Dialect {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  const opensearch = distribution === 'opensearch';
  return {
    distribution,
    version,
    major,
    minor,
    opensearch,
    es7Dialect: opensearch || major < 8,
    sizeMinusOneDeprecated: opensearch ? major < 2 : major < 8,
    typeInResponses: opensearch ? major < 2 : major < 8,
    productHeader: opensearch ? undefined : 'Elasticsearch',
    versionCreated: opensearch
      ? String((major * 1_000_000 + minor * 10_000 + patch * 100 + 99) ^ OPENSEARCH_VERSION_MASK)
      : String(major * 1_000_000 + minor * 10_000 + 99),
  };
}

/** Whether an index was created by OpenSearch (its version ids have Version.MASK set). */
export function createdByOpenSearch(versionCreated: string | undefined): boolean {
  return Number(versionCreated) >= OPENSEARCH_VERSION_MASK;
}

/** The OpenSearch major that created an index (its `index.version.created`), or undefined for Elasticsearch's. */
export function openSearchMajorOf(versionCreated: string | undefined): number | undefined {
  if (!createdByOpenSearch(versionCreated)) return undefined;
  return Math.floor((Number(versionCreated) ^ OPENSEARCH_VERSION_MASK) / 1_000_000);
}

/** Whether an index answers with mapping types (`_doc`) in its messages: one created by Elasticsearch 7 or OpenSearch 1. */
export function createdWithTypes(versionCreated: string | undefined): boolean {
  const openSearch = openSearchMajorOf(versionCreated);
  return openSearch === undefined ? Number(versionCreated) < 8_000_000 : openSearch < 2;
}

/** Whether an `index.version.created` belongs to an index that answers in 7.x's dialect (see Dialect). */
export function createdInEs7Dialect(versionCreated: string | undefined): boolean {
  const id = Number(versionCreated);
  return id < 8_000_000 || id >= OPENSEARCH_VERSION_MASK;
}

/** The headers every answer of this product carries besides content type and length. */
export function productHeaders(dialect: Dialect): Record<string, string> {
  return dialect.productHeader === undefined ? {} : { 'X-elastic-product': dialect.productHeader };
}

/** The agent a Warning header names (HeaderWarning / DeprecationLogger): product, version and build. */
export function warningAgent(dialect: Dialect): string {
  return dialect.opensearch ? `OpenSearch-${dialect.version}-${OPENSEARCH_BUILD_HASH}` : `Elasticsearch-${dialect.version}-0`;
}
