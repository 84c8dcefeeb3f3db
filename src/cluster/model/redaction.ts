import type { Credentials } from './connectionConfig';

/**
 * Secrets never reach a log line or a message: Authorization headers, URL user info, and any
 * secret the extension knows of are replaced before text leaves the process's memory. The same
 * function serves the log and everything shown on screen.
 */

// `authorization: Basic x`, `"Authorization":"ApiKey x"`, `authorization=Bearer x`, and the header
// given as an array (`authorization: [ 'ApiKey x' ]`, raw headers `'Authorization', 'Basic x'`).
const AUTHORIZATION = /(authorization(?:["']?\s*[:=]\s*(?:\[\s*)?["']?|["']\s*,\s*["']))(basic|bearer|apikey)?\s*[^"',\s}\]]+/gi;
// Up to the last `@` before the host: a password may itself contain `@`.
const USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s?#"'<>]*@/gi;
// A SigV4 signature can be replayed for minutes; a session token is a credential.
const AWS_SIGNATURE = /\b((?:X-Amz-)?Signature=)[0-9a-f]{64}/gi;
const AWS_SESSION_TOKEN = /(x-amz-security-token(?:["']?\s*[:=]\s*(?:\[\s*)?["']?|["']\s*,\s*["']))[^"',\s}\]]+/gi;
/** Shorter values are too likely to be ordinary words to be replaced everywhere. */
const MIN_SECRET_LENGTH = 4;

export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text.replace(AUTHORIZATION, (_, prefix: string, scheme?: string) => `${prefix}${scheme ? `${scheme} ` : ''}[redacted]`);
  result = result.replace(USER_INFO, '$1[redacted]@');
  result = result.replace(AWS_SIGNATURE, '$1[redacted]').replace(AWS_SESSION_TOKEN, '$1[redacted]');
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of encodedForms(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  // Longest first, so that a secret inside another (a key inside `id:key`) does not break the longer one's match.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) result = result.split(form).join('[redacted]');
  return result;
}

/** The ways one value can appear in a text: as is, URL-encoded, JSON-escaped, base64. */
function encodedForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
  try {
    forms.push(encodeURIComponent(secret), encodeURI(secret));
  } catch {
    // A lone surrogate has no URL encoding, so it cannot appear in one either.
  }
  return forms;
}

/** Every value a text may reveal a credential by; `redact` also tries their encoded forms. */
export function secretForms(credentials: Credentials): string[] {
  if (credentials.method === 'basic') {
    const { username, password } = credentials;
    // base64 of `user:password` is what the Authorization header carries.
    return [password, `${username}:${password}`];
  }
  if (credentials.method === 'bearer') return [credentials.token];
  const given = credentials.apiKey;
  const decoded = given.includes(':') ? given : Buffer.from(given, 'base64').toString('utf8');
  const forms = [given, decoded, Buffer.from(decoded).toString('base64')];
  const colon = decoded.indexOf(':');
  // The id alone is not secret (Elasticsearch names it in its errors); the key after it is.
  if (colon > 0 && /^[\x20-\x7e]+$/.test(decoded)) forms.push(decoded.slice(colon + 1));
  return forms;
}
