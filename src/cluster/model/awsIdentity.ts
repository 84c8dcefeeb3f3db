import * as l10n from '@vscode/l10n';
import type { ClusterFailure } from './clusterErrors';
import type { AwsSigning } from './connectionConfig';

/**
 * Which AWS identity signed a request, in words safe to show: the last four characters of the
 * access key id (AWS consoles show keys the same way) and the profile. The secret key and the
 * session token never leave the credentials object.
 */
export interface AwsIdentity {
  readonly accessKeyTail: string;
  /** Temporary credentials (SSO, an assumed role, a session) carry a session token and expire. */
  readonly temporary: boolean;
  readonly expiration?: Date;
}

export function awsIdentityOf(credentials: { accessKeyId: string; sessionToken?: string; expiration?: Date }): AwsIdentity {
  return {
    accessKeyTail: credentials.accessKeyId.slice(-4),
    temporary: typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '',
    ...(credentials.expiration ? { expiration: credentials.expiration } : {}),
  };
}

/** `access key …WXYZ (temporary, expired 10:02:11) from profile "dev"`. */
export function describeAwsIdentity(signing: AwsSigning, identity: AwsIdentity | undefined, now = new Date()): string {
  const source = signing.profile ? l10n.t('profile "{0}"', signing.profile) : l10n.t('the default AWS credential chain (environment, ~/.aws files)');
  if (identity === undefined) return l10n.t('no credentials could be read from {0}', source);
  const expired = identity.expiration && identity.expiration.getTime() <= now.getTime() ? identity.expiration.toISOString() : undefined;
  const temporary = identity.temporary ? ` ${expired ? l10n.t('(temporary, expired {0})', expired) : l10n.t('(temporary)')}` : '';
  return l10n.t({ message: 'access key …{0}{1} from {2}', args: [identity.accessKeyTail, temporary, source], comment: ['{0} is the last characters of the AWS access key, {1} empty or " (temporary)", {2} where it was read from'] });
}

/**
 * A refused signature (403) or an unreadable credential chain, with the identity used and how to
 * refresh it. Nothing is retried: the user refreshes, then acts.
 */
export function awsRejection(failure: ClusterFailure, signing: AwsSigning, identity: AwsIdentity | undefined): ClusterFailure {
  const refresh = signing.profile
    ? l10n.t('Refresh it (e.g. `aws sso login --profile {0}`, or new keys for that profile in ~/.aws/credentials)', signing.profile)
    : l10n.t('Refresh it (new keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, or `aws sso login`)');
  const reason = l10n.t({
    message: '{0}; signed for {1} in {2} with {3}. {4}, then choose Reload AWS Credentials.',
    args: [failure.reason.replace(/[.\s]+$/, ''), signing.service, signing.region, describeAwsIdentity(signing, identity), refresh],
    comment: ['{0} is the reason AWS gave, {1} the service (es or aoss), {2} the region, {3} the credentials used, {4} how to refresh them'],
  });
  return { ...failure, reason };
}
