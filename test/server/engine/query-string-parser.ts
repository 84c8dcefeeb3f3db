// Lucene's classic query syntax as query_string reads it: clauses joined by AND/OR/&&/||, modifiers
// +, -, !, NOT, groups `( … )` and field groups `title:( … )`, "phrases", /regexes/, ranges [a TO b} and
// ES's `>x`/`<=x` shorthand, wildcards, with `^boost` and `~fuzziness` accepted. Errors carry the texts
// the classic parser gives.

export type Occur = 'must' | 'should' | 'must_not';

export type QsNode =
  | { readonly kind: 'bool'; readonly clauses: ReadonlyArray<{ readonly occur: Occur; readonly node: QsNode }> }
  | { readonly kind: 'term'; readonly field: string | undefined; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'regexp'; readonly field: string | undefined; readonly pattern: string }
  | {
      readonly kind: 'range';
      readonly field: string | undefined;
      readonly lower?: string;
      readonly upper?: string;
      readonly includeLower: boolean;
      readonly includeUpper: boolean;
    };

type TokKind = 'AND' | 'OR' | 'NOT' | 'PLUS' | 'MINUS' | 'LPAREN' | 'RPAREN' | 'COLON' | 'CARAT' | 'TILDE' | 'QUOTED' | 'TERM' | 'REGEX' | 'RANGE' | 'EOF';

interface Tok {
  readonly kind: TokKind;
  readonly image: string;
  readonly start: number;
  /** TERM text with escapes removed; QUOTED text without its quotes; RANGE bounds. */
  readonly text?: string;
  readonly range?: { lower: string; upper: string; includeLower: boolean; includeUpper: boolean };
}

/** Lucene's ParseException text, which Elasticsearch wraps as "Cannot parse '<query>': <text>". */
export class QueryStringSyntaxError extends Error {}

const EXPECTED =
  '\nWas expecting one of:\n' +
  ['<AND>', '<OR>', '<NOT>', '"+"', '"-"', '<BAREOPER>', '"("', '")"', '"*"', '"^"', '<QUOTED>', '<TERM>', '<FUZZY_SLOP>', '<PREFIXTERM>', '<WILDTERM>', '<REGEXPTERM>', '"["', '"{"', '<NUMBER>']
    .map((e) => `    ${e} ...\n`)
    .join('') +
  '    ';

const LABEL: Partial<Record<TokKind, string>> = { AND: '<AND>', OR: '<OR>', NOT: '<NOT>', QUOTED: '<QUOTED>', TERM: '<TERM>', REGEX: '<REGEXPTERM>', RANGE: '<RANGE_GOOP>' };

function unexpected(tok: Tok): QueryStringSyntaxError {
  if (tok.kind === 'EOF') return new QueryStringSyntaxError(`Encountered "<EOF>" at line 1, column ${tok.start}.${EXPECTED}`);
  const label = LABEL[tok.kind] ?? `"${tok.image}"`;
  return new QueryStringSyntaxError(`Encountered " ${label} "${tok.image} "" at line 1, column ${tok.start}.${EXPECTED}`);
}

const TERM_STOP = new Set([...' \t\n\r\u3000():^[]"{}~/']);

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    const start = i;
    if (/\s|\u3000/.test(c)) {
      i++;
      continue;
    }
    const two = q.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push({ kind: two === '&&' ? 'AND' : 'OR', image: two, start });
      i += 2;
      continue;
    }
    const single: Partial<Record<string, TokKind>> = { '(': 'LPAREN', ')': 'RPAREN', ':': 'COLON', '^': 'CARAT', '~': 'TILDE', '+': 'PLUS', '-': 'MINUS', '!': 'NOT' };
    if (single[c]) {
      out.push({ kind: single[c]!, image: c, start });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < q.length && q[j] !== '"') {
        if (q[j] === '\\' && j + 1 < q.length) j++;
        text += q[j++];
      }
      if (j >= q.length) throw new QueryStringSyntaxError(`Lexical error at line 1, column ${q.length + 1}.  Encountered: <EOF> after : "${q.slice(i)}"`);
      out.push({ kind: 'QUOTED', image: q.slice(i, j + 1), start, text });
      i = j + 1;
      continue;
    }
    if (c === '/') {
      let j = i + 1;
      while (j < q.length && q[j] !== '/') j += q[j] === '\\' ? 2 : 1;
      if (j >= q.length) throw new QueryStringSyntaxError(`Lexical error at line 1, column ${q.length + 1}.  Encountered: <EOF> after : "${q.slice(i)}"`);
      out.push({ kind: 'REGEX', image: q.slice(i, j + 1), start, text: q.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === '[' || c === '{') {
      const close = q.slice(i + 1).search(/[\]}]/);
      if (close < 0) throw unexpected({ kind: 'EOF', image: '', start: q.length });
      const inner = q.slice(i + 1, i + 1 + close).trim();
      const end = q[i + 1 + close]!;
      const m = /^(\S+)\s+TO\s+(\S+)$/.exec(inner);
      if (!m) throw unexpected({ kind: 'RANGE', image: inner, start: i + 1 });
      const bound = (s: string): string => (s.startsWith('"') && s.endsWith('"') && s.length > 1 ? s.slice(1, -1) : s);
      out.push({ kind: 'RANGE', image: q.slice(i, i + 2 + close), start, range: { lower: bound(m[1]!), upper: bound(m[2]!), includeLower: c === '[', includeUpper: end === ']' } });
      i += 2 + close;
      continue;
    }
    let j = i;
    let text = '';
    while (j < q.length && !TERM_STOP.has(q[j]!)) {
      if (q[j] === '\\' && j + 1 < q.length) {
        text += '\\' + q[j + 1];
        j += 2;
        continue;
      }
      // `+` and `-` may continue a term (a-b); `!` may not.
      if (q[j] === '!') break;
      text += q[j++];
    }
    const image = q.slice(i, j);
    const kind: TokKind = image === 'AND' ? 'AND' : image === 'OR' ? 'OR' : image === 'NOT' ? 'NOT' : 'TERM';
    out.push({ kind, image, start, text });
    i = j;
  }
  out.push({ kind: 'EOF', image: '', start: q.length });
  return out;
}

