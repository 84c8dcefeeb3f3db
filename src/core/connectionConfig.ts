/**
 * What a connection is, without its secret. Settings and global state hold exactly this; the
 * password, API key or token lives in VS Code's SecretStorage only.
 */

export type AuthMethod = 'none' | 'basic' | 'apiKey' | 'bearer';

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
  readonly tls: TlsOptions;
  readonly origin: 'settings' | 'added';
}

export type Credentials =
  | { readonly method: 'basic'; readonly username: string; readonly password: string }
  | { readonly method: 'apiKey'; readonly apiKey: string }
  | { readonly method: 'bearer'; readonly token: string };

/** What the secret of a connection is bound to: asking again when this changes. */
export function secretBinding(config: ConnectionConfig): string {
  return JSON.stringify([config.id, config.cloudId ?? config.urls, config.auth, config.username ?? null]);
}

/** Where a connection points, for labels and messages. */
export function describeTarget(config: ConnectionConfig): string {
  return config.cloudId ? `Elastic Cloud ${config.cloudId.split(':')[0]}` : config.urls.join(', ');
}

export function secretLabel(method: AuthMethod): string {
  return method === 'basic' ? 'password' : method === 'apiKey' ? 'API key' : method === 'bearer' ? 'bearer token' : '';
}

const AUTH_METHODS: readonly AuthMethod[] = ['none', 'basic', 'apiKey', 'bearer'];

/** Reads a connection as written in settings, tolerating omissions; undefined when unusable. */
export function connectionFromSetting(raw: unknown): ConnectionConfig | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.name !== 'string' || value.name.trim() === '') return undefined;
  const urls = (Array.isArray(value.url) ? value.url : [value.url]).filter((u): u is string => typeof u === 'string' && u !== '');
  const cloudId = typeof value.cloudId === 'string' && value.cloudId !== '' ? value.cloudId : undefined;
  if (urls.length === 0 && cloudId === undefined) return undefined;
  const auth = AUTH_METHODS.includes(value.auth as AuthMethod) ? (value.auth as AuthMethod) : 'none';
  return {
    id: value.name.trim(),
    name: value.name.trim(),
    urls,
    ...(cloudId ? { cloudId } : {}),
    auth,
    ...(typeof value.username === 'string' ? { username: value.username } : {}),
    tls: {
      ...(typeof value.caFile === 'string' && value.caFile ? { caFile: value.caFile } : {}),
      ...(typeof value.caFingerprint === 'string' && value.caFingerprint ? { caFingerprint: value.caFingerprint } : {}),
      ...(value.tlsInsecure === true ? { insecure: true } : {}),
    },
    origin: 'settings',
  };
}

/** A connection as stored in global state or settings: the same shape, never a secret. */
export function connectionToSetting(config: ConnectionConfig): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.urls.length === 1 ? { url: config.urls[0] } : config.urls.length > 1 ? { url: [...config.urls] } : {}),
    ...(config.cloudId ? { cloudId: config.cloudId } : {}),
    ...(config.auth !== 'none' ? { auth: config.auth } : {}),
    ...(config.username ? { username: config.username } : {}),
    ...(config.tls.caFile ? { caFile: config.tls.caFile } : {}),
    ...(config.tls.caFingerprint ? { caFingerprint: config.tls.caFingerprint } : {}),
    ...(config.tls.insecure ? { tlsInsecure: true } : {}),
  };
}
