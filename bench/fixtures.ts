import type { RawHttp } from './rawHttp';

/** The data the benchmark works on: documents of a given size and a large index for paging. */

export const DOCS_INDEX = 'bench-docs';
/**
 * Where the peer baseline saves: its `JSON.stringify` turns the big integer into
 * 9223372036854776000, which a `long` field refuses, so `big` is a `double` there.
 */
export const PEER_INDEX = 'bench-peer';
export const LIST_INDEX = 'bench-list';
export const LIST_DOCS = 200_000;
export const LIST_SHARDS = 2;

const WORDS = ['cluster', 'shard', 'replica', 'segment', 'merge', 'refresh', 'flush', 'mapping', 'analyzer', 'token', 'query', 'score'];

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  return out.join(' ');
}

function entry(i: number): Record<string, unknown> {
  return { id: i, name: `item-${i}`, active: i % 3 === 0, score: (i % 97) / 10, tags: [WORDS[i % WORDS.length], WORDS[(i + 5) % WORDS.length]], note: sentence(i, 8) };
}

/**
 * A document source of about `bytes` bytes, as compact JSON text (what Elasticsearch stores when
 * a client sends compact JSON). It keeps what the extension must not lose: `1.0`, a big integer.
 */
export function documentText(bytes: number): string {
  const head = `{"title":"Benchmark document","rating":1.0,"big":9223372036854775807,"unicode":"é😀","entries":[`;
  const parts: string[] = [];
  let size = head.length + 2;
  for (let i = 0; size < bytes - 200; i++) {
    const text = JSON.stringify(entry(i));
    parts.push(text);
    size += text.length + 1;
  }
  const pad = Math.max(0, bytes - size - 12);
  return `${head}${parts.join(',')}],"pad":"${'x'.repeat(pad)}"}`;
}

async function createIndex(raw: RawHttp, index: string, shards: number, mappings?: object): Promise<void> {
  await raw.json('PUT', `/${index}`, JSON.stringify({ settings: { number_of_shards: shards, number_of_replicas: 0 }, ...(mappings ? { mappings } : {}) }));
}

/** Puts a document; returns its version as the server holds it. */
export async function putDocument(raw: RawHttp, index: string, id: string, text: string): Promise<{ seqNo: number; primaryTerm: number }> {
  const body = await raw.json('PUT', `/${index}/_doc/${encodeURIComponent(id)}`, text);
  return { seqNo: Number(body._seq_no), primaryTerm: Number(body._primary_term) };
}

export async function createDocumentsIndex(raw: RawHttp): Promise<void> {
  await createIndex(raw, DOCS_INDEX, 1);
  await createIndex(raw, PEER_INDEX, 1, { properties: { big: { type: 'double' } } });
}

/** Bulk-loads the listing index in chunks, then refreshes it. Returns the seconds it took. */
export async function loadListIndex(raw: RawHttp, chunk = 10_000): Promise<number> {
  const started = Date.now();
  await createIndex(raw, LIST_INDEX, LIST_SHARDS);
  for (let from = 0; from < LIST_DOCS; from += chunk) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(from + chunk, LIST_DOCS); i++) {
      lines.push(`{"index":{"_id":"d${i}"}}`, `{"title":"Document ${i}","n":${i},"year":${1950 + (i % 75)},"genre":"${WORDS[i % WORDS.length]}"}`);
    }
    const body = await raw.json('POST', `/${LIST_INDEX}/_bulk`, lines.join('\n') + '\n');
    if (body.errors === true) throw new Error(`bulk load of ${LIST_INDEX} reported errors`);
  }
  await raw.json('POST', `/${LIST_INDEX}/_refresh`);
  return (Date.now() - started) / 1000;
}
