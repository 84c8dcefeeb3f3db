import * as l10n from '@vscode/l10n';

/** Why a typed cluster URL cannot be used, or undefined when it can. Credentials in it are allowed: they are split off. */
export function validateConnectionUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return l10n.t('Enter a URL such as http://127.0.0.1:9200');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return l10n.t('The URL must start with http:// or https://');
  return undefined;
}

/** A URL without its `user:password@`, and what was there: the password goes to SecretStorage, never to settings. */
export function splitCredentials(value: string): { url: string; username?: string; password?: string } {
  const url = new URL(value.trim());
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const clean = url.toString().replace(/\/$/, '');
  return { url: clean, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** A URL as it may be shown or used: never with user info. One that cannot be read keeps its text, user info blanked. */
export function stripUserInfo(value: string): string {
  try {
    const url = new URL(value.trim());
    if (url.username === '' && url.password === '') return value;
    return splitCredentials(value).url;
  } catch {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/\s?#]*@/i, '$1[redacted]@');
  }
}

/**
 * The https URL an Elastic Cloud ID stands for, as the Elasticsearch client resolves it:
 * `name:base64("domain[:port]$es_uuid$kibana_uuid")` → `https://es_uuid.domain[:port]`.
 */
export function cloudIdUrl(cloudId: string): string | undefined {
  const parts = cloudId.split(':');
  if (parts.length !== 2 || parts[1] === '') return undefined;
  const [domain, esId] = Buffer.from(parts[1], 'base64').toString('utf8').split('$');
  if (!domain || !esId) return undefined;
  try {
    return new URL(`https://${esId}.${domain}`).toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
