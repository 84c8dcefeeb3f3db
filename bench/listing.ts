import { PREVIEW_FIELDS } from '../src/explorer/model/documentPreview';
import { ClusterGateway, type ClusterRequest, type ClusterResponse } from '../src/cluster/clusterGateway';
import { DocumentPager } from '../src/cluster/documentPager';
import { documentText, LIST_INDEX } from './fixtures';
import type { Measured } from './measure';
import type { RawHttp } from './rawHttp';

/**
 * Listing pages of 50: the extension's DocumentPager (point in time + search_after) next to
 * from/size with raw http. Opening and closing the point in time are done outside the timer.
 */

export const PAGE_SIZE = 50;
const WINDOW = 10_000;
/** What the tree asks for: the `_source` fields of the previews only. */
const LISTED = { sourceFields: PREVIEW_FIELDS };
const WIDE_INDEX = 'bench-wide';
const WIDE_DOCS = 10_000;

/** A gateway that can open the pager's point in time ahead of time, so a page's timing holds the search alone. */
export class PreopeningGateway extends ClusterGateway {
  private ready: ClusterResponse | undefined;

  async preopen(index: string): Promise<void> {
    this.ready = await super.sendOk({ method: 'POST', path: `/${encodeURIComponent(index)}/_pit`, query: { keep_alive: '5m' } });
  }

  override async sendOk(request: ClusterRequest): Promise<ClusterResponse> {
    const ready = this.ready;
    if (ready !== undefined && request.method === 'POST' && request.path.endsWith('/_pit')) {
      this.ready = undefined;
      return ready;
    }
    return super.sendOk(request);
  }
}

function checkPage(hits: readonly unknown[], page: number): void {
  if (hits.length !== PAGE_SIZE) throw new Error(`page ${page} came with ${hits.length} hits, not ${PAGE_SIZE}`);
}

function rawPage(raw: RawHttp, page: number): () => Promise<unknown> {
  const body = JSON.stringify({ from: (page - 1) * PAGE_SIZE, size: PAGE_SIZE, track_total_hits: false });
  return async () => {
    const answer = await raw.json('POST', `/${LIST_INDEX}/_search`, body);
    checkPage((answer.hits as { hits: unknown[] }).hits, page);
    return answer;
  };
}

/** Page 1 from a fresh pager each run; its point in time is opened before the timer, closed after. */
export function firstPage(gateway: PreopeningGateway, raw: RawHttp): Measured {
  let pager: DocumentPager | undefined;
  return {
    name: 'list page 1',
    extension: {
      prepare: async () => {
        await pager?.close();
        pager = new DocumentPager(gateway, LIST_INDEX, PAGE_SIZE, LISTED);
        await gateway.preopen(LIST_INDEX);
      },
      run: async () => checkPage(await pager!.nextPage(), 1),
    },
    baseline: rawPage(raw, 1),
    note: `${PAGE_SIZE} hits; PIT opened before the timer`,
  };
}

/** The first listing of an index as the tree does it: open the point in time and read page 1 (not budgeted). */
export function firstListing(gateway: ClusterGateway): Measured {
  let pager: DocumentPager | undefined;
  return {
    name: 'list: PIT open + page 1',
    extension: {
      prepare: async () => {
        await pager?.close();
        pager = new DocumentPager(gateway, LIST_INDEX, PAGE_SIZE, LISTED);
      },
      run: async () => checkPage(await pager!.nextPage(), 1),
    },
    note: 'informational: the cost of a first expand of an index',
  };
}

/**
 * Page `page` and the pages after it: one pager is advanced, untimed, to just before the
 * warm-up pages, then each timed run reads its next page (run i reads page `page + i`).
 * from/size reads page `page` itself every run, when the 10,000-hit window allows it.
 */
export function deepPage(gateway: ClusterGateway, raw: RawHttp, page: number, warmup: number): Measured {
  let pager: DocumentPager | undefined;
  let current = 0;
  const fits = page * PAGE_SIZE <= WINDOW;
  return {
    name: `list page ${page.toLocaleString('en-US')}`,
    extension: {
      prepare: async () => {
        if (pager !== undefined) return;
        pager = new DocumentPager(gateway, LIST_INDEX, PAGE_SIZE, LISTED);
        while (current < page - 1 - warmup) {
          checkPage(await pager.nextPage(), ++current);
        }
      },
      run: async () => checkPage(await pager!.nextPage(), ++current),
    },
    ...(fits ? { baseline: rawPage(raw, page) } : { baselineNote: 'n/a (10,000 window)' }),
    note: `pager: pages ${page}… of one pager, advanced untimed; PIT not counted`,
  };
}

/** What the server answers to from/size beyond the 10,000-hit window (400 expected). */
export async function rawWindowRefusal(raw: RawHttp, page: number): Promise<string> {
  const body = JSON.stringify({ from: (page - 1) * PAGE_SIZE, size: PAGE_SIZE, track_total_hits: false });
  const answer = await raw.request('POST', `/${LIST_INDEX}/_search`, body);
  return `${answer.status}`;
}

/** An index of 2 KB documents, the size where fetching whole sources for a listing shows. */
export async function loadWideIndex(raw: RawHttp): Promise<void> {
  await raw.json('PUT', `/${WIDE_INDEX}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }));
  const source = documentText(2 * 1024);
  for (let from = 0; from < WIDE_DOCS; from += 2_000) {
    const lines: string[] = [];
    for (let i = from; i < from + 2_000; i++) lines.push(`{"index":{"_id":"w${i}"}}`, source);
    const body = await raw.json('POST', `/${WIDE_INDEX}/_bulk`, lines.join('\n') + '\n');
    if (body.errors === true) throw new Error(`bulk load of ${WIDE_INDEX} reported errors`);
  }
  await raw.json('POST', `/${WIDE_INDEX}/_refresh`);
}

/**
 * A page of 2 KB documents as the tree lists it (the preview fields of `_source` only) next to
 * the same pager fetching every hit's whole `_source`, as listings did before.
 */
export function wideListing(gateway: ClusterGateway): Measured {
  const filtered = new DocumentPager(gateway, WIDE_INDEX, PAGE_SIZE, LISTED);
  const whole = new DocumentPager(gateway, WIDE_INDEX, PAGE_SIZE, {});
  let filteredPage = 0;
  let wholePage = 0;
  return {
    name: 'list 2 KB docs, preview fields',
    extension: async () => checkPage(await filtered.nextPage(), ++filteredPage),
    baseline: async () => checkPage(await whole.nextPage(), ++wholePage),
    note: `${PAGE_SIZE} hits of 2 KB; baseline: the same pager fetching the whole _source (listings before _source filtering)`,
  };
}
