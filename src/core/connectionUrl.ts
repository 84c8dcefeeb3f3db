/** Why a typed cluster URL cannot be used, or undefined when it can. Credentials in it are allowed: they are split off. */
export function validateConnectionUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'Enter a URL such as http://127.0.0.1:9200';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The URL must start with http:// or https://';
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
