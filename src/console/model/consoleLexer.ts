/**
 * The tokens of a console body: Kibana Console's JSON with `#`, `//` and block comments, `"""`
 * strings and `${NAME}` variables. Offsets are into the whole file, so every token points at text.
 * Nothing is converted here: a token is a span of the source.
 */

export interface TextSpan {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export type TokenKind = 'string' | 'triple' | 'comment' | 'punct' | 'literal' | 'variable';

export interface BodyToken extends TextSpan {
  readonly kind: TokenKind;
}

/** A `${NAME}` in a path, a string or between tokens. */
export interface VariableUse extends TextSpan {
  readonly name: string;
}

/** Where a scan stopped inside a line: what the next line starts in. */
export interface LexState {
  depth: number;
  /** Inside a `"""` string or a block comment that spans lines: the token's start. */
  open?: { readonly kind: 'triple' | 'comment'; readonly start: number };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/y;
const VARIABLE_ANYWHERE = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/** The variables used in a span of text (a path, or a string token's content). */
export function variablesIn(text: string, start: number, end: number): VariableUse[] {
  const uses: VariableUse[] = [];
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(VARIABLE_ANYWHERE)) {
    uses.push({ name: match[1], start: start + match.index, end: start + match.index + match[0].length });
  }
  return uses;
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0xfeff;

/**
 * Scans `text` from `start` to `end` (one line, or the rest of one), appending tokens. A token
 * that is still open at `end` (a `"""` string or a block comment) is left in `state.open` and
 * finished by the next call.
 */
export function scanLine(text: string, start: number, end: number, state: LexState, tokens: BodyToken[]): void {
  let i = start;
  if (state.open) {
    const closer = state.open.kind === 'triple' ? '"""' : '*/';
    const close = text.indexOf(closer, i);
    if (close === -1 || close + closer.length > end) return;
    tokens.push({ kind: state.open.kind, start: state.open.start, end: close + closer.length });
    i = close + closer.length;
    state.open = undefined;
  }
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
    } else if (code === 0x23 /* # */ || (code === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f)) {
      tokens.push({ kind: 'comment', start: i, end });
      return;
    } else if (code === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || close + 2 > end) {
        state.open = { kind: 'comment', start: i };
        return;
      }
      tokens.push({ kind: 'comment', start: i, end: close + 2 });
      i = close + 2;
    } else if (text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      if (close === -1 || close + 3 > end) {
        state.open = { kind: 'triple', start: i };
        return;
      }
      tokens.push({ kind: 'triple', start: i, end: close + 3 });
      i = close + 3;
    } else if (code === 0x22 /* " */) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const stop = Math.min(j + 1, end);
      tokens.push({ kind: 'string', start: i, end: stop });
      i = stop;
    } else if ('{}[]:,'.includes(text[i])) {
      if (code === 0x7b || code === 0x5b) state.depth++;
      else if ((code === 0x7d || code === 0x5d) && state.depth > 0) state.depth--;
      tokens.push({ kind: 'punct', start: i, end: i + 1 });
      i++;
    } else {
      VARIABLE.lastIndex = i;
      const variable = VARIABLE.exec(text);
      if (variable && i + variable[0].length <= end) {
        tokens.push({ kind: 'variable', start: i, end: i + variable[0].length });
        i += variable[0].length;
        continue;
      }
      let j = i + 1;
      while (j < end && !isSpace(text.charCodeAt(j)) && !'{}[]:,"#'.includes(text[j]) && !text.startsWith('//', j) && !text.startsWith('/*', j)) j++;
      tokens.push({ kind: 'literal', start: i, end: j });
      i = j;
    }
  }
}

/** True when the state is outside every value: a method line may start here. */
export function atTopLevel(state: LexState): boolean {
  return state.depth === 0 && state.open === undefined;
}
