/** Why a typed cluster URL cannot be used, or undefined when it can. */
export function validateConnectionUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a URL such as http://127.0.0.1:9200';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The URL must start with http:// or https://';
  if (url.username || url.password) return 'Leave credentials out of the URL.';
  return undefined;
}
