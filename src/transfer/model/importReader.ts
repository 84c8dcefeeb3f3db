import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { checkDocumentText, compactJsonText, describeProblem, topLevelMemberSpans, type Span } from '../../json/jsonText';

/** The three NDJSON forms an export writes; a JSON array is split into sources before it gets here. */
export type ImportForm = 'ndjson' | 'bulk' | 'tokens';

export interface ImportDocument {
  readonly kind: 'document';
  /** The 1-based line of the file the document's source is on. */
  readonly line: number;
  readonly id: string;
  /** The id was made from the file and the line (see `generatedId`), not read from it. */
  readonly generated: boolean;
  readonly routing?: string;
  /** From a tokens line: the version the document was exported at. */
  readonly token?: { readonly seqNo: number; readonly primaryTerm: number };
  /** The source, compact, every token as written in the file. */
  readonly source: string;
  /** The line(s) as they are in the file, for the report of what was not imported. */
  readonly original: string;
}

export interface ImportMalformed {
  readonly kind: 'malformed';
  readonly line: number;
  readonly reason: string;
  readonly original: string;
}

export type ImportItem = ImportDocument | ImportMalformed;

/**
 * The id of a document whose file gives none: the first 32 hex digits of the SHA-256 of the
 * file's name, the line number and the line's text. The same line of the same file always gets
 * the same id, so a line sent again (after a crash, or by Resume) meets its own document — which
 * create-only refuses — instead of being stored twice. The cluster never picks an id.
 */
export function generatedId(fileName: string, line: number, text: string): string {
  return createHash('sha256').update(`${fileName}\n${line}\n${text}`).digest('hex').slice(0, 32);
}

/** Which form a file is in, from its first line that holds something. */
export function detectForm(firstLine: string): ImportForm {
  const check = checkDocumentText(firstLine);
  if (!check.ok) return 'ndjson';
  const spans = topLevelMemberSpans(firstLine);
  if (spans.has('_source') && spans.has('_id')) return 'tokens';
  if (spans.size === 1) {
    const [[name, span]] = [...spans];
    if (BULK_ACTIONS.has(name) && firstLine[span.start] === '{') return 'bulk';
  }
  return 'ndjson';
}

const BULK_ACTIONS = new Set(['index', 'create', 'update', 'delete']);

/**
 * Reads an import file line by line, in one of the three forms, into documents and malformed
 * lines. Each source is checked as the editor checks a document (an object, valid JSON, no
 * duplicate keys) and kept as its exact text; nothing is parsed into values.
 */
export class ImportReader {
  private pendingAction: { line: number; text: string; id?: string; routing?: string; refuse?: string } | undefined;

  constructor(
    readonly form: ImportForm,
    private readonly fileName: string,
  ) {}

  /** One line of the file (1-based, without its newline); the items it completes. */
  line(line: number, text: string): ImportItem[] {
    if (text.trim() === '') return [];
    if (this.form === 'bulk') return this.bulkLine(line, text);
    const check = checkDocumentText(text);
    if (!check.ok) return [malformed(line, describeProblem(check), text)];
    if (this.form === 'ndjson') return [{ kind: 'document', line, id: generatedId(this.fileName, line, text), generated: true, source: compactJsonText(text), original: text }];
    return [this.tokensLine(line, text)];
  }

  /** The end of the file: an action line without its source is malformed. */
  end(): ImportItem[] {
    const pending = this.pendingAction;
    this.pendingAction = undefined;
    return pending ? [malformed(pending.line, l10n.t('an action line without the source line that should follow it'), pending.text)] : [];
  }

  private tokensLine(line: number, text: string): ImportItem {
    const spans = topLevelMemberSpans(text);
    const source = valueText(text, spans.get('_source'));
    const id = stringValue(text, spans.get('_id'));
    if (source === undefined || !source.startsWith('{')) return malformed(line, l10n.t('_source is not an object'), text);
    if (id === undefined || id === '') return malformed(line, l10n.t('_id is not a string'), text);
    const routing = stringValue(text, spans.get('_routing'));
    const seqNo = integerValue(text, spans.get('_seq_no'));
    const primaryTerm = integerValue(text, spans.get('_primary_term'));
    const token = seqNo !== undefined && primaryTerm !== undefined && seqNo >= 0 && primaryTerm >= 1 ? { seqNo, primaryTerm } : undefined;
    return { kind: 'document', line, id, generated: false, ...(routing === undefined ? {} : { routing }), ...(token ? { token } : {}), source: compactJsonText(source), original: text };
  }

  private bulkLine(line: number, text: string): ImportItem[] {
    const check = checkDocumentText(text);
    const pending = this.pendingAction;
    if (pending === undefined) {
      if (!check.ok) return [malformed(line, describeProblem(check), text)];
      const spans = topLevelMemberSpans(text);
      const [name, span] = spans.size === 1 ? [...spans][0] : ['', undefined];
      if (span === undefined || !BULK_ACTIONS.has(name) || text[span.start] !== '{') return [malformed(line, l10n.t('not a bulk action line: index or create, with the document on the next line'), text)];
      if (name === 'delete') return [malformed(line, l10n.t('a delete action: an import only adds documents'), text)];
      const action = text.slice(span.start, span.end);
      const inner = topLevelMemberSpans(action);
      const id = stringValue(action, inner.get('_id'));
      const routing = stringValue(action, inner.get('routing')) ?? stringValue(action, inner.get('_routing'));
      // An update's next line is its partial document: taken with it, and refused with it.
      const refuse = name === 'update' ? l10n.t('an update action: an import writes whole documents') : undefined;
      this.pendingAction = { line, text, ...(id === undefined ? {} : { id }), ...(routing === undefined ? {} : { routing }), ...(refuse ? { refuse } : {}) };
      return [];
    }
    this.pendingAction = undefined;
    const original = `${pending.text}\n${text}`;
    if (pending.refuse) return [malformed(pending.line, pending.refuse, original)];
    if (!check.ok) return [malformed(line, describeProblem(check), original)];
    const id = pending.id ?? generatedId(this.fileName, line, text);
    return [{ kind: 'document', line, id, generated: pending.id === undefined, ...(pending.routing === undefined ? {} : { routing: pending.routing }), source: compactJsonText(text), original }];
  }
}

function malformed(line: number, reason: string, original: string): ImportMalformed {
  return { kind: 'malformed', line, reason, original };
}

function valueText(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

function stringValue(text: string, span: Span | undefined): string | undefined {
  const value = valueText(text, span);
  return value?.startsWith('"') ? (JSON.parse(value) as string) : undefined;
}

function integerValue(text: string, span: Span | undefined): number | undefined {
  const value = valueText(text, span);
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}
