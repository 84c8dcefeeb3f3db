import { setValueAt, valueTextAt } from '../../json/jsonPaths';
import { compactJsonText } from '../../json/jsonText';
import type { VersionToken } from '../../cluster/model/versionToken';
import type { RowState, StagedSummary } from './tableProtocol';

/**
 * A table's staged edits: per document, the source as it was read (text and version token) and
 * the value text of each edited field. Nothing here is sent: the text to send is the source with
 * only the edited values' text replaced, so what the user did not touch goes back byte for byte.
 * Every stage is a step that Undo takes back and Redo puts again.
 */

export interface RowSource {
  readonly key: string;
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
  readonly sourceText: string;
  readonly token: VersionToken;
}

export interface StagedRow {
  readonly source: RowSource;
  /** Field path → the value's JSON text, in the order first edited. */
  readonly edits: ReadonlyMap<string, string>;
  readonly state: Exclude<RowState, 'clean'>;
  readonly reason?: string;
}

interface MutableRow {
  source: RowSource;
  edits: Map<string, string>;
  state: Exclude<RowState, 'clean'>;
  reason?: string;
}

interface Step {
  readonly key: string;
  readonly path: string;
  /** The staged value before and after the step; undefined: not staged. */
  readonly before?: string;
  readonly after?: string;
  readonly source: RowSource;
}

/** What a rebase on the server's newer version found: the fields both sides changed differently. */
export interface Rebase {
  readonly conflicts: readonly string[];
}

export type Choice = 'yours' | 'server';

function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || compactJsonText(a) === compactJsonText(b);
}

export class StagedEdits {
  private readonly rows = new Map<string, MutableRow>();
  private done: Step[] = [];
  private undone: Step[] = [];

  /** Stages `valueText` at `path` of the document; staging its value as read unstages the field. Returns whether anything changed. */
  stage(source: RowSource, path: string, valueText: string): boolean {
    const row = this.rows.get(source.key);
    const base = row?.source ?? source;
    const before = row?.edits.get(path);
    const after = same(valueTextAt(base.sourceText, path), valueText) ? undefined : valueText;
    if (before === after) return false;
    this.set(base, path, after);
    this.done.push({ key: base.key, path, before, after, source: base });
    this.undone = [];
    return true;
  }

  /** Takes the last step back; the key of the row it changed. */
  undo(): string | undefined {
    const step = this.done.pop();
    if (step === undefined) return undefined;
    this.set(step.source, step.path, step.before);
    this.undone.push(step);
    return step.key;
  }

  redo(): string | undefined {
    const step = this.undone.pop();
    if (step === undefined) return undefined;
    this.set(step.source, step.path, step.after);
    this.done.push(step);
    return step.key;
  }

  row(key: string): StagedRow | undefined {
    return this.rows.get(key);
  }

  all(): StagedRow[] {
    return [...this.rows.values()];
  }

  get size(): number {
    return this.rows.size;
  }

  /** The text a save sends for the row: its source with the edited values spliced in. */
  textToSend(key: string): string | undefined {
    const row = this.rows.get(key);
    if (row === undefined) return undefined;
    let text = row.source.sourceText;
    for (const [path, value] of row.edits) text = setValueAt(text, path, value);
    return text;
  }

  /**
   * The row was written as `sent` (its text to send when the save began), at `saved`'s version.
   * It leaves the stage; a cell edited while the write was out stays staged, on the saved version.
   */
  saved(key: string, saved: RowSource, sent: string): void {
    const row = this.rows.get(key);
    if (row === undefined || this.textToSend(key) === sent) return this.settle(key);
    const edits = new Map([...row.edits].filter(([path, value]) => !same(valueTextAt(saved.sourceText, path), value)));
    this.settle(key);
    if (edits.size > 0) this.rows.set(key, { source: saved, edits, state: 'edited' });
  }

  /** The row was saved (or discarded): it and its steps leave the stage. */
  settle(key: string): void {
    this.rows.delete(key);
    this.done = this.done.filter((step) => step.key !== key);
    this.undone = this.undone.filter((step) => step.key !== key);
  }

  discard(keys?: readonly string[]): string[] {
    const gone = keys ?? [...this.rows.keys()];
    for (const key of gone) this.settle(key);
    return gone.filter((key) => key !== undefined);
  }

  mark(key: string, state: 'conflict' | 'failed' | 'edited', reason?: string): void {
    const row = this.rows.get(key);
    if (row === undefined) return;
    row.state = state;
    row.reason = reason;
  }

  /**
   * Moves the row's edits onto the server's newer version. A field the server left as it was
   * keeps the edit; a field the server changed to the edited value needs none; a field both
   * changed differently is a conflict, settled by `choices` (yours or the server's) or returned.
   * With conflicts left, the row stays as it was.
   */
  rebase(key: string, server: RowSource, choices: ReadonlyMap<string, Choice> = new Map()): Rebase {
    const row = this.rows.get(key);
    if (row === undefined) return { conflicts: [] };
    const edits = new Map<string, string>();
    const conflicts: string[] = [];
    for (const [path, yours] of row.edits) {
      const was = valueTextAt(row.source.sourceText, path);
      const now = valueTextAt(server.sourceText, path);
      if (same(now, yours)) continue;
      if (same(now, was) || choices.get(path) === 'yours') edits.set(path, yours);
      else if (choices.get(path) !== 'server') conflicts.push(path);
    }
    if (conflicts.length > 0) return { conflicts };
    this.done = this.done.filter((step) => step.key !== key);
    this.undone = this.undone.filter((step) => step.key !== key);
    if (edits.size === 0) this.rows.delete(key);
    else this.rows.set(key, { source: server, edits, state: 'edited' });
    return { conflicts: [] };
  }

  summary(): StagedSummary {
    const rows = this.all();
    return {
      documents: rows.length,
      conflicts: rows.filter((row) => row.state === 'conflict').length,
      failed: rows.filter((row) => row.state === 'failed').length,
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
    };
  }

  /** The stage as plain data, for the webview's state across a reload (the undo history is not kept). */
  snapshot(): unknown {
    return this.all().map((row) => ({ source: row.source, edits: [...row.edits], state: row.state, reason: row.reason }));
  }

  static restore(snapshot: unknown): StagedEdits {
    const staged = new StagedEdits();
    if (!Array.isArray(snapshot)) return staged;
    for (const entry of snapshot as Array<{ source?: RowSource; edits?: Array<[string, string]>; state?: MutableRow['state']; reason?: string }>) {
      const { source, edits } = entry;
      if (!source || typeof source.key !== 'string' || typeof source.sourceText !== 'string' || !Array.isArray(edits) || edits.length === 0) continue;
      staged.rows.set(source.key, { source, edits: new Map(edits), state: entry.state ?? 'edited', reason: entry.reason });
    }
    return staged;
  }

  private set(source: RowSource, path: string, value: string | undefined): void {
    let row = this.rows.get(source.key);
    if (value === undefined) {
      row?.edits.delete(path);
      if (row && row.edits.size === 0) this.rows.delete(source.key);
      return;
    }
    if (row === undefined) {
      row = { source, edits: new Map(), state: 'edited' };
      this.rows.set(source.key, row);
    }
    row.edits.set(path, value);
    if (row.state === 'failed') row.state = 'edited';
  }
}
