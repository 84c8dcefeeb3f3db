import * as l10n from '@vscode/l10n';
import { cloudIdUrl, stripUserInfo } from './connectionUrl';

/**
 * What a connection is, without its secret. Settings and global state hold exactly this; the
 * password, API key or token lives in VS Code's SecretStorage only.
 */

export type AuthMethod = 'none' | 'basic' | 'apiKey' | 'bearer' | 'aws';

/** AWS Signature Version 4: the key pair comes from the standard AWS chain, never from the extension. */
export interface AwsSigning {
  readonly region: string;
  /** `es` for Amazon OpenSearch Service, `aoss` for OpenSearch Serverless. */
  readonly service: 'es' | 'aoss';
  /** A profile of `~/.aws/config` and `~/.aws/credentials`; the chain's default without one. */
  readonly profile?: string;
}

export interface TlsOptions {
  /** A PEM file of the CA that signed the cluster's certificate. */
  readonly caFile?: string;
  /** The SHA-256 fingerprint of that CA, in hex with or without colons. */
  readonly caFingerprint?: string;
  /** Skip certificate verification: allowed, but flagged wherever the connection shows. */
  readonly insecure?: boolean;
}

export interface ConnectionConfig {
  /** Unique and stable: it is part of every document URI of this connection. */
  readonly id: string;
  readonly name: string;
  /** One or several node URLs; empty when `cloudId` is used. */
  readonly urls: readonly string[];
  readonly cloudId?: string;
  readonly auth: AuthMethod;
  /** For basic authentication. */
  readonly username?: string;
  /** For `auth: 'aws'`. */
  readonly aws?: AwsSigning;
  readonly tls: TlsOptions;
  /** Only reads go out: the console refuses writes, the editors saves and deletes. */
  readonly readOnly?: boolean;
  readonly origin: 'settings' | 'added';
}

export type Credentials =
  | { readonly method: 'basic'; readonly username: string; readonly password: string }
  | { readonly method: 'apiKey'; readonly apiKey: string }
  | { readonly method: 'bearer'; readonly token: string };

/**
 * What the secret of a connection is bound to: asking again when this changes. How the certificate
 * is trusted is part of it: a secret given to a verified host must not follow a connection that
 * stopped verifying (or trusts another CA).
 */
export function secretBinding(config: ConnectionConfig): string {
  const { caFile, caFingerprint, insecure } = config.tls;
  return JSON.stringify([config.id, config.cloudId ?? config.urls, config.auth, config.username ?? null, caFile ?? null, caFingerprint ?? null, insecure === true]);
}

/** Where a connection points, for labels and messages: never with a URL's user info. */
export function describeTarget(config: ConnectionConfig): string {
  return config.cloudId ? l10n.t('Elastic Cloud {0}', config.cloudId.split(':')[0]) : config.urls.map(stripUserInfo).join(', ');
}

/** The credentials a stored (or typed) secret stands for; an API key typed as `id:key` is encoded as Elasticsearch expects. */
export function credentialsFor(config: ConnectionConfig, secret: string): Credentials | undefined {
  if (config.auth === 'basic') return { method: 'basic', username: config.username ?? '', password: secret };
  if (config.auth === 'apiKey') return { method: 'apiKey', apiKey: normalizeApiKey(secret) };
  return config.auth === 'bearer' ? { method: 'bearer', token: secret } : undefined;
}

/** An API key is stored in its encoded form: base64 of `id:key`. */
export function normalizeApiKey(secret: string): string {
  return secret.includes(':') ? Buffer.from(secret).toString('base64') : secret;
}

/** A secret as it is stored for the connection's method (an API key encoded, anything else as typed). */
export function normalizeSecret(config: ConnectionConfig, secret: string): string {
  return config.auth === 'apiKey' ? normalizeApiKey(secret) : secret;
}

export function secretLabel(method: AuthMethod): string {
  return method === 'basic' ? l10n.t('password') : method === 'apiKey' ? l10n.t('API key') : method === 'bearer' ? l10n.t('bearer token') : '';
}

/** Whether the extension keeps a secret for the connection: AWS signing takes its keys from the AWS chain. */
export function hasStoredSecret(method: AuthMethod): boolean {
  return method !== 'none' && method !== 'aws';
}

