import { analyzeRequest, type ConsoleContext } from './consoleChecks';
import { paramsOf, splitPath } from './consoleEndpoints';
import type { TextSpan } from './consoleLexer';
import type { ConsoleFile } from './consoleParser';

/** What a hover on a request's path or on one of its query parameters says: the API, its summary, its documentation page. */
export interface ConsoleHover {
  readonly span: TextSpan;
  readonly markdown: string;
  readonly doc?: string;
}

export function hoverAt(text: string, file: ConsoleFile, offset: number, context: ConsoleContext): ConsoleHover | undefined {
  const request = file.requests.find((candidate) => candidate.pathSpan.start <= offset && offset <= candidate.pathSpan.end);
  if (request === undefined) return undefined;
  const { resolution } = analyzeRequest(text, request, context);
  if (resolution.kind !== 'found') return undefined;
  const { endpoint, url } = resolution.match;
  const at = offset - request.pathSpan.start;
  const param = splitPath(request.path).query.find((candidate) => candidate.offset <= at && at <= candidate.offset + candidate.nameLength);
  if (param) {
    const spec = paramsOf(context.table, endpoint).get(param.name);
    if (spec === undefined) return undefined;
    const values = spec.values ? ` (${spec.values.map((value) => `\`${value}\``).join(', ')})` : '';
    return {
      span: { start: request.pathSpan.start + param.offset, end: request.pathSpan.start + param.offset + param.nameLength },
      markdown: `**${param.name}**: ${spec.type}${values}${spec.summary ? `\n\n${spec.summary}` : ''}`,
      ...(endpoint.doc ? { doc: endpoint.doc } : {}),
    };
  }
  return {
    span: request.pathSpan,
    markdown: `**${endpoint.name}** \`${url.methods.join('|')} ${url.path}\`\n\n${endpoint.summary}`,
    ...(endpoint.doc ? { doc: endpoint.doc } : {}),
  };
}
