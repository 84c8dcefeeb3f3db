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
  const source = signing.profile ? `profile "${signing.profile}"` : 'the default AWS credential chain (environment, ~/.aws files)';
  if (identity === undefined) return `no credentials could be read from ${source}`;
  const expired = identity.expiration && identity.expiration.getTime() <= now.getTime() ? `, expired ${identity.expiration.toISOString()}` : '';
  return `access key …${identity.accessKeyTail}${identity.temporary ? ` (temporary${expired})` : ''} from ${source}`;
}

/**
 * A refused signature (403) or an unreadable credential chain, with the identity used and how to
 * refresh it. Nothing is retried: the user refreshes, then acts.
 */
export function awsRejection(failure: ClusterFailure, signing: AwsSigning, identity: AwsIdentity | undefined): ClusterFailure {
  const refresh = signing.profile
    ? `Refresh it (e.g. \`aws sso login --profile ${signing.profile}\`, or new keys for that profile in ~/.aws/credentials)`
    : 'Refresh it (new keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, or `aws sso login`)';
  const reason = `${failure.reason.replace(/[.\s]+$/, '')}; signed for ${signing.service} in ${signing.region} with ${describeAwsIdentity(signing, identity)}. ${refresh}, then choose Reload AWS Credentials.`;
  return { ...failure, reason };
}
