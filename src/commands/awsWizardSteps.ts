import type * as vscode from 'vscode';
import { checkAwsRegion, type AwsSigning } from '../core/connectionConfig';
import { BACK, type StepInfo, type StepUi } from './quickInput';

/**
 * The AWS (SigV4) questions of Add Connection…: region, service and profile. Nothing secret is
 * asked: the key pair comes from the standard AWS chain when a request is signed.
 */

export interface AwsDraft {
  region: string;
  service: AwsSigning['service'];
  profile: string;
}

type Outcome = 'next' | typeof BACK | undefined;

export interface AwsStep {
  readonly run: (info: StepInfo) => Promise<Outcome>;
}

const SERVICE_ITEMS: Array<vscode.QuickPickItem & { service: AwsSigning['service'] }> = [
  { label: 'Amazon OpenSearch Service', description: 'es', detail: 'A managed domain (OpenSearch or Elasticsearch)', service: 'es' },
  { label: 'Amazon OpenSearch Serverless', description: 'aoss', detail: 'A serverless collection', service: 'aoss' },
];

/** The region and service an AWS endpoint names, e.g. `search-movies-abc.eu-west-1.es.amazonaws.com`. */
export function awsHintsFromUrl(url: string): Partial<Pick<AwsDraft, 'region' | 'service'>> {
  const match = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(es|aoss)\.amazonaws\.com(?::\d+)?(?:\/|$)/i.exec(url.trim());
  return match ? { region: match[1].toLowerCase(), service: match[2].toLowerCase() === 'aoss' ? 'aoss' : 'es' } : {};
}

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
          validate: (v) => (/^[\w.+@-]*$/.test(v.trim()) ? undefined : 'A profile name as in ~/.aws/config'),
        });
        if (typeof value !== 'string') return value;
        draft.profile = value.trim();
        return 'next';
      },
    },
  ];
}
