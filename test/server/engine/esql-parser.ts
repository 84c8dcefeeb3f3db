// The part of ES|QL the documents table sends, parsed into a pipeline: FROM (with METADATA), WHERE
// (comparisons, AND/OR/NOT, IS [NOT] NULL), SORT (ASC/DESC, NULLS FIRST/LAST), LIMIT and KEEP. Every
// other command is refused by name: this test server does not run it (Elasticsearch does).
import { EsError } from '../errors';

export type Literal = string | number | boolean | null;
export type Expr =
  | { readonly kind: 'literal'; readonly value: Literal }
  | { readonly kind: 'field'; readonly name: string; readonly at: string }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'logic'; readonly op: 'AND' | 'OR'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'compare'; readonly op: '==' | '!=' | '<' | '<=' | '>' | '>='; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'isNull'; readonly operand: Expr; readonly negated: boolean };

export interface SortItem {
  readonly field: string;
  readonly at: string;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export type Command =
  | { readonly kind: 'where'; readonly expr: Expr }
  | { readonly kind: 'sort'; readonly items: readonly SortItem[] }
  | { readonly kind: 'limit'; readonly count: number }
  | { readonly kind: 'keep'; readonly patterns: ReadonlyArray<{ readonly pattern: string; readonly at: string }> };

export interface EsqlQuery {
  readonly sources: readonly string[];
  readonly sourceAt: string;
  readonly metadata: readonly string[];
  readonly commands: readonly Command[];
}

interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'op' | 'end';
  readonly text: string;
  /** `line:column`, one-based, as Elasticsearch's messages say it. */
  readonly at: string;
}

const SUPPORTED = new Set(['WHERE', 'SORT', 'LIMIT', 'KEEP']);
const OTHER_COMMANDS = new Set(['STATS', 'EVAL', 'DROP', 'RENAME', 'DISSECT', 'GROK', 'ENRICH', 'MV_EXPAND', 'LOOKUP', 'INLINESTATS', 'CHANGE_POINT', 'FORK', 'COMPLETION', 'RERANK', 'SAMPLE', 'JOIN', 'LOOKUP_JOIN']);

export function parsingException(at: string, reason: string): EsError {
  return new EsError(400, 'parsing_exception', `line ${at}: ${reason}`);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (offset: number): string => `${line}:${offset - lineStart + 1}`;
  while (i < query.length) {
    const c = query[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      let value = '';
      for (i++; i < query.length && query[i] !== '"'; i++) {
        if (query[i] === '\\') {
          const next = query[++i];
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : (next ?? '');
        } else value += query[i];
      }
      if (i >= query.length) throw parsingException(at(start), 'token recognition error at: \'"\'');
      i++;
      tokens.push({ kind: 'string', text: value, at: at(start) });
    } else if (c === '`') {
      const end = query.indexOf('`', i + 1);
      if (end < 0) throw parsingException(at(start), "token recognition error at: '`'");
      tokens.push({ kind: 'quoted', text: query.slice(i + 1, end), at: at(start) });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(query.slice(i))!;
      tokens.push({ kind: 'number', text: match[0], at: at(start) });
      i += match[0].length;
    } else if (/[A-Za-z_@*]/.test(c)) {
      const match = /^[A-Za-z_@*][A-Za-z0-9_.@*\-:]*/.exec(query.slice(i))!;
      tokens.push({ kind: 'word', text: match[0], at: at(start) });
      i += match[0].length;
    } else {
      const two = query.slice(i, i + 2);
      const op = ['==', '!=', '<=', '>='].includes(two) ? two : c;
      if (!['==', '!=', '<=', '>=', '<', '>', '(', ')', ',', '|', '-', '=', '+', '/', '%', '[', ']', '.', ':', '?'].includes(op)) throw parsingException(at(start), `token recognition error at: '${c}'`);
      tokens.push({ kind: 'op', text: op, at: at(start) });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '<EOF>', at: at(i) });
  return tokens;
}

