import * as vscode from 'vscode';
import { credentialsFor, hasStoredSecret, secretLabel, type AuthMethod, type ConnectionConfig, type Credentials } from '../cluster/model/connectionConfig';
import { acceptTarget, checkFingerprint, checkName, checkTarget, configOf, draftOf, isUrlList, secretOf, tlsChoiceOf, type TlsChoice } from './model/connectionDraft';
import { engineLabel } from '../cluster/model/clusterEngine';
import { plainHttpRisk } from './model/connectionDisplay';
import { secretForms } from '../cluster/model/redaction';
import type { Redactor } from './redactor';
import { ClusterGateway } from '../cluster/clusterGateway';
import { awsSteps } from './awsWizardSteps';
import { BACK, QUICK_INPUT, type StepInfo, type StepUi } from '../platform/quickInput';

/** What the wizard produces: a connection and, when it needs one, its secret. */
export interface WizardResult {
  readonly config: ConnectionConfig;
  /** The secret to store: the one typed, or the stored one kept for a connection whose target did not change. */
  readonly secret?: string;
}

export interface WizardOptions {
  /** Names other connections use. */
  readonly taken: ReadonlySet<string>;
  readonly requestTimeoutMs: number;
  readonly redactor: Redactor;
  /** The connection being edited, and its stored secret (undefined when none is stored). */
  readonly existing?: { readonly config: ConnectionConfig; readonly secret?: string };
  readonly ui?: StepUi;
  /** The connection test (`GET /`); replaced in tests that must not reach the host they name. */
  readonly test?: typeof testConnection;
}

/** A step moves on, starts over at the URL, goes back, shows itself again, or ends the wizard (undefined). */
type Outcome = 'next' | 'first' | 'again' | typeof BACK | undefined;

interface Step {
  /** False for a step that has nothing to ask given the answers so far: it is skipped both ways. */
  readonly applies: () => boolean;
  readonly run: (info: StepInfo) => Promise<Outcome>;
}

// Functions rather than constants: a translation is looked up when the wizard runs, not when the module loads.
const authItems = (): Array<vscode.QuickPickItem & { auth: AuthMethod }> => [
  { label: vscode.l10n.t('No authentication'), auth: 'none' },
  { label: vscode.l10n.t('Username and password'), description: 'basic', auth: 'basic' },
  { label: vscode.l10n.t('API key'), description: vscode.l10n.t('id:key or the encoded form'), auth: 'apiKey' },
  { label: vscode.l10n.t('Bearer token'), auth: 'bearer' },
  { label: 'AWS (SigV4)', description: vscode.l10n.t('Amazon OpenSearch Service or Serverless, keys from the AWS chain'), auth: 'aws' },
];

const tlsItems = (): Array<vscode.QuickPickItem & { tls: TlsChoice }> => [
  { label: vscode.l10n.t('Verify with the system\'s trusted CAs'), tls: 'system' },
  { label: vscode.l10n.t('Verify with a CA certificate file…'), description: vscode.l10n.t('PEM, e.g. http_ca.crt'), tls: 'caFile' },
  { label: vscode.l10n.t('Verify with the CA\'s SHA-256 fingerprint…'), tls: 'fingerprint' },
  { label: `$(warning) ${vscode.l10n.t('Don\'t verify the certificate')}`, description: vscode.l10n.t('anyone on the network could read and change what is sent'), tls: 'insecure' },
];

export const saveLabel = (): string => `$(check) ${vscode.l10n.t('Save')}`;
export const changeLabel = (): string => `$(arrow-left) ${vscode.l10n.t('Change something')}`;

/**
 * Add Connection… and Edit Connection…: URL or Cloud ID, name, authentication, TLS, then a
 * test of the connection (`GET /`). Steps with nothing to ask are skipped, forward and back;
 * Back goes to the last step that asked something. The secret goes to SecretStorage.
 */
