// A tiny fetch wrapper for unit tests talking to the test server: raw text plus parsed JSON.
export interface Reply {
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export async function es(baseUrl: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const ndjson = path.includes('_bulk');
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: text === undefined ? {} : { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    body: text,
  });
  const out = await res.text();
  let json: unknown;
  try {
    json = out ? JSON.parse(out) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text: out, json, headers: res.headers };
}