export function parseEsql(query: string): EsqlQuery {
  const tokens = tokenize(query);
  let p = 0;
  const peek = (): Token => tokens[p]!;
  const next = (): Token => tokens[p++]!;
  const isWord = (word: string): boolean => peek().kind === 'word' && peek().text.toUpperCase() === word;
  const expectWord = (word: string): void => {
    if (!isWord(word)) throw parsingException(peek().at, `mismatched input '${peek().text}' expecting ${word}`);
    p++;
  };
  const name = (): { name: string; at: string } => {
    const token = next();
    if (token.kind !== 'word' && token.kind !== 'quoted') throw parsingException(token.at, `mismatched input '${token.text}' expecting {UNQUOTED_IDENTIFIER, QUOTED_IDENTIFIER}`);
    return { name: token.text, at: token.at };
  };
  const list = <T>(item: () => T): T[] => {
    const items = [item()];
    while (peek().text === ',') {
      p++;
      items.push(item());
    }
    return items;
  };

  const primary = (): Expr => {
    const token = peek();
    if (token.text === '(') {
      p++;
      const inner = or();
      if (next().text !== ')') throw parsingException(tokens[p - 1]!.at, `mismatched input '${tokens[p - 1]!.text}' expecting ')'`);
      return inner;
    }
    if (token.text === '-' && tokens[p + 1]?.kind === 'number') {
      p += 2;
      return { kind: 'literal', value: -Number(tokens[p - 1]!.text) };
    }
    if (token.kind === 'number') return p++, { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'string') return p++, { kind: 'literal', value: token.text };
    if (token.kind === 'word' && ['TRUE', 'FALSE', 'NULL'].includes(token.text.toUpperCase())) {
      p++;
      const word = token.text.toUpperCase();
      return { kind: 'literal', value: word === 'NULL' ? null : word === 'TRUE' };
    }
    const field = name();
    return { kind: 'field', name: field.name, at: field.at };
  };
  const comparison = (): Expr => {
    const left = primary();
    if (isWord('IS')) {
      p++;
      const negated = isWord('NOT');
      if (negated) p++;
      expectWord('NULL');
      return { kind: 'isNull', operand: left, negated };
    }
    const op = peek().text;
    if (['==', '!=', '<', '<=', '>', '>='].includes(op)) {
      p++;
      return { kind: 'compare', op: op as '==', left, right: primary() };
    }
    return left;
  };
  const not = (): Expr => {
    if (isWord('NOT')) {
      p++;
      return { kind: 'not', operand: not() };
    }
    return comparison();
  };
  const and = (): Expr => {
    let left = not();
    while (isWord('AND')) {
      p++;
      left = { kind: 'logic', op: 'AND', left, right: not() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (isWord('OR')) {
      p++;
      left = { kind: 'logic', op: 'OR', left, right: and() };
    }
    return left;
  };

  const sourceAt = peek().at;
  if (!isWord('FROM')) {
    const word = peek().text.toUpperCase();
    if (['ROW', 'SHOW', 'TS', 'METRICS'].includes(word)) throw new EsError(400, 'illegal_argument_exception', `the test server does not run the ES|QL source command [${word}]`);
    throw parsingException(peek().at, `mismatched input '${peek().text}' expecting {'row', 'from', 'show'}`);
  }
  p++;
  const sources = list(() => name().name);
  let metadata: string[] = [];
  if (isWord('METADATA')) {
    p++;
    metadata = list(() => name().name);
  }
  const commands: Command[] = [];
  while (peek().text === '|') {
    p++;
    const word = peek().text.toUpperCase();
    if (!SUPPORTED.has(word)) {
      if (OTHER_COMMANDS.has(word)) throw new EsError(400, 'illegal_argument_exception', `the test server does not run the ES|QL command [${word}]`);
      // Elasticsearch 8.19's words, and its cause.
      throw new EsError(400, 'parsing_exception', `line ${peek().at}: mismatched input '${peek().text}' expecting {'completion', 'dissect', 'drop', 'enrich', 'eval', 'grok', 'keep', 'limit', 'mv_expand', 'rename', 'sample', 'sort', 'stats', 'where', 'lookup', 'change_point'}`, {}, new EsError(400, 'input_mismatch_exception', null as unknown as string), true);
    }
    p++;
    if (word === 'WHERE') commands.push({ kind: 'where', expr: or() });
    else if (word === 'LIMIT') {
      const count = next();
      if (count.kind !== 'number' || !/^\d+$/.test(count.text)) throw parsingException(count.at, `mismatched input '${count.text}' expecting INTEGER_LITERAL`);
      commands.push({ kind: 'limit', count: Number(count.text) });
    } else if (word === 'KEEP') commands.push({ kind: 'keep', patterns: list(() => { const n = name(); return { pattern: n.name, at: n.at }; }) });
    else {
      commands.push({
        kind: 'sort',
        items: list(() => {
          const field = name();
          let desc = false;
          if (isWord('ASC') || isWord('DESC')) desc = next().text.toUpperCase() === 'DESC';
          let nullsFirst = desc;
          if (isWord('NULLS')) {
            p++;
            if (!isWord('FIRST') && !isWord('LAST')) throw parsingException(peek().at, `mismatched input '${peek().text}' expecting {'first', 'last'}`);
            nullsFirst = next().text.toUpperCase() === 'FIRST';
          }
          return { field: field.name, at: field.at, desc, nullsFirst };
        }),
      });
    }
  }
  if (peek().kind !== 'end') throw parsingException(peek().at, `mismatched input '${peek().text}' expecting {<EOF>, '|'}`);
  return { sources, sourceAt, metadata, commands };
}
