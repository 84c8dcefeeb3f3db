// Writes an EsResponse the way Elasticsearch does: X-Elastic-Product on everything but 401/403 (OpenSearch
// sends none), the compatible media type echoed when one was requested, `?pretty` and `filter_path` applied.
import type { ServerResponse } from 'node:http';
import type { EsResponse } from './router';
import { RawJson, prettyJsonText, toJsonText } from './json-text';
import { parseJNode, stringifyJNode } from './jnode';
import { applyFilterPath } from './filter-path';

export interface ResponseFormat {
  compatibleWith?: number;
  pretty: boolean;
  filterPath?: string;
  head: boolean;
  version: string;
  /** The X-Elastic-Product value, or undefined where the product sends none (OpenSearch). */
  productHeader: string | undefined;
  /** Who a Warning header names: `Elasticsearch-8.19.0-0`, `OpenSearch-2.19.6-…`. */
  warningAgent: string;
  /** The content type of JSON answers: OpenSearch names the charset (`application/json; charset=UTF-8`). */
  jsonContentType: string;
}

export function renderBody(res: EsResponse, fmt: ResponseFormat): { text: string; contentType: string } {
  if (res.text !== undefined) return { text: res.text, contentType: 'text/plain; charset=UTF-8' };
  let text = res.body instanceof RawJson ? res.body.text : toJsonText(res.body ?? {});
  if (fmt.filterPath) text = stringifyJNode(applyFilterPath(parseJNode(text), fmt.filterPath));
  if (fmt.pretty) text = prettyJsonText(text);
  const contentType =
    fmt.compatibleWith !== undefined ? `application/vnd.elasticsearch+json;compatible-with=${fmt.compatibleWith}` : fmt.jsonContentType;
  return { text, contentType };
}

export function writeEsResponse(out: ServerResponse, res: EsResponse, fmt: ResponseFormat): void {
  const { text, contentType } = renderBody(res, fmt);
  const headers: Record<string, string | string[]> = { ...(res.headers ?? {}) };
  if (fmt.productHeader !== undefined && res.status !== 401 && res.status !== 403) headers['X-elastic-product'] = fmt.productHeader;
  if (res.warnings?.length) {
    headers['Warning'] = res.warnings.map((w) => `299 ${fmt.warningAgent} "${w.replace(/"/g, '\\"')}"`);
  }
  const payload = fmt.head || (res.body === undefined && res.text === undefined) ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
  headers['content-type'] = contentType;
  headers['content-length'] = String(payload.length);
  out.writeHead(res.status, headers);
  out.end(payload);
}
