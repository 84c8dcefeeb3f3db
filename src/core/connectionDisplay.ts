import { describeTarget, secretLabel, type ConnectionConfig } from './connectionConfig';
import { cloudIdUrl, stripUserInfo } from './connectionUrl';

/** How a connection is shown: its tooltip, its warnings, and the context value its menus match. */

/** What a successful `GET /` said, when the connection has been reached. */
export interface ClusterIdentity {
  readonly clusterName: string;
  readonly version: string;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A warning when the connection would send its credentials in clear text over the network: a
 * plain `http://` URL to a host other than this machine, with authentication. Undefined otherwise.
 */
export function plainHttpRisk(config: ConnectionConfig): string | undefined {
  if (config.auth === 'none' || config.cloudId) return undefined;
  const exposed = config.urls.flatMap((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' && !isLoopback(url.hostname) ? [url.host] : [];
    } catch {
      return [];
    }
  });
  if (exposed.length === 0) return undefined;
  return `"${config.name}" sends its ${secretLabel(config.auth)} over plain http to ${exposed.join(', ')}: anyone on the network path can read it. Use an https:// URL.`;
}

function authenticationText(config: ConnectionConfig): string {
  if (config.auth === 'basic') return `username and password${config.username ? ` (${config.username})` : ''}`;
  return config.auth === 'none' ? 'none' : secretLabel(config.auth);
}

function certificateText(config: ConnectionConfig): string | undefined {
  if (config.tls.insecure) return 'The certificate is not verified.';
  if (config.tls.caFile) return `Certificate verified with the CA file ${config.tls.caFile}`;
  if (config.tls.caFingerprint) return 'Certificate verified with the CA\'s SHA-256 fingerprint';
  return undefined;
}

/** A connection's tooltip: where it points, which cluster answered there (when known), how it authenticates. */
export function connectionTooltip(config: ConnectionConfig, cluster?: ClusterIdentity): string {
  const cloudUrl = config.cloudId ? cloudIdUrl(config.cloudId) : undefined;
  const target = config.cloudId ? `${describeTarget(config)}${cloudUrl ? ` (${cloudUrl})` : ''}` : config.urls.map(stripUserInfo).join('\n');
  const lines = [
    target,
    cluster ? `Cluster "${cluster.clusterName}", Elasticsearch ${cluster.version}` : 'Not connected yet.',
    `Authentication: ${authenticationText(config)}`,
    certificateText(config),
    plainHttpRisk(config),
  ];
  return lines.filter((line): line is string => line !== undefined).join('\n');
}

/**
 * The tree item's `contextValue`: `connection-{settings|added}-{auth|noauth}`. The menus of
 * package.json match it (Remove: added only; Update Credentials: with authentication only).
 */
export function connectionContextValue(config: ConnectionConfig): string {
  return `connection-${config.origin}-${config.auth === 'none' ? 'noauth' : 'auth'}`;
}
