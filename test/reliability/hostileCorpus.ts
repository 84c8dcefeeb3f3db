import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hostile-input corpus under test/fixtures/hostile: small cases as data, big ones generated. */

export interface DocumentCase {
  readonly name: string;
  readonly text: string;
  /**
   * `reject`: refused before sending, with a message matching `message`; `accept`: saved and read
   * back exactly; `refusedByCluster`: valid JSON the mapping refuses: sent once, and the cluster's
   * reason (matching `message`) reaches the user.
   */
  readonly expect: 'reject' | 'accept' | 'refusedByCluster';
  readonly message?: string;
  /** What Elasticsearch itself does with it, where that decided the expectation. */
  readonly note?: string;
}

export interface ResponseCase {
  readonly name: string;
  readonly reader: 'get' | 'write' | 'search' | 'failure';
  readonly text: string;
  readonly status?: number;
  /** What the reader must say: for `failure`, the failure's reason; otherwise the thrown error's message. */
  readonly message: string;
  /** For `failure`: the kind the failure must have. */
  readonly kind?: string;
}

function load<T>(file: string): T[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'hostile', file), 'utf8')) as T[];
}

export const documentCases = (): DocumentCase[] => load<DocumentCase>('documents.json');
export const responseCases = (): ResponseCase[] => load<ResponseCase>('responses.json');

/** `depth` nested objects: Elasticsearch refuses them (Jackson's nesting limit is 1,000, index.mapping.depth.limit 20). */
export const deeplyNested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
export const deeplyNestedArrays = (depth: number): string => '{"a":' + '['.repeat(depth) + ']'.repeat(depth) + '}';

/**
 * A valid document of about `megabytes` MB, with the exact-text hazards repeated throughout: one
 * array of objects, so that it maps to a handful of fields (Elasticsearch refuses a document
 * that would add more than index.mapping.total_fields.limit, 1,000, of them).
 */
export function bigDocument(megabytes: number): string {
  const entry = (n: number): string => `{"n": ${n}, "big": 9223372036854775807, "f": 1.0, "s": "é😀\\ud800\\n", "z": -0}`;
  const entries: string[] = [];
  let size = 2;
  for (let n = 0; size < megabytes * 1024 * 1024; n++) {
    const e = entry(n);
    entries.push(e);
    size += e.length + 2;
  }
  return `{"entries": [${entries.join(', ')}]}`;
}
