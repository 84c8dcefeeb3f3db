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

// A lone surrogate, which no URL can carry, is written as U+FFFD rather than throwing a URIError.
function documentUrl(baseUrl: string, address: DocumentAddress, query: Record<string, string | number | undefined>): string {
  const url = new URL(baseUrl);
  const hadCredentials = url.username !== '' || url.password !== '';
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/$/, '');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, routing: address.routing })) if (value !== undefined) params.set(key, wellFormed(String(value)));
  const search = params.toString();
  const path = `/${encodeURIComponent(wellFormed(address.index))}/_doc/${encodeURIComponent(wellFormed(address.id))}`;
  const full = `${base}${path}${search ? `?${search}` : ''}`;
  return hadCredentials ? full.replace('://', '://USER:PASSWORD@') : full;
}

export function curlGet(baseUrl: string, address: DocumentAddress): string {
  return `curl -X GET ${shellQuote(documentUrl(baseUrl, address, { pretty: undefined }))}`;
}

export function curlConditionalPut(baseUrl: string, address: DocumentAddress, token: VersionToken, body: string): string {
  const url = documentUrl(baseUrl, address, { if_seq_no: token.seqNo, if_primary_term: token.primaryTerm });
  return `curl -X PUT ${shellQuote(url)} -H 'Content-Type: application/json' --data-raw ${shellQuote(body)}`;
}
