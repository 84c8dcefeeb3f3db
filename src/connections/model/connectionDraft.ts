import * as l10n from '@vscode/l10n';
import { normalizeSecret, secretBinding, type AuthMethod, type AwsSigning, type ConnectionConfig } from '../../cluster/model/connectionConfig';
import { splitCredentials, validateConnectionUrl } from '../../cluster/model/connectionUrl';

/**
 * The answers of Add Connection… and Edit Connection… as they are given, and what they become:
 * the target typed (URLs or a Cloud ID) read into its parts, the checks of each answer, the
 * connection saved, and the secret that goes with it. The questions themselves are in
 * src/connections/connectionWizard.ts.
 */

export interface AwsDraft {
  region: string;
  service: AwsSigning['service'];
  profile: string;
}

export interface ConnectionDraft {
  /** URLs separated by commas, or an Elastic Cloud ID. */
  target: string;
  name: string;
  auth: AuthMethod;
  username: string;
  /** The secret typed in this run of the wizard; empty when none was (a stored one may be kept). */
  secret: string;
  aws: AwsDraft;
  tls: ConnectionConfig['tls'];
  /** Only reads are sent to it. */
  readOnly: boolean;
}

/** How the cluster's certificate is trusted, as the wizard offers it. */
export type TlsChoice = 'system' | 'caFile' | 'fingerprint' | 'insecure';

/** The first answers: those of the connection being edited, or a local cluster's for a new one. */
export function draftOf(existing?: ConnectionConfig): ConnectionDraft {
  return {
    target: existing ? (existing.cloudId ?? existing.urls.join(', ')) : 'http://127.0.0.1:9200',
    name: existing?.name ?? '',
    auth: existing?.auth ?? 'none',
    username: existing?.username ?? '',
    secret: '',
    aws: { region: existing?.aws?.region ?? '', service: existing?.aws?.service ?? 'es', profile: existing?.aws?.profile ?? '' },
    tls: existing?.tls ?? {},
    readOnly: existing?.readOnly === true,
  };
}

/** Whether the target is a list of URLs (else it is a Cloud ID). */
export function isUrlList(target: string): boolean {
  return target.includes('://');
}

/** Why the typed target is refused, or undefined when it is a list of valid URLs or a Cloud ID. */
export function checkTarget(value: string): string | undefined {
  const target = value.trim();
  if (isUrlList(target)) return target.split(',').map((u) => validateConnectionUrl(u)).find(Boolean);
  return /^[^:]*:[A-Za-z0-9+/=]{8,}$/.test(target) ? undefined : l10n.t('Enter a URL such as https://127.0.0.1:9200, or an Elastic Cloud ID (name:base64)');
}

/** Why the name is refused: empty, or another connection's. */
export function checkName(value: string, taken: ReadonlySet<string>): string | undefined {
  const name = value.trim();
  return name === '' ? l10n.t('Enter a name') : taken.has(name) ? l10n.t('A connection of that name exists') : undefined;
}

/** Why a CA fingerprint is refused: it must be SHA-256, 64 hex digits with optional colons. */
export function checkFingerprint(value: string): string | undefined {
  return /^([0-9a-fA-F]{2}:?){32}$/.test(value.trim()) ? undefined : l10n.t('A SHA-256 fingerprint is 64 hex digits');
}

/** Why an AWS profile name is refused. */
export function checkAwsProfile(value: string): string | undefined {
  return /^[\w.+@-]*$/.test(value.trim()) ? undefined : l10n.t('A profile name as in ~/.aws/config');
}

/** The region and service an AWS endpoint names, e.g. `search-movies-abc.eu-west-1.es.amazonaws.com`. */
export function awsHintsFromUrl(url: string): Partial<Pick<AwsDraft, 'region' | 'service'>> {
  const match = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(es|aoss)\.amazonaws\.com(?::\d+)?(?:\/|$)/i.exec(url.trim());
  return match ? { region: match[1].toLowerCase(), service: match[2].toLowerCase() === 'aoss' ? 'aoss' : 'es' } : {};
}

/**
 * Takes the typed target into the draft. A `user:password@` in a URL becomes basic
 * authentication (and leaves the URL); an AWS endpoint suggests AWS signing for its region and
 * service; a draft without a name takes the first host's (or the Cloud ID's deployment name).
 */
export function acceptTarget(draft: ConnectionDraft, typed: string): void {
  draft.target = typed.trim();
  if (isUrlList(draft.target)) {
    const parts = draft.target.split(',').map((u) => splitCredentials(u));
    draft.target = parts.map((p) => p.url).join(', ');
    const withUser = parts.find((p) => p.username);
    if (withUser?.username) Object.assign(draft, { auth: 'basic', username: withUser.username, secret: withUser.password ?? draft.secret });
  }
  const hints = awsHintsFromUrl(draft.target.split(',')[0]);
  if (hints.region && !draft.aws.region) {
    Object.assign(draft.aws, hints);
    if (draft.auth === 'none') draft.auth = 'aws';
  }
  if (!draft.name) draft.name = isUrlList(draft.target) ? new URL(draft.target.split(',')[0].trim()).host : draft.target.split(':')[0];
}

/** Which trust choice the draft's TLS settings are. */
export function tlsChoiceOf(tls: ConnectionConfig['tls']): TlsChoice {
  return tls.insecure ? 'insecure' : tls.caFile ? 'caFile' : tls.caFingerprint ? 'fingerprint' : 'system';
}

/** The connection the answers describe; an edited connection keeps where it came from. */
export function configOf(draft: ConnectionDraft, existing?: ConnectionConfig): ConnectionConfig {
  const cloud = !isUrlList(draft.target);
  return {
    id: draft.name,
    name: draft.name,
    urls: cloud ? [] : draft.target.split(',').map((u) => u.trim()),
    ...(cloud ? { cloudId: draft.target } : {}),
    auth: draft.auth,
    ...(draft.auth === 'basic' ? { username: draft.username } : {}),
    ...(draft.auth === 'aws' ? { aws: { region: draft.aws.region, service: draft.aws.service, ...(draft.aws.profile ? { profile: draft.aws.profile } : {}) } } : {}),
    tls: draft.tls,
    ...(draft.readOnly ? { readOnly: true } : {}),
    origin: existing?.origin ?? 'added',
  };
}

/**
 * The secret that goes with `config`: the one typed (as it is stored, an API key encoded), else
 * the stored one of the connection being edited, but only for the same URL, user, method and
 * certificate trust: a stored secret is never sent anywhere else than where it was given for.
 */
export function secretOf(draft: ConnectionDraft, config: ConnectionConfig, existing?: { readonly config: ConnectionConfig; readonly secret?: string }): string | undefined {
  if (draft.secret) return normalizeSecret(config, draft.secret);
  if (existing?.secret === undefined) return undefined;
  return secretBinding({ ...config, id: '' }) === secretBinding({ ...existing.config, id: '' }) ? existing.secret : undefined;
}
