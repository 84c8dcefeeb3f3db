// Authentication of REST requests the way Elasticsearch's AuthenticatorChain does it: the
// Authorization header is tried as a bearer token, then an API key, then Basic credentials for the
// realms; anything else counts as no credentials. Schemes match case-insensitively, as in ES.
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { EsError } from '../errors';
import { failedCredentials, failedUser, invalidBasicHeader, missingCredentials } from './auth-errors';

export interface BasicUser {
  username: string;
  password: string;
  /** Default ['superuser'], like the built-in `elastic` user. */
  roles?: string[];
}

export interface ApiKeyCredential {
  id: string;
  /** The secret (`api_key` in the create-API-key response). */
  key: string;
  name?: string;
  /** Owner reported by _security/_authenticate (default `elastic`). */
  username?: string;
}

export interface AuthOptions {
  basic?: BasicUser[];
  apiKeys?: ApiKeyCredential[];
  bearerTokens?: string[];
}

/** The authenticated identity, shaped for GET /_security/_authenticate. */
export interface AuthenticatedUser {
  username: string;
  roles: string[];
  realm: { name: string; type: string };
  authenticationType: 'realm' | 'api_key' | 'token';
  apiKey?: { id: string; name: string | null };
}

export type AuthResult = { ok: true; user: AuthenticatedUser } | { ok: false; error: EsError };

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The built-in `elastic` user lives in the reserved realm; other users in the default file realm. */
const realmOf = (username: string): AuthenticatedUser['realm'] =>
  username === 'elastic' ? { name: 'reserved', type: 'reserved' } : { name: 'default_file', type: 'file' };

/** `Scheme value` with the scheme matched case-insensitively and a non-empty value, else undefined. */
function credentialsFor(header: string, scheme: string): string | undefined {
  const prefix = `${scheme} `;
  if (header.length <= prefix.length || header.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return undefined;
  return header.slice(prefix.length).trim();
}

function authenticateBearer(token: string, auth: AuthOptions, version: string): AuthResult {
  if ((auth.bearerTokens ?? []).some((t) => same(t, token))) {
    return { ok: true, user: { username: 'elastic', roles: ['superuser'], realm: realmOf('elastic'), authenticationType: 'token' } };
  }
  // OAuth2TokenAuthenticator (name "oauth2 token") reports an unknown token as "invalid token".
  return { ok: false, error: failedCredentials(['oauth2 token: invalid token'], version) };
}

function authenticateApiKey(encoded: string, auth: AuthOptions, version: string): AuthResult {
  // ApiKeyService.parseApiKey: base64(id:key), the id must be non-empty.
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return { ok: false, error: failedCredentials(['API key: invalid ApiKey value'], version) };
  const id = decoded.slice(0, colon);
  const found = (auth.apiKeys ?? []).find((k) => k.id === id);
  if (!found) return { ok: false, error: failedCredentials([`API key: unable to find apikey with id ${id}`], version) };
  if (!same(found.key, decoded.slice(colon + 1))) {
    return { ok: false, error: failedCredentials([`API key: invalid credentials for API key [${id}]`], version) };
  }
  const username = found.username ?? 'elastic';
  return {
    ok: true,
    user: { username, roles: [], realm: { name: '_es_api_key', type: '_es_api_key' }, authenticationType: 'api_key', apiKey: { id, name: found.name ?? null } },
  };
}

function authenticateBasic(encoded: string, auth: AuthOptions, uri: string, version: string): AuthResult {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return { ok: false, error: invalidBasicHeader(version) };
  const username = decoded.slice(0, colon);
  const user = (auth.basic ?? []).find((u) => u.username === username);
  if (!user || !same(user.password, decoded.slice(colon + 1))) return { ok: false, error: failedUser(username, uri, version) };
  return { ok: true, user: { username, roles: user.roles ?? ['superuser'], realm: realmOf(username), authenticationType: 'realm' } };
}

/** `uri` is the path and query string as sent, which Elasticsearch quotes in its error reasons. */
export function authenticate(headers: IncomingHttpHeaders, uri: string, auth: AuthOptions, version: string): AuthResult {
  const header = headers.authorization ?? '';
  const bearer = credentialsFor(header, 'Bearer');
  if (bearer !== undefined) return authenticateBearer(bearer, auth, version);
  const apiKey = credentialsFor(header, 'ApiKey');
  if (apiKey !== undefined) return authenticateApiKey(apiKey, auth, version);
  const basic = credentialsFor(header, 'Basic');
  if (basic !== undefined) return authenticateBasic(basic, auth, uri, version);
  return { ok: false, error: missingCredentials(uri, version) };
}

