import type * as vscode from 'vscode';
import { checkAwsRegion, type AwsSigning } from '../core/connectionConfig';
import { checkAwsProfile, type AwsDraft } from '../core/connectionDraft';
import { BACK, type StepInfo, type StepUi } from './quickInput';

/**
 * The AWS (SigV4) questions of Add Connection…: region, service and profile. Nothing secret is
 * asked: the key pair comes from the standard AWS chain when a request is signed.
 */

type Outcome = 'next' | typeof BACK | undefined;

export interface AwsStep {
  readonly run: (info: StepInfo) => Promise<Outcome>;
}

const SERVICE_ITEMS: Array<vscode.QuickPickItem & { service: AwsSigning['service'] }> = [
  { label: 'Amazon OpenSearch Service', description: 'es', detail: 'A managed domain (OpenSearch or Elasticsearch)', service: 'es' },
  { label: 'Amazon OpenSearch Serverless', description: 'aoss', detail: 'A serverless collection', service: 'aoss' },
];

export function awsSteps(ui: StepUi, draft: AwsDraft): AwsStep[] {
  return [
    {
      run: async (info) => {
        const value = await ui.text(info, { prompt: 'AWS region of the domain or collection', value: draft.region, placeholder: 'eu-west-1', validate: checkAwsRegion });
        if (typeof value !== 'string') return value;
        draft.region = value.trim();
        return 'next';
      },
    },
    {
      run: async (info) => {
        const item = await ui.choice(info, SERVICE_ITEMS, { placeholder: 'AWS service to sign for', active: SERVICE_ITEMS.find((i) => i.service === draft.service) });
        if (item === BACK || item === undefined) return item;
        draft.service = item.service;
        return 'next';
      },
    },
    {
      run: async (info) => {
        const value = await ui.text(info, {
          prompt: 'AWS profile (empty: the default chain — environment variables, ~/.aws/credentials and ~/.aws/config, SSO). No key is stored by the extension.',
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