const AUTH_METHODS: readonly AuthMethod[] = ['none', 'basic', 'apiKey', 'bearer', 'aws'];
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The signing settings of an `auth: 'aws'` connection; undefined without a valid region. */
export function awsSigningFrom(value: Record<string, unknown>): AwsSigning | undefined {
  const region = typeof value.awsRegion === 'string' ? value.awsRegion.trim() : '';
  if (!AWS_REGION.test(region)) return undefined;
  const service = value.awsService === 'aoss' ? 'aoss' : 'es';
  const profile = typeof value.awsProfile === 'string' && value.awsProfile.trim() !== '' ? value.awsProfile.trim() : undefined;
  return { region, service, ...(profile ? { profile } : {}) };
}

/** Why an AWS region is refused, for input boxes; undefined when it is well formed. */
export function checkAwsRegion(region: string): string | undefined {
  return AWS_REGION.test(region.trim()) ? undefined : l10n.t('An AWS region such as eu-west-1 or us-gov-west-1');
}

/** Reads a connection as written in settings, tolerating omissions; undefined when unusable. */
export function connectionFromSetting(raw: unknown): ConnectionConfig | undefined {
  return readConnectionSetting(raw)?.config;
}

/**
 * Like `connectionFromSetting`, and says whether a URL carried `user:password@`. Those are
 * neither shown nor sent: settings are no place for a secret, and a folder's settings could
 * otherwise choose the credentials. The caller tells the user where secrets go.
 */
export function readConnectionSetting(raw: unknown): { config: ConnectionConfig; ignoredCredentials: boolean } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.name !== 'string' || value.name.trim() === '') return undefined;
  const written = (Array.isArray(value.url) ? value.url : [value.url]).filter((u): u is string => typeof u === 'string' && u !== '');
  const urls = written.map(stripUserInfo);
  const ignoredCredentials = urls.some((url, i) => url !== written[i]);
  const cloudId = typeof value.cloudId === 'string' && value.cloudId !== '' ? value.cloudId : undefined;
  if (urls.length === 0 && cloudId === undefined) return undefined;
  const aws = value.auth === 'aws' ? awsSigningFrom(value) : undefined;
  // Without a region nothing can be signed: the connection is kept, unsigned, and says so when refused.
  const auth = AUTH_METHODS.includes(value.auth as AuthMethod) && (value.auth !== 'aws' || aws) ? (value.auth as AuthMethod) : 'none';
  const config: ConnectionConfig = {
    id: value.name.trim(),
    name: value.name.trim(),
    urls,
    ...(cloudId ? { cloudId } : {}),
    auth,
    ...(typeof value.username === 'string' ? { username: value.username } : {}),
    ...(aws ? { aws } : {}),
    tls: {
      ...(typeof value.caFile === 'string' && value.caFile ? { caFile: value.caFile } : {}),
      ...(typeof value.caFingerprint === 'string' && value.caFingerprint ? { caFingerprint: value.caFingerprint } : {}),
      ...(value.tlsInsecure === true ? { insecure: true } : {}),
    },
    ...(value.readOnly === true ? { readOnly: true } : {}),
    origin: 'settings',
  };
  return { config, ignoredCredentials };
}

/** A connection as stored in global state or settings: the same shape, never a secret. */
export function connectionToSetting(config: ConnectionConfig): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.urls.length === 1 ? { url: config.urls[0] } : config.urls.length > 1 ? { url: [...config.urls] } : {}),
    ...(config.cloudId ? { cloudId: config.cloudId } : {}),
    ...(config.auth !== 'none' ? { auth: config.auth } : {}),
    ...(config.username ? { username: config.username } : {}),
    ...(config.aws ? { awsRegion: config.aws.region, awsService: config.aws.service, ...(config.aws.profile ? { awsProfile: config.aws.profile } : {}) } : {}),
    ...(config.tls.caFile ? { caFile: config.tls.caFile } : {}),
    ...(config.tls.caFingerprint ? { caFingerprint: config.tls.caFingerprint } : {}),
    ...(config.tls.insecure ? { tlsInsecure: true } : {}),
    ...(config.readOnly ? { readOnly: true } : {}),
  };
}

/** The URL requests of a connection go to first (its first node, or its Cloud ID resolved), without user info. */
export function baseUrlOf(config: ConnectionConfig): string | undefined {
  if (config.urls.length > 0) return stripUserInfo(config.urls[0]);
  return config.cloudId ? cloudIdUrl(config.cloudId) : undefined;
}
