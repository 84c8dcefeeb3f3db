/**
 * Secrets never reach a log line or a message: Authorization headers, URL user info, and any
 * secret the extension knows of are replaced before text leaves the process's memory.
 */

const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer|apikey)?\s*[^"',\s}]+/gi;
const USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text.replace(AUTHORIZATION, (_, prefix: string, scheme?: string) => `${prefix}${scheme ? `${scheme} ` : ''}[redacted]`);
  result = result.replace(USER_INFO, '$1[redacted]@');
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
