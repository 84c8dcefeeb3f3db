import { ClusterError, describeFailure, type ClusterFailure } from '../core/clusterErrors';
import { redact } from '../core/redaction';

/**
 * Everything the extension shows on screen (notifications, tree rows, tooltips, file-system
 * errors) goes through here, with the same redaction as the log: Authorization headers, URL user
 * info, and every form of every secret this session has seen. A cluster's (or a proxy's) answer
 * may echo what it was sent.
 */
export class Redactor {
  constructor(private readonly secrets: () => Iterable<string>) {}

  /** Any text bound for the screen or the log. */
  text(text: string): string {
    return redact(text, this.secrets());
  }

  /** `describeFailure`, redacted. */
  failure(action: string, failure: ClusterFailure, write = false): string {
    return describeFailure(action, failure, write, this.secrets());
  }

  /** What to show for whatever an action threw: a cluster's failure, or another error's message. */
  error(action: string, error: unknown, write = false): string {
    if (error instanceof ClusterError) return this.failure(action, error.failure, write);
    return this.text(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
