import type { CodeServer } from './codeServer';

/**
 * The workbench URL for a code-server, opening its workspace folder. With a payload, the page asks
 * the smoke-test driver to load an extension from disk and run its tests; paths must be remote
 * URIs whose authority equals the page's host:port, or the workbench rejects them.
 */
export function workbenchUrl(server: CodeServer, payload?: Array<[string, string]>): string {
  const url = new URL(server.url);
  url.searchParams.set('folder', server.profile.workspace);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export function remoteUri(server: CodeServer, absolutePath: string): string {
  const authority = new URL(server.url).host;
  return `vscode-remote://${authority}${absolutePath.split('\\').join('/')}`;
}
