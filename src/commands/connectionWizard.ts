import * as vscode from 'vscode';
import { ClusterError, describeFailure } from '../core/clusterErrors';
import { secretLabel, type AuthMethod, type ConnectionConfig, type Credentials } from '../core/connectionConfig';
import { splitCredentials, validateConnectionUrl } from '../core/connectionUrl';
import { ClusterGateway } from '../elastic/clusterGateway';
import { readClusterInfo } from '../elastic/indexCatalog';
import { askChoice, askText, BACK } from './quickInput';

/** What the wizard produces: a connection and, when it needs one, its secret. */
export interface WizardResult {
  readonly config: ConnectionConfig;
  readonly secret?: string;
}

interface Draft {
  target: string;
  name: string;
  auth: AuthMethod;
  username: string;
  secret: string;
  tls: ConnectionConfig['tls'];
}

const AUTH_ITEMS: Array<vscode.QuickPickItem & { auth: AuthMethod }> = [
  { label: 'No authentication', auth: 'none' },
  { label: 'Username and password', description: 'basic', auth: 'basic' },
  { label: 'API key', description: 'id:key or the encoded form', auth: 'apiKey' },
  { label: 'Bearer token', auth: 'bearer' },
];

type TlsChoice = 'system' | 'caFile' | 'fingerprint' | 'insecure';
const TLS_ITEMS: Array<vscode.QuickPickItem & { tls: TlsChoice }> = [
  { label: 'Verify with the system\'s trusted CAs', tls: 'system' },
  { label: 'Verify with a CA certificate file…', description: 'PEM, e.g. http_ca.crt', tls: 'caFile' },
  { label: 'Verify with the CA\'s SHA-256 fingerprint…', tls: 'fingerprint' },
  { label: '$(warning) Don\'t verify the certificate', description: 'anyone on the network could read and change what is sent', tls: 'insecure' },
];

/**
 * Add Connection… and Edit Connection…: URL or Cloud ID, name, authentication, TLS, then a
 * test of the connection (`GET /`). Back goes one step back; the secret goes to SecretStorage.
 */
export async function runConnectionWizard(taken: Set<string>, requestTimeoutMs: number, existing?: ConnectionConfig): Promise<WizardResult | undefined> {
  const draft: Draft = {
    target: existing ? (existing.cloudId ?? existing.urls.join(', ')) : 'http://127.0.0.1:9200',
    name: existing?.name ?? '',
    auth: existing?.auth ?? 'none',
    username: existing?.username ?? '',
    secret: '',
    tls: existing?.tls ?? {},
  };
  const title = existing ? `Edit Connection ${existing.name}` : 'Add Elasticsearch Connection';
  const total = 6;
  const steps: Array<(step: number) => Promise<boolean | typeof BACK | undefined>> = [
    async (step) => {
      const value = await askText({ title, step, totalSteps: total }, { prompt: 'Cluster URL (several separated by commas) or Elastic Cloud ID', value: draft.target, validate: validateTarget });
      if (typeof value !== 'string') return value;
      draft.target = value.trim();
      if (isUrlList(draft.target)) {
        const parts = draft.target.split(',').map((u) => splitCredentials(u));
        draft.target = parts.map((p) => p.url).join(', ');
        const withUser = parts.find((p) => p.username);
        if (withUser?.username) Object.assign(draft, { auth: 'basic', username: withUser.username, secret: withUser.password ?? draft.secret });
      }
      if (!draft.name) draft.name = isUrlList(draft.target) ? new URL(draft.target.split(',')[0].trim()).host : draft.target.split(':')[0];
      return true;
    },
    async (step) => {
      const value = await askText({ title, step, totalSteps: total }, { prompt: 'A name for this connection', value: draft.name, validate: (v) => (v.trim() === '' ? 'Enter a name' : taken.has(v.trim()) ? 'A connection of that name exists' : undefined) });
      if (typeof value !== 'string') return value;
      draft.name = value.trim();
      return true;
    },
    async (step) => {
      const item = await askChoice({ title, step, totalSteps: total }, AUTH_ITEMS, 'Authentication', AUTH_ITEMS.find((i) => i.auth === draft.auth));
      if (item === BACK || item === undefined) return item;
      draft.auth = item.auth;
      return true;
    },
    async (step) => {
      if (draft.auth === 'none') return true;
      if (draft.auth === 'basic') {
        const user = await askText({ title, step, totalSteps: total }, { prompt: 'Username', value: draft.username, validate: (v) => (v === '' ? 'Enter the username' : undefined) });
        if (typeof user !== 'string') return user;
        draft.username = user;
      }
      const keep = existing && existing.auth === draft.auth ? ' (leave empty to keep the stored one)' : '';
      const secret = await askText({ title, step, totalSteps: total }, { prompt: `${secretLabel(draft.auth)}${keep}`, value: draft.secret, password: true, validate: (v) => (v === '' && !keep ? `Enter the ${secretLabel(draft.auth)}` : undefined) });
      if (typeof secret !== 'string') return secret;
      draft.secret = secret;
      return true;
    },
    async (step) => {
      if (isUrlList(draft.target) && !draft.target.includes('https://')) return true;
      const current = draft.tls.insecure ? 'insecure' : draft.tls.caFile ? 'caFile' : draft.tls.caFingerprint ? 'fingerprint' : 'system';
      const item = await askChoice({ title, step, totalSteps: total }, TLS_ITEMS, 'How to trust the cluster\'s certificate', TLS_ITEMS.find((i) => i.tls === current));
      if (item === BACK || item === undefined) return item;
      if (item.tls === 'caFile') {
        const files = await vscode.window.showOpenDialog({ title: 'CA certificate (PEM)', canSelectMany: false, filters: { 'PEM certificate': ['crt', 'pem', 'cer'], All: ['*'] } });
        if (!files?.[0]) return BACK;
        draft.tls = { caFile: files[0].fsPath };
      } else if (item.tls === 'fingerprint') {
        const value = await askText({ title, step, totalSteps: total }, { prompt: 'SHA-256 fingerprint of the CA (hex, colons optional)', value: draft.tls.caFingerprint, validate: (v) => (/^([0-9a-fA-F]{2}:?){32}$/.test(v.trim()) ? undefined : 'A SHA-256 fingerprint is 64 hex digits') });
        if (typeof value !== 'string') return value;
        draft.tls = { caFingerprint: value.trim() };
      } else {
        draft.tls = item.tls === 'insecure' ? { insecure: true } : {};
      }
      return true;
    },
    async (step) => {
      const config = toConfig(draft, existing);
      const tested = await testConnection(config, draft.secret ? credentialsOf(config, draft.secret) : undefined, requestTimeoutMs);
      const choice = await askChoice({ title, step, totalSteps: total }, [{ label: '$(check) Save' }, { label: '$(arrow-left) Change something' }], tested);
      if (choice === BACK || choice?.label.includes('Change')) return BACK;
      return choice === undefined ? undefined : true;
    },
  ];
  for (let index = 0; index < steps.length; ) {
    const outcome = await steps[index](index + 1);
    if (outcome === undefined) return undefined;
    index = outcome === BACK ? Math.max(0, index - 1) : index + 1;
  }
  const config = toConfig(draft, existing);
  return { config, ...(draft.secret ? { secret: normalizeSecret(config, draft.secret) } : {}) };
}

