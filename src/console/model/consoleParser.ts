import { atTopLevel, scanLine, variablesIn, type BodyToken, type LexState, type TextSpan, type VariableUse } from './consoleLexer';

/**
 * A console file in Kibana Console's syntax: requests that start with a line `METHOD path`, each
 * with an optional body below (one JSON value, or one per line for NDJSON endpoints), comments and
 * blank lines free between them, and a header of `# @var NAME = value` and `# @connection NAME`
 * lines before the first request. Every part keeps its exact span of the source: the body is
 * never turned into values here, so what is sent is what was written (see `consoleRender`).
 */

export const CONSOLE_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'] as const;
export type ConsoleMethod = (typeof CONSOLE_METHODS)[number];

export interface ConsoleBody {
  /** From the first token that is not a comment to the end of the last one. */
  readonly span: TextSpan;
  readonly tokens: readonly BodyToken[];
  /** Each top-level JSON value: the body's one object, or each line of an NDJSON body. */
  readonly values: readonly TextSpan[];
  /** A `"""` string or block comment that never closes. */
  readonly unclosed?: TextSpan;
  /** The last value's brackets are not all closed (it is being typed). */
  readonly open?: boolean;
}

export interface ConsoleRequest {
  readonly method: ConsoleMethod;
  readonly methodSpan: TextSpan;
  /** The path as written, query string included, variables not resolved (`movies/_search?size=5`). */
  readonly path: string;
  readonly pathSpan: TextSpan;
  /** The first line (zero-based). */
  readonly line: number;
  /** From the method to the end of the body (or of the method line). */
  readonly span: TextSpan;
  readonly body?: ConsoleBody;
  readonly pathVariables: readonly VariableUse[];
}

export interface HeaderVariable {
  readonly name: string;
  readonly value: string;
  readonly span: TextSpan;
}

export interface ConsoleFile {
  readonly requests: readonly ConsoleRequest[];
  readonly variables: readonly HeaderVariable[];
  /** `# @connection NAME`: the connection the file asks for. */
  readonly connection?: { readonly name: string; readonly span: TextSpan };
  /** Text before the first request that is neither a comment nor blank. */
  readonly strays: readonly TextSpan[];
}

const METHOD_LINE = /^[ \t]*(GET|POST|PUT|DELETE|HEAD|PATCH)(?=[ \t]|$)[ \t]*/i;
const HEADER_VAR = /^#\s*@var\s+([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;
const HEADER_CONNECTION = /^#\s*@connection\s+(.+?)\s*$/;

interface Building {
  method: ConsoleMethod;
  methodSpan: TextSpan;
  path: string;
  pathSpan: TextSpan;
  line: number;
  lineEnd: number;
  tokens: BodyToken[];
  state: LexState;
}

export function parseConsole(text: string): ConsoleFile {
  const requests: ConsoleRequest[] = [];
  const variables: HeaderVariable[] = [];
  const strays: TextSpan[] = [];
  let connection: ConsoleFile['connection'];
  let current: Building | undefined;
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end).replace(/\r$/, '');
    // A method line inside an unclosed `{` still starts a request when it is not indented, so one
    // missing brace does not swallow the requests below it; inside `"""` or `/*` it never does.
    const method = (current === undefined || atTopLevel(current.state) || (current.state.open === undefined && /^[A-Za-z]/.test(content))) && METHOD_LINE.exec(content);
    if (method) {
      if (current) requests.push(finish(text, current));
      current = startRequest(start, end, content, method, line);
    } else if (current) {
      scanLine(text, start, end, current.state, current.tokens);
    } else {
      const trimmed = content.trim();
      const header = HEADER_VAR.exec(trimmed);
      const bound = HEADER_CONNECTION.exec(trimmed);
      const at = start + content.indexOf(trimmed);
      if (header) variables.push({ name: header[1], value: header[2], span: { start: at, end: at + trimmed.length } });
      else if (bound && connection === undefined) connection = { name: bound[1], span: { start: at, end: at + trimmed.length } };
      else if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//')) strays.push({ start: at, end: at + trimmed.length });
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (current) requests.push(finish(text, current));
  return { requests, variables, strays, ...(connection ? { connection } : {}) };
}

function startRequest(start: number, end: number, content: string, match: RegExpExecArray, line: number): Building {
  const methodStart = start + match[0].search(/\S/);
  const method = match[1].toUpperCase() as ConsoleMethod;
  const rest = content.slice(match[0].length);
  // A comment after the path: whitespace, then `#` or `//`.
  const comment = /[ \t]+(#|\/\/)/.exec(rest);
  const path = (comment ? rest.slice(0, comment.index) : rest).trimEnd();
  const pathStart = start + match[0].length;
  const building: Building = {
    method,
    methodSpan: { start: methodStart, end: methodStart + match[1].length },
    path,
    pathSpan: { start: pathStart, end: pathStart + path.length },
    line,
    lineEnd: end,
    tokens: [],
    state: { depth: 0 },
  };
  return building;
}

function finish(text: string, building: Building): ConsoleRequest {
  const { tokens, state } = building;
  const content = tokens.filter((token) => token.kind !== 'comment');
  const unclosed = state.open ? { start: state.open.start, end: state.open.start + (state.open.kind === 'triple' ? 3 : 2) } : undefined;
  let body: ConsoleBody | undefined;
  if (content.length > 0 || unclosed) {
    const first = content[0]?.start ?? unclosed!.start;
    const last = content.length > 0 ? content[content.length - 1].end : unclosed!.end;
    body = {
      span: { start: first, end: Math.max(last, unclosed?.end ?? last) },
      tokens,
      values: topLevelValues(text, content),
      ...(unclosed ? { unclosed } : {}),
      ...(state.depth > 0 ? { open: true } : {}),
    };
  }
  const end = body ? body.span.end : building.lineEnd;
  return {
    method: building.method,
    methodSpan: building.methodSpan,
    path: building.path,
    pathSpan: building.pathSpan,
    line: building.line,
    span: { start: building.methodSpan.start, end: Math.max(end, building.pathSpan.end) },
    ...(body ? { body } : {}),
    pathVariables: variablesIn(building.path, 0, building.path.length).map((use) => ({ ...use, start: use.start + building.pathSpan.start, end: use.end + building.pathSpan.start })),
  };
}

/** The spans of the values at depth 0: each `{…}` or `[…]`, or a lone scalar. */
function topLevelValues(text: string, tokens: readonly BodyToken[]): TextSpan[] {
  const values: TextSpan[] = [];
  let depth = 0;
  let start = -1;
  for (const token of tokens) {
    if (start === -1) start = token.start;
    if (token.kind === 'punct') {
      const char = text[token.start];
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') depth--;
    }
    if (depth <= 0) {
      depth = 0;
      values.push({ start, end: token.end });
      start = -1;
    }
  }
  if (start !== -1) values.push({ start, end: tokens[tokens.length - 1].end });
  return values;
}
