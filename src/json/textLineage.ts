import { createHash } from 'node:crypto';

/**
 * Whether an editor's text still descends from the server version its token names.
 *
 * A token moves when the buffer takes the server's text (open, revert, reload). Undo can take the
 * buffer back past that point, to text written against an older version: saving it on the new
 * token would succeed and erase whatever changed on the server in between (a conflict → Revert →
 * Ctrl+Z → save is exactly that). So every text the buffer held since the server's text was taken
 * is remembered (as a digest), and an undo or redo that lands on a text outside that set marks the
 * buffer as of unknown lineage until the server's text is taken again or the user resolves it.
 */
export class TextLineage {
  private readonly seen = new Set<string>();
  private outside = false;

  constructor(baseText: string) {
    this.seen.add(digest(baseText));
  }

  /** The user typed (or an edit was applied): the new text descends from the current one. */
  edited(text: string): void {
    if (!this.outside) this.seen.add(digest(text));
  }

  /** Undo or redo brought back an earlier text: known only if it was held since the base was taken. */
  restored(text: string): void {
    this.outside = !this.seen.has(digest(text));
  }

  /** True while the text may predate the base version. */
  get unknown(): boolean {
    return this.outside;
  }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
