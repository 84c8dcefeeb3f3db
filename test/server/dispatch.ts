// Request dispatch in Elasticsearch's order: authentication (with security on), media-type headers,
// route lookup (400/405), content type, URL parameters, body presence, then the handler. Faults and the
// request log hook in here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router, EsResponse } from './http/router';
import type { EsRequest } from './http/es-request';
import { parseQueryString, decodeComponent } from './http/es-request';
import { checkCompatibility, isAcceptedContentType, parseMediaType } from './http/media-type';
import { writeEsResponse, type ResponseFormat } from './http/respond';
import { API_PARAMS, COMMON_PARAMS, unrecognizedParamsError } from './http/params';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control-api';
import { faultErrorBody } from './faults';
import { writeDrip, writeHuge } from './streaming-faults';
import { EsError } from './errors';
import { AllShardsFailed } from './engine/shard-failures';
import { authenticate, type AuthOptions, type AuthenticatedUser } from './security/authenticate';
import { wwwAuthenticate } from './security/auth-errors';
import { sigV4RefusalResponse, verifySigV4, type SigV4Options } from './security/sigv4';
import { productHeaders, warningAgent } from './distribution';

const MAX_BODY = 200 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new EsError(413, 'content_too_long', 'request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function simple(status: number, error: string, withStatus = true): EsResponse {
  return { status, body: withStatus ? { error, status } : { error } };
}

export interface DispatchDeps extends ControlDeps {
  /** Security on: every request but the control API must authenticate. */
  auth?: AuthOptions;
  /** As Amazon OpenSearch Service: every request but the control API must carry a valid SigV4 signature. */
  awsSigV4?: SigV4Options;
}