export async function runConnectionWizard(options: WizardOptions): Promise<WizardResult | undefined> {
  const { taken, requestTimeoutMs, redactor, existing } = options;
  const ui = options.ui ?? QUICK_INPUT;
  const test = options.test ?? testConnection;
  const before = existing?.config;
  const draft = draftOf(before);
  const title = before ? vscode.l10n.t('Edit Connection {0}', before.name) : vscode.l10n.t('Add Elasticsearch Connection');

  const steps: Step[] = [
    {
      applies: () => true,
      run: async (info) => {
        const value = await ui.text(info, { prompt: vscode.l10n.t('Cluster URL (several separated by commas) or Elastic Cloud ID'), value: draft.target, validate: checkTarget });
        if (typeof value !== 'string') return value;
        acceptTarget(draft, value);
        return 'next';
      },
    },
    {
      applies: () => true,
      run: async (info) => {
        const value = await ui.text(info, { prompt: vscode.l10n.t('A name for this connection'), value: draft.name, validate: (v) => checkName(v, taken) });
        if (typeof value !== 'string') return value;
        draft.name = value.trim();
        return 'next';
      },
    },
    {
      applies: () => true,
      run: async (info) => {
        const items = authItems();
        const item = await ui.choice(info, items, { placeholder: vscode.l10n.t('Authentication'), active: items.find((i) => i.auth === draft.auth) });
        if (item === BACK || item === undefined) return item;
        draft.auth = item.auth;
        return 'next';
      },
    },
    {
      applies: () => draft.auth === 'basic',
      run: async (info) => {
        const user = await ui.text(info, { prompt: vscode.l10n.t('Username'), value: draft.username, validate: (v) => (v === '' ? vscode.l10n.t('Enter the username') : undefined) });
        if (typeof user !== 'string') return user;
        draft.username = user;
        return 'next';
      },
    },
    ...awsSteps(ui, draft.aws).map((step) => ({ applies: () => draft.auth === 'aws', run: step.run })),
    {
      applies: () => hasStoredSecret(draft.auth),
      run: async (info) => {
        const label = secretLabel(draft.auth);
        const keep = existing?.secret !== undefined && before?.auth === draft.auth;
        const prompt = keep ? vscode.l10n.t('{0} (leave empty to keep the stored one)', label) : label;
        const secret = await ui.text(info, { prompt, value: draft.secret, password: true, validate: (v) => (v === '' && !keep ? vscode.l10n.t('Enter the {0}', label) : undefined) });
        if (typeof secret !== 'string') return secret;
        draft.secret = secret;
        return 'next';
      },
    },
    {
      applies: () => !isUrlList(draft.target) || draft.target.includes('https://'),
      run: async (info) => {
        const current = tlsChoiceOf(draft.tls);
        const items = tlsItems();
        const item = await ui.choice(info, items, { placeholder: vscode.l10n.t('How to trust the cluster\'s certificate'), active: items.find((i) => i.tls === current) });
        if (item === BACK || item === undefined) return item;
        if (item.tls === 'caFile') {
          const file = await ui.file(vscode.l10n.t('CA certificate (PEM)'), { [vscode.l10n.t('PEM certificate')]: ['crt', 'pem', 'cer'], [vscode.l10n.t({ message: 'All', comment: ['file filter of the open dialog: every file'] })]: ['*'] });
          if (file === undefined) return 'again';
          draft.tls = { caFile: file };
        } else if (item.tls === 'fingerprint') {
          const value = await ui.text(info, { prompt: vscode.l10n.t('SHA-256 fingerprint of the CA (hex, colons optional)'), value: draft.tls.caFingerprint, validate: checkFingerprint });
          if (value === BACK) return 'again';
          if (value === undefined) return undefined;
          draft.tls = { caFingerprint: value.trim() };
        } else {
          draft.tls = item.tls === 'insecure' ? { insecure: true } : {};
        }
        return 'next';
      },
    },
    {
      applies: () => true,
      run: async (info) => {
        const config = configOf(draft, before);
        const secret = secretOf(draft, config, existing);
        const credentials = secret === undefined ? undefined : credentialsFor(config, secret);
        const tested =
          hasStoredSecret(config.auth) && credentials === undefined
            ? { ok: false, message: vscode.l10n.t('Enter the {0} again: the URL, user or certificate settings changed, and the stored one is sent only where it was given for.', secretLabel(config.auth)) }
            : await test(config, credentials, requestTimeoutMs, redactor);
        const risk = plainHttpRisk(config);
        const save = { label: tested.ok ? saveLabel() : `$(check) ${vscode.l10n.t('Save anyway')}` };
        const change = { label: changeLabel(), detail: vscode.l10n.t('Back to the URL, with every answer kept') };
        const readOnly = {
          label: draft.readOnly ? `$(lock) ${vscode.l10n.t('Read-only: on')}` : `$(unlock) ${vscode.l10n.t('Read-only: off')}`,
          detail: vscode.l10n.t('Read-only sends only reads: consoles refuse writes, documents cannot be saved, updated or deleted. Select to switch.'),
        };
        // After a failed test, Enter must not save.
        const items = tested.ok ? [save, readOnly, change] : [change, save, readOnly];
        const choice = await ui.choice(info, items, { placeholder: tested.ok ? vscode.l10n.t('Save the connection') : vscode.l10n.t('Change something, or save anyway'), prompt: risk ? `${tested.message} ⚠ ${risk}` : tested.message, active: items[0] });
        if (choice === BACK || choice === undefined) return choice;
        if (choice === readOnly) {
          draft.readOnly = !draft.readOnly;
          return 'again';
        }
        return choice === change ? 'first' : 'next';
      },
    },
  ];

  for (let index = 0; index < steps.length; ) {
    const applicable = steps.filter((s) => s.applies());
    const outcome = await steps[index].run({ title, step: applicable.indexOf(steps[index]) + 1, totalSteps: applicable.length });
    if (outcome === undefined) return undefined;
    if (outcome === 'first') index = 0;
    else if (outcome === BACK) index = Math.max(0, findIndexBefore(steps, index));
    else if (outcome === 'next') index = findIndexAfter(steps, index);
  }
  const config = configOf(draft, before);
  const secret = hasStoredSecret(config.auth) ? secretOf(draft, config, existing) : undefined;
  return { config, ...(secret ? { secret } : {}) };
}

function findIndexBefore(steps: readonly Step[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (steps[i].applies()) return i;
  return 0;
}

function findIndexAfter(steps: readonly Step[], index: number): number {
  for (let i = index + 1; i < steps.length; i++) if (steps[i].applies()) return i;
  return steps.length;
}

async function testConnection(config: ConnectionConfig, credentials: Credentials | undefined, requestTimeoutMs: number, redactor: Redactor): Promise<{ ok: boolean; message: string }> {
  const gateway = new ClusterGateway({ connection: config, requestTimeoutMs }, { credentials: async () => credentials });
  // A secret typed here is not stored yet, so the redactor does not know it: its forms are added.
  const screen = redactor.alsoHiding(credentials ? secretForms(credentials) : []);
  try {
    const info = await gateway.cluster();
    const message = info.clusterName
      ? vscode.l10n.t('Connected: cluster "{0}", {1}.', info.clusterName, engineLabel(info))
      : vscode.l10n.t('Connected: {0}.', engineLabel(info));
    return { ok: true, message: screen.text(message) };
  } catch (error) {
    return { ok: false, message: screen.error(vscode.l10n.t('Connecting'), error) };
  } finally {
    await gateway.close();
  }
}
