import * as l10n from '@vscode/l10n';
import { engineLabel, type ClusterIdentity } from '../../cluster/model/clusterEngine';
import { describeTarget, hasStoredSecret, secretLabel, type ConnectionConfig } from '../../cluster/model/connectionConfig';
import { cloudIdUrl, stripUserInfo } from '../../cluster/model/connectionUrl';

/** How a connection is shown: its tooltip, its warnings, and the context value its menus match. */

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A warning when the connection would send its credentials in clear text over the network: a
 * plain `http://` URL to a host other than this machine, with authentication. Undefined otherwise.
 */
export function plainHttpRisk(config: ConnectionConfig): string | undefined {
  // An AWS signature carries no secret; only a stored one would travel in clear text.
  if (!hasStoredSecret(config.auth) || config.cloudId) return undefined;
  const exposed = config.urls.flatMap((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' && !isLoopback(url.hostname) ? [url.host] : [];
    } catch {
      return [];
    }
  });
  if (exposed.length === 0) return undefined;
  return l10n.t({
    message: '"{0}" sends its {1} over plain http to {2}: anyone on the network path can read it. Use an https:// URL.',
    args: [config.name, secretLabel(config.auth), exposed.join(', ')],
    comment: ['{0} is the connection name, {1} "password", "API key" or "bearer token", {2} host names'],
  });
}

function authenticationText(config: ConnectionConfig): string {
  if (config.auth === 'basic') return config.username ? l10n.t('username and password ({0})', config.username) : l10n.t('username and password');
  if (config.auth === 'aws') {
    const aws = config.aws;
    return aws ? `AWS SigV4 (${aws.service}, ${aws.region}, ${aws.profile ? l10n.t('profile {0}', aws.profile) : l10n.t('the default AWS credentials')})` : 'AWS SigV4';
  }
  return config.auth === 'none' ? l10n.t({ message: 'none', comment: ['no authentication'] }) : secretLabel(config.auth);
}

function certificateText(config: ConnectionConfig): string | undefined {
  if (config.tls.insecure) return l10n.t('The certificate is not verified.');
  if (config.tls.caFile) return l10n.t('Certificate verified with the CA file {0}', config.tls.caFile);
  if (config.tls.caFingerprint) return l10n.t('Certificate verified with the CA\'s SHA-256 fingerprint');
  return undefined;
}

/** A connection's tooltip: where it points, which cluster answered there (when known), how it authenticates. */
export function connectionTooltip(config: ConnectionConfig, cluster?: ClusterIdentity): string {
  const cloudUrl = config.cloudId ? cloudIdUrl(config.cloudId) : undefined;
  const target = config.cloudId ? `${describeTarget(config)}${cloudUrl ? ` (${cloudUrl})` : ''}` : config.urls.map(stripUserInfo).join('\n');
  const lines = [
    target,
    cluster ? l10n.t('Cluster "{0}", {1}', cluster.clusterName, engineLabel(cluster)) : l10n.t('Not connected yet.'),
    l10n.t('Authentication: {0}', authenticationText(config)),
    certificateText(config),
    config.readOnly ? l10n.t('Read-only: documents cannot be saved, updated or deleted, and consoles send only reads.') : undefined,
    plainHttpRisk(config),
  ];
  return lines.filter((line): line is string => line !== undefined).join('\n');
}

/**
 * The tree item's `contextValue`: `connection-{settings|added}-{auth|noauth|aws}`. The menus of
 * package.json match it (Remove: added only; Update Credentials: with a stored secret only).
 */
export function connectionContextValue(config: ConnectionConfig): string {
  return `connection-${config.origin}-${config.auth === 'aws' ? 'aws' : config.auth === 'none' ? 'noauth' : 'auth'}`;
}

/** The row's description: the engine and version once the cluster answered, where it points until then. */
export function connectionDescription(config: ConnectionConfig, cluster?: ClusterIdentity): string {
  const where = cluster ? `${engineLabel(cluster)} · ${describeTarget(config)}` : describeTarget(config);
  return config.readOnly ? `${where} · ${l10n.t('read-only')}` : where;
}
