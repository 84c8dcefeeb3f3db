// Typed helpers for the test server's control API (see control-api.ts), so tests do not hand-write
// these requests. Every function takes the server's base URL, e.g. `server.url`.
import type { FaultSpec } from './faults';

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
}

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(`/_esdocs_test/${path}`, baseUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`test control ${method} ${path} failed with ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Deletes all indices, templates, data streams, points in time, faults and the request log. */
export async function resetServer(baseUrl: string): Promise<void> {
  await call(baseUrl, 'POST', 'reset');
}

/** Simulates a primary failover of one shard: its _primary_term goes up by one. Returns the new term. */
export async function failover(baseUrl: string, index: string, shard = 0): Promise<number> {
  return (await call<{ primary_term: number }>(baseUrl, 'POST', 'failover', { index, shard })).primary_term;
}

/** Adds a fault; returns its id. */
export async function addFault(baseUrl: string, spec: FaultSpec): Promise<number> {
  return (await call<{ id: number }>(baseUrl, 'POST', 'faults', spec)).id;
}

export async function clearFaults(baseUrl: string): Promise<void> {
  await call(baseUrl, 'DELETE', 'faults');
}

export async function removeFault(baseUrl: string, id: number): Promise<void> {
  await call(baseUrl, 'DELETE', `faults/${id}`);
}

export async function requestCounts(baseUrl: string): Promise<RequestCounts> {
  return call<RequestCounts>(baseUrl, 'GET', 'requests');
}

export async function resetRequestCounts(baseUrl: string): Promise<void> {
  await call(baseUrl, 'DELETE', 'requests');
}
