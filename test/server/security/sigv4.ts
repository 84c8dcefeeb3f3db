// AWS Signature Version 4 verification, as Amazon OpenSearch Service (`es`) and OpenSearch
// Serverless (`aoss`) do it in front of the cluster: the canonical request (method, the path with
// each segment URI-encoded once more, the sorted query, the signed headers, the payload's SHA-256),
// the credential scope, the date window, and the answers AWS gives when any of it is wrong.
// Reference: "Create a canonical request for Signature Version 4" and "Signature Version 4 test
// suite" of the AWS documentation (IAM user guide, "Signing AWS API requests").
import type { IncomingHttpHeaders } from 'node:http';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SigV4Options {
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The clock (default: the real one); a signature more than 15 minutes from it is refused. */
  readonly now?: () => Date;
}

export interface SigV4Request {
  readonly method: string;
  /** The request target exactly as sent: path and query string. */
  readonly uri: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** AWS's refusal: status 403, `x-amzn-ErrorType`, and a body with only `message`. */
export interface SigV4Refusal {
  readonly status: 403;
  readonly errorType: string;
  readonly message: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** `REGION:SERVICE` with the key pair of this process's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). */
export function sigV4FromEnvironment(spec: string, env: NodeJS.ProcessEnv = process.env): SigV4Options {
  const match = /^([a-z]{2}(?:-[a-z]+)+-\d+):([a-z0-9-]+)$/.exec(spec.trim());
  if (!match) throw new Error(`--aws-sigv4 expects REGION:SERVICE, e.g. eu-west-1:es, not [${spec}]`);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('--aws-sigv4 needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment');
  return { region: match[1]!, service: match[2]!, accessKeyId, secretAccessKey };
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters, in upper-case hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return value;
  }
}

/** The canonical URI of a service other than S3: each segment of the path as sent, encoded once more. */
function canonicalPath(path: string): string {
  if (path === '' || path === '/') return '/';
  return path.split('/').map((segment) => uriEncode(segment)).join('/');
}

/** The query's parameters decoded, encoded again, sorted by name then value. */
function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    });
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The canonical request and what it is signed with; exported for the unit tests. */
export function canonicalRequest(request: SigV4Request, signedHeaders: readonly string[], payloadHash: string): string {
  const q = request.uri.indexOf('?');
  const path = q < 0 ? request.uri : request.uri.slice(0, q);
  const query = q < 0 ? '' : request.uri.slice(q + 1);
  const headers = signedHeaders.map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [request.method.toUpperCase(), canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** The signature of a request made at `amzDate` (`YYYYMMDDTHHMMSSZ`) for a credential scope. */
export function signatureOf(request: SigV4Request, options: SigV4Options, amzDate: string, signedHeaders: readonly string[], payloadHash: string): string {
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${options.region}/${options.service}/aws4_request`;
  const toSign = [ALGORITHM, amzDate, scope, sha256(canonicalRequest(request, signedHeaders, payloadHash))].join('\n');
  return createHmac('sha256', signingKey(options.secretAccessKey, date, options.region, options.service)).update(toSign, 'utf8').digest('hex');
}

const refuse = (errorType: string, message: string): SigV4Refusal => ({ status: 403, errorType, message });

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

const compactDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Undefined when the request is signed by the expected key pair for the region and service; AWS's refusal otherwise. */
export function verifySigV4(request: SigV4Request, options: SigV4Options): SigV4Refusal | undefined {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization.trim());
  if (!match) return refuse('IncompleteSignatureException', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.split(' ')[0]}`);
  const [, credential, signedList, signature] = match as unknown as [string, string, string, string];
  const [keyId, scopeDate, region, service, terminator] = credential.split('/');
  if (keyId !== options.accessKeyId) return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (terminator !== 'aws4_request' || region !== options.region) return refuse('InvalidSignatureException', `Credential should be scoped to a valid region. `);
  if (service !== options.service) return refuse('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'. `);
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) return refuse('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const when = parseAmzDate(amzDate);
  if (when === undefined || !signedHeaders.includes('x-amz-date')) return refuse('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (scopeDate !== amzDate.slice(0, 8)) return refuse('InvalidSignatureException', 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.');
  const now = (options.now ?? (() => new Date()))();
  if (Math.abs(now.getTime() - when.getTime()) > MAX_SKEW_MS) {
    const bound = new Date(now.getTime() + (when < now ? -MAX_SKEW_MS : MAX_SKEW_MS));
    const relation = when < now ? `earlier than ${compactDate(bound)} (${compactDate(now)} - 15 min.)` : `later than ${compactDate(bound)} (${compactDate(now)} + 15 min.)`;
    return refuse('InvalidSignatureException', `Signature expired: ${amzDate} is now ${relation}`);
  }
  const bodyHash = request.body.length === 0 ? EMPTY_SHA256 : sha256(request.body);
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  // The payload is always signed here: `UNSIGNED-PAYLOAD` is S3's, and would let a body be changed.
  if (declared !== undefined && declared !== bodyHash) {
    return refuse('InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const expected = signatureOf(request, options, amzDate, signedHeaders, declared ?? bodyHash);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

/** The answer for a refusal: AWS's body and headers (no `X-Elastic-Product`: the proxy answered). */
export function sigV4RefusalResponse(refusal: SigV4Refusal): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: refusal.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': refusal.errorType },
    body: JSON.stringify({ message: refusal.message }),
  };
}