export async function dispatch(router: Router, deps: DispatchDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const uri = req.url ?? '/';
  const q = uri.indexOf('?');
  const rawPath = q < 0 ? uri : uri.slice(0, q);
  let body = await readBody(req);
  const version = deps.ctx.version;
  const dialect = deps.ctx.dialect;
  const fmt: ResponseFormat = {
    pretty: false,
    head: method === 'HEAD',
    version,
    productHeader: dialect.productHeader,
    warningAgent: warningAgent(dialect),
    jsonContentType: dialect.opensearch ? 'application/json; charset=UTF-8' : 'application/json',
  };
  if (rawPath.startsWith(CONTROL_PREFIX)) {
    let out: EsResponse;
    try {
      out = handleControl(method, rawPath, body, deps);
    } catch (e) {
      out = e instanceof EsError ? { status: e.status, body: e.toBody() } : simple(500, String(e));
    }
    writeEsResponse(res, out, fmt);
    return;
  }
  const match = router.match(method, rawPath);
  deps.log.record(method, match.kind === 'found' ? match.route.path : rawPath);
  if (deps.awsSigV4) {
    // AWS checks the signature in front of the cluster: nothing reaches it unsigned.
    const refusal = verifySigV4({ method, uri, headers: req.headers, body }, deps.awsSigV4);
    if (refusal) {
      const answer = sigV4RefusalResponse(refusal);
      res.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
  }
  let user: AuthenticatedUser | undefined;
  if (deps.auth) {
    // Since 8.8 Elasticsearch authenticates while validating the HTTP headers, before any route
    // lookup, so even an unknown path answers 401. A refused request consumes no injected fault.
    const result = authenticate(req.headers, uri, deps.auth, version);
    if (!result.ok) {
      fmt.pretty = /[?&]pretty(=(?!false)[^&]*)?(&|$)/.test(q < 0 ? '' : uri.slice(q));
      writeEsResponse(res, { status: 401, body: result.error.toBody(), headers: { 'WWW-Authenticate': wwwAuthenticate(version) } }, fmt);
      return;
    }
    user = result.user;
  }
  const { latencyMs, action } = deps.faults.take(method, rawPath);
  if (latencyMs > 0) await sleep(latencyMs);
  if (action?.kind === 'drop_before') {
    res.socket?.destroy();
    return;
  }
  if (action?.kind === 'drip' || action?.kind === 'huge') {
    (action.kind === 'drip' ? writeDrip : writeHuge)(res, action, productHeaders(dialect), () => deps.faults.noteAbandoned());
    return;
  }
  if (action && action.kind !== 'drop_after') {
    writeFault(res, action.kind, action, fmt);
    return;
  }
  let out: EsResponse;
  try {
    const query = parseQueryString(q < 0 ? '' : uri.slice(q + 1));
    fmt.pretty = query.has('pretty') && query.get('pretty') !== 'false';
    fmt.filterPath = query.get('filter_path');
    if (body.length === 0 && query.has('source')) body = Buffer.from(query.get('source')!, 'utf8');
    // REST API compatibility (`compatible-with`) is Elasticsearch's; OpenSearch ignores the Accept header.
    if (!dialect.opensearch) fmt.compatibleWith = checkCompatibility(req.headers.accept, req.headers['content-type'], body.length > 0, dialect.major, dialect.minor);
    out = await run(match, { method, rawPath, path: decodeComponent(rawPath, false), uri, query, pathParams: {}, headers: req.headers, body, user }, method, dialect.opensearch);
  } catch (e) {
    out = toResponse(e, dialect.opensearch);
  }
  if (action?.kind === 'drop_after') {
    res.socket?.destroy();
    return;
  }
  writeEsResponse(res, out, fmt);
}

async function run(match: ReturnType<Router['match']>, esReq: EsRequest, method: string, opensearch: boolean): Promise<EsResponse> {
  // OpenSearch names the decoded path only (RestController.handleBadRequest: `new URI(uri).getPath()`).
  if (match.kind === 'not_found') return simple(400, `no handler found for uri [${opensearch ? esReq.path : esReq.uri}] and method [${method}]`, false);
  if (match.kind === 'method_not_allowed') {
    const r = simple(405, `Incorrect HTTP method for uri [${esReq.uri}] and method [${method}], allowed: [${match.allowed.join(', ')}]`);
    r.headers = { Allow: match.allowed.join(',') };
    return r;
  }
  const route = match.route;
  esReq.pathParams = match.pathParams;
  esReq.route = route.path;
  if (esReq.body.length > 0) {
    const ct = contentTypeOf(esReq);
    const mt = parseMediaType(ct);
    if (!mt || !isAcceptedContentType(mt, route.api === 'bulk', opensearch)) {
      return simple(406, ct ? `Content-Type header [${ct}] is not supported` : 'Content-Type header is missing');
    }
  }
  const accepted = API_PARAMS[route.api] ?? [];
  const unknown = [...esReq.query.keys()].filter((k) => !accepted.includes(k) && !COMMON_PARAMS.includes(k) && !(k === 'format' && route.api.startsWith('cat.')));
  if (unknown.length) {
    throw unrecognizedParamsError(esReq.path, unknown, [...accepted, ...COMMON_PARAMS, ...Object.keys(match.pathParams)]);
  }
  // OpenSearch ignores a body the API does not read.
  if (!opensearch && route.body === 'none' && esReq.body.length > 0 && !esReq.query.has('source')) {
    throw new EsError(400, 'illegal_argument_exception', `request [${method} ${esReq.path}] does not support having a body`);
  }
  return route.handler(esReq);
}

function contentTypeOf(r: EsRequest): string | undefined {
  const v = r.headers['content-type'];
  return Array.isArray(v) ? v[0] : v;
}

function toResponse(e: unknown, opensearch: boolean): EsResponse {
  // OpenSearch, like Elasticsearch 7, also gives "all shards failed" the first shard's cause.
  if (opensearch && e instanceof AllShardsFailed) return { status: e.status, body: e.withFirstCause().toBody() };
  if (e instanceof EsError) return { status: e.status, body: e.toBody() };
  const err = e as Error;
  const cause = new EsError(500, 'exception', `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`);
  return { status: 500, body: cause.toBody() };
}

function writeFault(res: ServerResponse, kind: string, fault: Parameters<typeof faultErrorBody>[0], fmt: ResponseFormat): void {
  if (kind === 'error') {
    const { status, body } = faultErrorBody(fault);
    writeEsResponse(res, { status, body }, fmt);
    return;
  }
  if (kind === 'html') {
    const status = fault.status ?? 502;
    const html = `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
    res.end(html);
    return;
  }
  const text = kind === 'malformed' ? '{"_index":"movies","_id":"1","_ver' : '';
  const product = fmt.productHeader === undefined ? {} : { 'x-elastic-product': fmt.productHeader };
  res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...product, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
