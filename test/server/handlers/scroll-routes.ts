// The scroll API as Elasticsearch answers it: `_search?scroll=1m` takes a snapshot and answers its first
// page with a `_scroll_id`; `POST /_search/scroll` ({"scroll","scroll_id"}, or the id in the path) answers
// the next page of the same snapshot; `DELETE /_search/scroll` ({"scroll_id": one or many}, or `/_all`)
// frees contexts. A context lives keep_alive from its last use; one that is gone answers 404
// search_context_missing_exception, as a shard whose reader context expired does.
import type { EsResponse, Router } from '../http/router';
import type { EsRequest } from '../http/es-request';
import type { Hit } from '../engine/search';
import { parseKeepAlive } from '../engine/pit';
import { AllShardsFailed } from '../engine/shard-failures';
import { EsError, illegalArgument, validationFailed } from '../errors';
import { jsonBody } from './common';
import type { ParsedSearch } from './search-request';

interface ScrollContext {
  readonly p: ParsedSearch;
  /** Every hit of the snapshot, in order: pages are slices of it. */
  readonly hits: readonly Hit[];
  readonly total: { value: number; relation: 'eq' | 'gte' } | undefined;
  readonly shards: number;
  offset: number;
  keepAliveMs: number;
  expiresAt: number;
}

export interface ScrollPage {
  readonly p: ParsedSearch;
  readonly hits: readonly Hit[];
  readonly total: ScrollContext['total'];
  readonly shards: number;
  readonly scrollId: string;
}

let nextContext = 1;

function encode(contextId: number): string {
  return Buffer.from(JSON.stringify({ scroll: contextId })).toString('base64url');
}

function decode(id: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as { scroll?: unknown };
    return typeof parsed.scroll === 'number' ? parsed.scroll : undefined;
  } catch {
    return undefined;
  }
}

function missing(contextId: number): EsError {
  return new AllShardsFailed(404, [{ shard: -1, index: '_na_', cause: new EsError(404, 'search_context_missing_exception', `No search context found for id [${contextId}]`) }]).withFirstCause();
}

/** The open scroll contexts of one server, and their routes. */
export class Scrolls {
  private readonly contexts = new Map<number, ScrollContext>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new context over the snapshot's hits; the first page comes from `next`. */
  open(p: ParsedSearch, hits: readonly Hit[], total: ScrollContext['total'], shards: number, keepAlive: string): ScrollPage {
    this.expire();
    const id = nextContext++;
    const keepAliveMs = parseKeepAlive(keepAlive);
    this.contexts.set(id, { p, hits, total, shards, offset: 0, keepAliveMs, expiresAt: this.now() + keepAliveMs });
    return this.page(id);
  }

  register(router: Router, answer: (page: ScrollPage, started: number) => EsResponse): void {
    const scroll = (req: EsRequest): EsResponse => {
      const started = this.now();
      const body = jsonBody(req, false) ?? {};
      const id = req.pathParams.scroll_id ?? req.query.get('scroll_id') ?? (typeof body.scroll_id === 'string' ? body.scroll_id : undefined);
      if (id === undefined) throw validationFailed(['scrollId is missing']);
      const keepAlive = req.query.get('scroll') ?? (typeof body.scroll === 'string' ? body.scroll : undefined);
      const contextId = decode(id);
      if (contextId === undefined) throw illegalArgument('Cannot parse scroll id');
      this.expire();
      const context = this.contexts.get(contextId);
      if (context === undefined) throw missing(contextId);
      if (keepAlive !== undefined) context.keepAliveMs = parseKeepAlive(keepAlive);
      context.expiresAt = this.now() + context.keepAliveMs;
      return answer(this.page(contextId), started);
    };
    router.add('scroll', ['GET', 'POST'], '/_search/scroll', 'optional', scroll);
    router.add('scroll', ['GET', 'POST'], '/_search/scroll/{scroll_id}', 'optional', scroll);

    const freed = (count: number): EsResponse => ({ status: count > 0 ? 200 : 404, body: { succeeded: true, num_freed: count } });
    router.add('clear_scroll', ['DELETE'], '/_search/scroll', 'optional', (req) => {
      const body = jsonBody(req, false) ?? {};
      const given = body.scroll_id ?? req.query.get('scroll_id');
      const ids = typeof given === 'string' ? given.split(',') : Array.isArray(given) ? (given as unknown[]).filter((id): id is string => typeof id === 'string') : [];
      if (ids.length === 0) throw validationFailed(['no scroll ids specified']);
      if (ids.includes('_all')) return freed(this.clear());
      const decoded = ids.map(decode);
      if (decoded.some((id) => id === undefined)) throw illegalArgument('Cannot parse scroll id');
      this.expire();
      return freed(decoded.filter((id) => this.contexts.delete(id!)).length);
    });
    router.add('clear_scroll', ['DELETE'], '/_search/scroll/_all', 'none', () => freed(this.clear()));
  }

  private page(contextId: number): ScrollPage {
    const context = this.contexts.get(contextId)!;
    const size = context.p.spec.size;
    const hits = context.hits.slice(context.offset, context.offset + size);
    context.offset += hits.length;
    return { p: context.p, hits, total: context.total, shards: context.shards, scrollId: encode(contextId) };
  }

  private clear(): number {
    const count = this.contexts.size;
    this.contexts.clear();
    return count;
  }

  private expire(): void {
    const now = this.now();
    for (const [id, context] of this.contexts) if (context.expiresAt <= now) this.contexts.delete(id);
  }
}