function isUrlList(target: string): boolean {
  return target.includes('://');
}

function validateTarget(value: string): string | undefined {
  const target = value.trim();
  if (isUrlList(target)) return target.split(',').map((u) => validateConnectionUrl(u)).find(Boolean);
  return /^[^:]*:[A-Za-z0-9+/=]{8,}$/.test(target) ? undefined : 'Enter a URL such as https://127.0.0.1:9200, or an Elastic Cloud ID (name:base64)';
}

function toConfig(draft: Draft, existing?: ConnectionConfig): ConnectionConfig {
  const cloud = !isUrlList(draft.target);
  return {
    id: draft.name,
    name: draft.name,
    urls: cloud ? [] : draft.target.split(',').map((u) => u.trim()),
    ...(cloud ? { cloudId: draft.target } : {}),
    auth: draft.auth,
    ...(draft.auth === 'basic' ? { username: draft.username } : {}),
    tls: draft.tls,
    origin: existing?.origin ?? 'added',
  };
}

function normalizeSecret(config: ConnectionConfig, secret: string): string {
  return config.auth === 'apiKey' && secret.includes(':') ? Buffer.from(secret).toString('base64') : secret;
}

function credentialsOf(config: ConnectionConfig, secret: string): Credentials | undefined {
  const value = normalizeSecret(config, secret);
  if (config.auth === 'basic') return { method: 'basic', username: config.username ?? '', password: value };
  if (config.auth === 'apiKey') return { method: 'apiKey', apiKey: value };
  return config.auth === 'bearer' ? { method: 'bearer', token: value } : undefined;
}

async function testConnection(config: ConnectionConfig, credentials: Credentials | undefined, requestTimeoutMs: number): Promise<string> {
  const gateway = new ClusterGateway({ connection: config, requestTimeoutMs }, { credentials: async () => credentials });
  try {
    const info = await readClusterInfo(gateway);
    return `Connected: cluster "${info.clusterName}", Elasticsearch ${info.version}`;
  } catch (error) {
    return error instanceof ClusterError ? describeFailure('Connecting', error.failure) : `Connecting failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await gateway.close();
  }
}
