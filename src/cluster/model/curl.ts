import * as l10n from '@vscode/l10n';
import { wellFormed, type DocumentAddress } from './documentAddress';
import type { VersionToken } from './versionToken';

/**
 * The `curl` lines that do what the extension does, for users who move between the editor and
 * scripts. They are quoted for a POSIX shell (bash, zsh, sh), not for cmd.exe or PowerShell.
 * Credentials never appear: a URL's user info is replaced by a placeholder.
 */

/** What to tell the user once a line is copied (a function: the bundle is configured at activation, after modules load). */
export function curlCopiedMessage(): string {
  return l10n.t('Copied the curl command, quoted for a POSIX shell (bash, zsh), to the clipboard.');
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The node's URL joined to a path, any user info of it replaced by a placeholder. */
function urlWithPath(baseUrl: string, pathAndQuery: string): string {
  const url = new URL(baseUrl);
  const hadCredentials = url.username !== '' || url.password !== '';
  url.username = '';
  url.password = '';
  const full = `${url.toString().replace(/\/$/, '')}${pathAndQuery}`;
  return hadCredentials ? full.replace('://', '://USER:PASSWORD@') : full;
}

// A lone surrogate, which no URL can carry, is written as U+FFFD rather than throwing a URIError.
function documentUrl(baseUrl: string, address: DocumentAddress, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, routing: address.routing })) if (value !== undefined) params.set(key, wellFormed(String(value)));
  const search = params.toString();
  const path = `/${encodeURIComponent(wellFormed(address.index))}/_doc/${encodeURIComponent(wellFormed(address.id))}`;
  return urlWithPath(baseUrl, `${path}${search ? `?${search}` : ''}`);
}

export function curlGet(baseUrl: string, address: DocumentAddress): string {
  return `curl -X GET ${shellQuote(documentUrl(baseUrl, address, { pretty: undefined }))}`;
}

export function curlConditionalPut(baseUrl: string, address: DocumentAddress, token: VersionToken, body: string): string {
  const url = documentUrl(baseUrl, address, { if_seq_no: token.seqNo, if_primary_term: token.primaryTerm });
  return `curl -X PUT ${shellQuote(url)} -H 'Content-Type: application/json' --data-raw ${shellQuote(body)}`;
}

/**
 * Any request, as a console sends it: the path and query string as given (already encoded), the
 * body exactly as it would be sent (`--data-binary` keeps an NDJSON body's newlines).
 */
export function curlRequest(baseUrl: string, method: string, pathAndQuery: string, body: string | undefined, ndjson: boolean): string {
  const head = `curl -X ${method} ${shellQuote(urlWithPath(baseUrl, pathAndQuery))}`;
  if (body === undefined) return head;
  return `${head} -H ${shellQuote(`Content-Type: ${ndjson ? 'application/x-ndjson' : 'application/json'}`)} --data-binary ${shellQuote(body)}`;
}
