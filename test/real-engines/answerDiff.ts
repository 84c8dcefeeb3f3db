import { topLevelMemberSpans } from '../../src/json/jsonText';

/** One answer as the differential keeps it. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly product: string | undefined;
  readonly text: string;
}

export interface Difference {
  /** `status`, `header content-type`, `_source text`, or a JSON path such as `error.reason`. */
  readonly path: string;
  readonly real: string;
  readonly testServer: string;
}

// Truly volatile: time taken, generated ids (a node's among them), and when something was created.
const VOLATILE_KEYS = new Set(['took', 'index_uuid', 'uuid', 'cluster_uuid', 'node', 'pit_id', 'creation_date', 'creation_date_string']);
const BACKING_INDEX_DATE = /^(\.ds-.+-)\d{4}\.\d{2}\.\d{2}(-\d+)$/;
// A search context's id counts the contexts the node has opened since it started.
const CONTEXT_ID = /(No search context found for id \[)\d+(\])/g;

function normalise(value: unknown, key?: string): unknown {
  if (key !== undefined && VOLATILE_KEYS.has(key)) return '<volatile>';
  if (typeof value === 'string') return value.replace(BACKING_INDEX_DATE, '$1<date>$2').replace(CONTEXT_ID, '$1<id>$2');
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (value && typeof value === 'object') {
    // Backing index names are keys in some answers.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(BACKING_INDEX_DATE, '$1<date>$2'), normalise(v, k)]));
  }
  return value;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'absent';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function diffValues(real: unknown, fake: unknown, path: string, out: Difference[]): void {
  if (real && fake && typeof real === 'object' && typeof fake === 'object' && Array.isArray(real) === Array.isArray(fake)) {
    const keys = Array.isArray(real)
      ? Array.from({ length: Math.max(real.length, (fake as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(real), ...Object.keys(fake)])];
    for (const key of keys) {
      diffValues((real as Record<string, unknown>)[key], (fake as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (JSON.stringify(real) !== JSON.stringify(fake)) out.push({ path: path || '(body)', real: show(real), testServer: show(fake) });
}

/** What the extension could notice differ between two answers to the same request. */
export function compareAnswers(real: Answer, fake: Answer, { readSource = false, volatile = [] }: { readSource?: boolean; volatile?: readonly string[] } = {}): Difference[] {
  const out: Difference[] = [];
  if (real.status !== fake.status) out.push({ path: 'status', real: String(real.status), testServer: String(fake.status) });
  const mediaType = (value: string): string => value.split(';')[0]!.trim().toLowerCase();
  if (mediaType(real.contentType) !== mediaType(fake.contentType)) out.push({ path: 'header content-type', real: real.contentType, testServer: fake.contentType });
  if (real.product !== fake.product) out.push({ path: 'header x-elastic-product', real: String(real.product), testServer: String(fake.product) });
  const [realBody, fakeBody] = [parse(real.text), parse(fake.text)];
  if (realBody === undefined || fakeBody === undefined) {
    if (real.text.trim() !== fake.text.trim()) out.push({ path: '(text)', real: show(real.text), testServer: show(fake.text) });
    return out;
  }
  const before = out.length;
  diffValues(normalise(realBody), normalise(fakeBody), '', out);
  // Generated afresh by each engine for this request: compared for presence only.
  for (let i = out.length - 1; i >= before; i--) {
    const { path, real: r, testServer: t } = out[i]!;
    if (volatile.includes(path) && r !== 'absent' && t !== 'absent') out.splice(i, 1);
  }
  if (readSource) {
    // The extension hands `_source` on as the exact characters received.
    const exact = (text: string): string | undefined => {
      const span = topLevelMemberSpans(text).get('_source');
      return span && text.slice(span.start, span.end);
    };
    if (exact(real.text) !== exact(fake.text)) out.push({ path: '_source text', real: show(exact(real.text)), testServer: show(exact(fake.text)) });
  }
  return out;
}
