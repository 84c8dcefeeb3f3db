import * as vscode from 'vscode';
import { checkAwsRegion, type AwsSigning } from '../cluster/model/connectionConfig';
import { checkAwsProfile, type AwsDraft } from './model/connectionDraft';
import { BACK, type StepInfo, type StepUi } from '../platform/quickInput';

/**
 * The AWS (SigV4) questions of Add Connection…: region, service and profile. Nothing secret is
 * asked: the key pair comes from the standard AWS chain when a request is signed.
 */

type Outcome = 'next' | typeof BACK | undefined;

export interface AwsStep {
  readonly run: (info: StepInfo) => Promise<Outcome>;
}

// Functions rather than constants: a translation is looked up when the wizard runs, not when the module loads.
function serviceItems(): Array<vscode.QuickPickItem & { service: AwsSigning['service'] }> {
  return [
    { label: 'Amazon OpenSearch Service', description: 'es', detail: vscode.l10n.t('A managed domain (OpenSearch or Elasticsearch)'), service: 'es' },
    { label: 'Amazon OpenSearch Serverless', description: 'aoss', detail: vscode.l10n.t('A serverless collection'), service: 'aoss' },
  ];
}

export function awsSteps(ui: StepUi, draft: AwsDraft): AwsStep[] {
  return [
    {
      run: async (info) => {
        const value = await ui.text(info, { prompt: vscode.l10n.t('AWS region of the domain or collection'), value: draft.region, placeholder: 'eu-west-1', validate: checkAwsRegion });
        if (typeof value !== 'string') return value;
        draft.region = value.trim();
        return 'next';
      },
    },
    {
      run: async (info) => {
        const items = serviceItems();
        const item = await ui.choice(info, items, { placeholder: vscode.l10n.t('AWS service to sign for'), active: items.find((i) => i.service === draft.service) });
        if (item === BACK || item === undefined) return item;
        draft.service = item.service;
        return 'next';
      },
    },
    {
      run: async (info) => {
        const value = await ui.text(info, {
          prompt: vscode.l10n.t('AWS profile (empty: the default chain — environment variables, ~/.aws/credentials and ~/.aws/config, SSO). No key is stored by the extension.'),
          value: draft.profile,
          placeholder: 'default',
          validate: checkAwsProfile,
        });
        if (typeof value !== 'string') return value;
        draft.profile = value.trim();
        return 'next';
      },
    },
  ];
}