/** Parses the query; `andByDefault` is default_operator AND. */
export function parseQueryString(query: string, andByDefault: boolean): QsNode {
  const toks = tokenize(query);
  let pos = 0;
  const peek = (ahead = 0): Tok => toks[Math.min(pos + ahead, toks.length - 1)]!;
  const next = (): Tok => toks[pos++]!;

  const skipSuffixes = (): void => {
    for (;;) {
      const t = peek();
      if (t.kind !== 'CARAT' && t.kind !== 'TILDE') return;
      next();
      if (t.kind === 'CARAT') {
        if (peek().kind !== 'TERM' || Number.isNaN(Number(peek().image))) throw unexpected(peek());
        next();
      } else if (peek().kind === 'TERM' && /^\d+(\.\d+)?$/.test(peek().image) && peek().start === t.start + 1) next();
    }
  };

  const leaf = (field: string | undefined): QsNode => {
    const t = next();
    let node: QsNode;
    if (t.kind === 'TERM') node = { kind: 'term', field, text: t.text!, quoted: false };
    else if (t.kind === 'QUOTED') node = { kind: 'term', field, text: t.text!, quoted: true };
    else if (t.kind === 'REGEX') node = { kind: 'regexp', field, pattern: t.text! };
    else if (t.kind === 'RANGE') {
      const r = t.range!;
      node = { kind: 'range', field, lower: r.lower === '*' ? undefined : r.lower, upper: r.upper === '*' ? undefined : r.upper, includeLower: r.includeLower, includeUpper: r.includeUpper };
    } else throw unexpected(t);
    skipSuffixes();
    return node;
  };

  const clause = (field: string | undefined): QsNode => {
    let f = field;
    if (peek().kind === 'TERM' && peek(1).kind === 'COLON') {
      f = next().text!.replace(/\\(.)/g, '$1');
      next();
    }
    if (peek().kind === 'LPAREN') {
      next();
      const inner = clauses(f);
      if (peek().kind !== 'RPAREN') throw unexpected(peek());
      next();
      skipSuffixes();
      return inner;
    }
    return leaf(f);
  };

  const clauses = (field: string | undefined): QsNode => {
    const list: { occur: Occur; node: QsNode }[] = [];
    for (;;) {
      const t = peek();
      if (t.kind === 'EOF' || t.kind === 'RPAREN') break;
      let conj: 'AND' | 'OR' | undefined;
      if (list.length > 0 && (t.kind === 'AND' || t.kind === 'OR')) conj = next().kind as 'AND' | 'OR';
      let mod: 'PLUS' | 'NOT' | undefined;
      const m = peek().kind;
      if (m === 'PLUS') mod = 'PLUS';
      else if (m === 'MINUS' || m === 'NOT') mod = 'NOT';
      if (mod) next();
      addClause(list, conj, mod, clause(field), andByDefault);
    }
    if (list.length === 0) throw unexpected(peek());
    if (list.length === 1 && list[0]!.occur !== 'must_not') return list[0]!.node;
    return { kind: 'bool', clauses: list };
  };

  const root = clauses(undefined);
  if (peek().kind !== 'EOF') throw unexpected(peek());
  return root;
}

/** QueryParserBase.addClause: a conjunction also changes the clause before it. */
function addClause(list: { occur: Occur; node: QsNode }[], conj: 'AND' | 'OR' | undefined, mod: 'PLUS' | 'NOT' | undefined, node: QsNode, andByDefault: boolean): void {
  const prev = list[list.length - 1];
  if (prev && conj === 'AND' && prev.occur !== 'must_not') prev.occur = 'must';
  if (prev && andByDefault && conj === 'OR' && prev.occur !== 'must_not') prev.occur = 'should';
  const prohibited = mod === 'NOT';
  let required: boolean;
  if (!andByDefault) required = mod === 'PLUS' || (conj === 'AND' && !prohibited);
  else required = !prohibited && conj !== 'OR';
  list.push({ occur: prohibited ? 'must_not' : required ? 'must' : 'should', node });
}
