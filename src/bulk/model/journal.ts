import { randomUUID } from 'node:crypto';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { compactJsonText } from '../../json/jsonText';
import type { VersionToken } from '../../cluster/model/versionToken';
import type { Change } from './changeKinds';

/**
 * A change set's journal: NDJSON, one line per fact, appended and flushed before the write it
 * describes goes out. The header says what the change set is; a `before` line holds a document's
 * exact prior source (spliced in as its own text, never re-encoded) and the version it was changed
 * from; an `after` line what the cluster answered for it. A crash leaves `before` lines without
 * `after`: those documents' outcome is unknown, and undo checks them before touching anything.
 */

export interface ChangeSetHeader {
  readonly type: 'changeSet';
  readonly id: string;
  readonly description: string;
  readonly time: string;
  readonly connection: string;
  readonly index: string;
  readonly query: string;
  readonly change?: Change;
  /** The change set this one undoes. */
  readonly undoes?: string;
}

export interface DocumentRef {
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
}

export interface BeforeLine extends DocumentRef {
  readonly token: VersionToken;
  readonly sourceText: string;
}

export interface AfterLine extends DocumentRef {
  readonly status: number;
  readonly token?: VersionToken;
  readonly reason?: string;
  /** Acknowledged without a write (a script that left the document as it was): nothing to undo. */
  readonly noop?: boolean;
}

export interface EndLine {
  readonly changed: number;
  readonly unchanged: number;
  readonly conflicts: number;
  readonly refused: number;
  readonly cancelled?: boolean;
}

/** A new change set's id: its time (to the second) and a random part, so that journals list in time order. */
export function newChangeSetId(): string {
  return `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
}

export function headerLine(header: ChangeSetHeader): string {
  return `${JSON.stringify(header)}\n`;
}

function ref(doc: DocumentRef): string {
  return `"index":${JSON.stringify(doc.index)},"id":${JSON.stringify(doc.id)}${doc.routing === undefined ? '' : `,"routing":${JSON.stringify(doc.routing)}`}`;
}

export function beforeLine(doc: BeforeLine): string {
  return `{"type":"before",${ref(doc)},"seqNo":${doc.token.seqNo},"primaryTerm":${doc.token.primaryTerm},"version":${doc.token.version},"source":${compactJsonText(doc.sourceText)}}\n`;
}

export function afterLine(doc: AfterLine): string {
  const token = doc.token ? `,"seqNo":${doc.token.seqNo},"primaryTerm":${doc.token.primaryTerm},"version":${doc.token.version}` : '';
  return `{"type":"after",${ref(doc)},"status":${doc.status}${token}${doc.reason === undefined ? '' : `,"reason":${JSON.stringify(doc.reason)}`}${doc.noop ? ',"noop":true' : ''}}\n`;
}

export function endLine(end: EndLine): string {
  return `${JSON.stringify({ type: 'end', ...end })}\n`;
}

export type JournalLine =
  | ChangeSetHeader
  | ({ readonly type: 'before' } & BeforeLine)
  | ({ readonly type: 'after' } & AfterLine)
  | ({ readonly type: 'end' } & EndLine);

/** One line of a journal, its `source` as the exact text written; undefined for a line cut short by a crash. */
export function readJournalLine(line: string): JournalLine | undefined {
  const root = parseTree(line);
  if (root?.type !== 'object') return undefined;
  const value = (name: string): unknown => findNodeAtLocation(root, [name])?.value;
  const type = value('type');
  if (type === 'changeSet') return JSON.parse(line) as ChangeSetHeader;
  if (type === 'end') return JSON.parse(line) as JournalLine;
  const doc = { index: String(value('index')), id: String(value('id')), ...(typeof value('routing') === 'string' ? { routing: value('routing') as string } : {}) };
  const token = typeof value('seqNo') === 'number' ? { seqNo: value('seqNo') as number, primaryTerm: value('primaryTerm') as number, version: (value('version') as number) ?? 0 } : undefined;
  if (type === 'before') {
    const source = findNodeAtLocation(root, ['source']);
    if (source === undefined || token === undefined) return undefined;
    return { type, ...doc, token, sourceText: line.slice(source.offset, source.offset + source.length) };
  }
  if (type === 'after') return { type, ...doc, status: Number(value('status')), ...(token ? { token } : {}), ...(typeof value('reason') === 'string' ? { reason: value('reason') as string } : {}), ...(value('noop') === true ? { noop: true } : {}) };
  return undefined;
}

export function docKey(doc: DocumentRef): string {
  return JSON.stringify([doc.index, doc.id, doc.routing ?? null]);
}

/** A write the journal says the cluster acknowledged: the exact prior source and the version the write left. */
export interface Acknowledged {
  readonly before: BeforeLine;
  readonly after: AfterLine;
}

/**
 * Reads a journal line by line, in order, holding only the writes sent and not yet answered (a
 * batch at most; after a crash, the batch in flight): undo streams a journal of any size in flat
 * memory. A document is acknowledged at most once in a change set (apply writes it once; re-apply
 * writes only documents whose write was in conflict), so each acknowledged write is one to undo.
 * A write refused, in conflict or a no-op changed nothing.
 */
export class JournalLines {
  header: ChangeSetHeader | undefined;
  end: EndLine | undefined;
  private readonly sent = new Map<string, BeforeLine>();

  /** The write this line acknowledges; undefined for any other line (and a line cut short by a crash). */
  read(line: string): Acknowledged | undefined {
    if (line.trim() === '') return undefined;
    const read = readJournalLine(line);
    if (read === undefined) return undefined;
    if (read.type === 'changeSet') this.header = read;
    else if (read.type === 'end') this.end = read;
    else if (read.type === 'before') this.sent.set(docKey(read), read);
    else {
      const key = docKey(read);
      const before = this.sent.get(key);
      this.sent.delete(key);
      if (before && read.status >= 200 && read.status < 300 && !read.noop) return { before, after: read };
    }
    return undefined;
  }

  /** The writes sent whose answer never came (a crash, a lost connection), with the version they were read at. */
  unanswered(): BeforeLine[] {
    return [...this.sent.values()];
  }
}
