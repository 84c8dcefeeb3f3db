import { describeError, describeFailure, type ClusterFailure, type ScreenText } from '../cluster/model/clusterErrors';
import { redact } from '../cluster/model/redaction';

/**
 * Everything the extension shows on screen (notifications, tree rows, tooltips, file-system
 * errors) goes through here, with the same redaction as the log: Authorization headers, URL user
 * info, and every form of every secret this session has seen. A cluster's (or a proxy's) answer
 * may echo what it was sent.
 */
export class Redactor implements ScreenText {
  constructor(private readonly secrets: () => Iterable<string>) {}

  /** Any text bound for the screen or the log. */
  text(text: string): string {
    return redact(text, this.secrets());
  }

  /** `describeFailure`, redacted. */
  failure(action: string, failure: ClusterFailure, write = false): string {
    return describeFailure(action, failure, write, this.secrets());
  }

  /** What to show for whatever an action threw (see `describeError`), redacted. */
  error(action: string, error: unknown, write = false): string {
    return describeError(action, error, write, this.secrets());
  }

  /** A redactor that also knows `secrets`, e.g. forms of a secret typed but not stored yet. */
  alsoHiding(secrets: Iterable<string>): Redactor {
    const extra = [...secrets];
    return new Redactor(() => [...this.secrets(), ...extra]);
  }
}
