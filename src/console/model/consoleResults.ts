import { STATUS_CODES } from 'node:http';
import { visit } from 'jsonc-parser';
import { indentJson } from '../../json/jsonScan';
import type { TableRequest } from './consoleTable';

/**
 * The results view's text: each answer under a status line (`// 200 OK · 12 ms · 3.4 KB`), its
 * body pretty-printed from its exact text (only whitespace between tokens changes: big integers,
 * `1.0` and key order stay), text answers (`_cat`) as they came. The documents in an answer
 * (`_search` hits, `_mget` docs, a `GET _doc`) are found with their place, for an Open link.
 */

export interface ConsoleAnswer {
  /** The request line as sent, e.g. `GET /movies/_search`. */
  readonly requestLine: string;
  /** The request's first line in its file (zero-based). */
  readonly line: number;
  readonly status: number;
  readonly elapsedMs: number;
  readonly bytes: number;
  readonly text: string;
  /** The answer's media type said JSON (or did not say, and the text is an object or an array). */
  readonly json: boolean;
  /** The table that shows what the request asked for, when it was a search or an ES|QL query that succeeded. */
  readonly table?: TableRequest;
}

export interface AnswerHit {
  /** Offset of the hit's `_id` value in the results text. */
  readonly offset: number;
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
}

export interface FormattedResults {
  readonly text: string;
  readonly hits: readonly AnswerHit[];
  /** Offset of each answer's status line. */
  readonly starts: readonly number[];
}

/** Answers above this size are shown without looking for hits in them. */
const MAX_HIT_SCAN = 8 * 1024 * 1024;

export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function statusLine(answer: Pick<ConsoleAnswer, 'status' | 'elapsedMs' | 'bytes'>): string {
  const reason = STATUS_CODES[answer.status] ?? '';
  return `${answer.status}${reason ? ` ${reason}` : ''} · ${Math.round(answer.elapsedMs)} ms · ${sizeLabel(answer.bytes)}`;
}

export function looksLikeJson(contentType: string | undefined, text: string): boolean {
  if (contentType !== undefined && contentType !== '') return /[/+]json\b/i.test(contentType);
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

export function formatResults(answers: readonly ConsoleAnswer[]): FormattedResults {
  let text = '';
  const hits: AnswerHit[] = [];
  const starts: number[] = [];
  for (const answer of answers) {
    if (text !== '') text += '\n';
    starts.push(text.length);
    text += `// ${answer.requestLine} → ${statusLine(answer)}\n`;
    if (answer.text === '') continue;
    const body = answer.json ? safeIndent(answer.text) : commentedText(answer.text);
    if (answer.json && body.length <= MAX_HIT_SCAN) hits.push(...findHits(body).map((hit) => ({ ...hit, offset: hit.offset + text.length })));
    text += body.endsWith('\n') ? body : `${body}\n`;
  }
  return { text, hits, starts };
}

/** An answer that says JSON but is not: shown as it came. */
function safeIndent(text: string): string {
  try {
    return indentJson(text);
  } catch {
    return text;
  }
}

/** A text answer inside a JSON-with-comments view: as it came, each line behind `// ` so nothing of it reads as JSON. */
function commentedText(text: string): string {
  return text.replace(/\n$/, '').split('\n').map((line) => `// ${line}`).join('\n');
}

/**
 * Objects with a string `_index` and `_id` that stand for a document that exists: a hit or a doc
 * with `_source`, `found: true`, or a write's answer with its `_seq_no` — not one that says the
 * document is gone (`found: false`, `result: deleted` or `not_found`).
 */
export function findHits(text: string): AnswerHit[] {
  interface Frame { index?: string; id?: string; idOffset?: number; routing?: string; document: boolean; gone?: boolean }
  const hits: AnswerHit[] = [];
  const stack: Frame[] = [];
  let key: string | undefined;
  visit(text, {
    onObjectBegin: () => {
      stack.push({ document: false });
      key = undefined;
    },
    onObjectEnd: () => {
      const frame = stack.pop();
      if (frame?.document && !frame.gone && frame.index !== undefined && frame.id !== undefined && frame.idOffset !== undefined) {
        hits.push({ offset: frame.idOffset, index: frame.index, id: frame.id, ...(frame.routing !== undefined ? { routing: frame.routing } : {}) });
      }
    },
    onObjectProperty: (property) => {
      key = property;
      if (property === '_source' && stack.length > 0) stack[stack.length - 1].document = true;
    },
    onLiteralValue: (value: unknown, offset) => {
      const frame = stack[stack.length - 1];
      if (!frame) return;
      if (key === '_index' && typeof value === 'string') frame.index = value;
      else if (key === '_id' && typeof value === 'string') [frame.id, frame.idOffset] = [value, offset];
      else if (key === '_routing' && typeof value === 'string') frame.routing = value;
      else if ((key === 'found' && value === true) || key === '_seq_no') frame.document = true;
      else if ((key === 'found' && value === false) || (key === 'result' && (value === 'deleted' || value === 'not_found'))) frame.gone = true;
    },
  });
  return hits.sort((a, b) => a.offset - b.offset);
}
