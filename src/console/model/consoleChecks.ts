import * as l10n from '@vscode/l10n';
import { closestName } from '../../mapping/model/editDistance';
import type { ApiTable } from './apiTable';
import { fieldProblems, jsonProblems, valueTree } from './consoleBodyCheck';
import type { ConsoleDiagnostic } from './consoleDiagnostic';
import { checkParamValue, endpointsFor, paramsOf, resolveEndpoint, splitPath, type EndpointMatch, type Resolution } from './consoleEndpoints';
import type { ConsoleFile, ConsoleRequest } from './consoleParser';
import { renderRequest, variableUses, type RenderResult, type VariableLookup } from './consoleRender';

/**
 * What the console knows of each request before it is sent: the API it calls, its wire form, and
 * its problems — an undefined variable (which stops the send), a body that is not JSON, an unknown
 * endpoint, a method the endpoint does not take, an unknown query parameter ("did you mean
 * `if_seq_no`?"), a field the index's mapping does not have. The editor, `--check` and Send read
 * the same analysis.
 */

export interface ConsoleContext {
  readonly table: ApiTable;
  readonly engine?: 'elasticsearch' | 'opensearch';
  readonly variable: VariableLookup;
  /** The fields of an index's mapping by path, with their types (multi-fields included), when known; never fetched here. */
  readonly fields?: (index: string) => ReadonlyMap<string, string> | undefined;
}

export interface RequestAnalysis {
  readonly request: ConsoleRequest;
  readonly resolution: Resolution;
  readonly rendered: RenderResult;
  readonly diagnostics: readonly ConsoleDiagnostic[];
}

/** The lookup of a file's variables: its own `# @var` lines win over the settings' values. */
export function fileVariables(file: ConsoleFile, settings: Readonly<Record<string, string>>): VariableLookup {
  const own = new Map(file.variables.map((variable) => [variable.name, variable.value]));
  return (name) => own.get(name) ?? (Object.hasOwn(settings, name) ? String(settings[name]) : undefined);
}

/** Whether the request's body goes as NDJSON: the specification says so, or the path names `_bulk`/`_msearch`. */
export function isNdjson(resolution: Resolution, path: string): boolean {
  if (resolution.kind === 'found') return resolution.match.endpoint.body === 'ndjson';
  return /(^|\/)(_bulk|_msearch)(\/template)?\/?(\?|$)/.test(path);
}

export function analyzeRequest(text: string, request: ConsoleRequest, context: ConsoleContext): RequestAnalysis {
  const diagnostics: ConsoleDiagnostic[] = [];
  for (const use of variableUses(text, request)) {
    if (context.variable(use.name) !== undefined) continue;
    diagnostics.push({ span: use, severity: 'error', code: 'variable', message: l10n.t('The variable `{0}` is not defined: add `# @var {0} = …` at the top of the file, or set it in esdocs.console.variables. The request is not sent until it is.', use.name) });
  }
  const resolvedPath = request.path.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, name: string) => context.variable(name) ?? whole);
  const parts = splitPath(resolvedPath);
  const endpoints = endpointsFor(context.table, context.engine);
  const resolution = resolvedPath.includes('${') ? ({ kind: 'unknown' } as const) : resolveEndpoint(endpoints, request.method, parts.segments);
  if (!resolvedPath.includes('${')) diagnostics.push(...routeProblems(context, request, resolution, parts.segments));
  if (resolution.kind === 'found') diagnostics.push(...paramProblems(context.table, request, resolution.match));
  const ndjson = isNdjson(resolution, resolvedPath);
  diagnostics.push(...bodyProblems(text, request, context, resolution, ndjson));
  return { request, resolution, rendered: renderRequest(text, request, context.variable, ndjson), diagnostics };
}

export function checkConsole(text: string, file: ConsoleFile, context: ConsoleContext): ConsoleDiagnostic[] {
  const strays: ConsoleDiagnostic[] = file.strays.map((span) => ({
    span,
    severity: 'error',
    code: 'syntax',
    message: l10n.t('This is not part of a request: a request starts with a line such as `GET /_search`.'),
  }));
  return [...strays, ...file.requests.flatMap((request) => analyzeRequest(text, request, context).diagnostics)];
}

function routeProblems(context: ConsoleContext, request: ConsoleRequest, resolution: Resolution, segments: readonly string[]): ConsoleDiagnostic[] {
  const route = `/${segments.join('/')}`;
  const span = { start: request.pathSpan.start, end: request.pathSpan.start + (request.path.indexOf('?') === -1 ? request.path.length : request.path.indexOf('?')) };
  if (resolution.kind === 'method') {
    return [{ span: request.methodSpan, severity: 'warning', code: 'method', message: l10n.t('{0} {1} is not an API: {1} takes {2}', request.method, route, resolution.allowed.join(', ')) }];
  }
  if (resolution.kind !== 'unknown') return [];
  // A misspelt API name (`_serch`): the closest name any API's path has in that place.
  const names = new Set(context.table.endpoints.flatMap((endpoint) => endpoint.urls.flatMap((url) => url.path.split('/').filter((piece) => piece.startsWith('_')))));
  const wrong = segments.find((segment) => segment.startsWith('_') && !names.has(segment));
  const suggestion = wrong === undefined ? undefined : closestName(wrong, names);
  const at = wrong === undefined ? -1 : request.path.indexOf(wrong);
  const message = suggestion ? l10n.t('{0} {1} is not an API of the specification — did you mean `{2}`?', request.method, route, suggestion) : l10n.t('{0} {1} is not an API of the specification', request.method, route);
  const fix = suggestion && at !== -1 ? { title: l10n.t('Change to `{0}`', suggestion), span: { start: request.pathSpan.start + at, end: request.pathSpan.start + at + wrong!.length }, text: suggestion } : undefined;
  return [{ span, severity: 'warning', code: 'endpoint', message, ...(fix ? { fix } : {}) }];
}

function paramProblems(table: ApiTable, request: ConsoleRequest, match: EndpointMatch): ConsoleDiagnostic[] {
  const params = paramsOf(table, match.endpoint);
  const problems: ConsoleDiagnostic[] = [];
  for (const param of splitPath(request.path).query) {
    const span = { start: request.pathSpan.start + param.offset, end: request.pathSpan.start + param.offset + param.nameLength };
    if (param.name.includes('${')) continue;
    const spec = params.get(param.name);
    if (spec === undefined) {
      const suggestion = closestName(param.name, params.keys());
      problems.push({
        span,
        severity: 'warning',
        code: 'param',
        message: suggestion
          ? l10n.t('`{0}` is not a parameter of {1} — did you mean `{2}`?', param.name, match.endpoint.name, suggestion)
          : l10n.t('`{0}` is not a parameter of {1}', param.name, match.endpoint.name),
        ...(suggestion ? { fix: { title: l10n.t('Change to `{0}`', suggestion), span, text: suggestion } } : {}),
      });
      continue;
    }
    const wrong = checkParamValue(spec, param.value);
    if (wrong) {
      const expected = wrong === 'enum' ? (spec.values ?? []).join(', ') : wrong === 'boolean' ? 'true, false' : l10n.t('a number');
      problems.push({ span, severity: 'warning', code: 'param-value', message: l10n.t('`{0}={1}`: {0} takes {2}', param.name, param.value ?? '', expected) });
    }
  }
  return problems;
}

function bodyProblems(text: string, request: ConsoleRequest, context: ConsoleContext, resolution: Resolution, ndjson: boolean): ConsoleDiagnostic[] {
  const body = request.body;
  if (body === undefined) return [];
  const problems: ConsoleDiagnostic[] = [];
  if (body.unclosed) problems.push({ span: body.unclosed, severity: 'error', code: 'syntax', message: text.startsWith('"""', body.unclosed.start) ? l10n.t('This `"""` string is never closed') : l10n.t('This comment is never closed') });
  if (body.values.length === 0) return problems;
  if (!ndjson && body.values.length > 1) {
    problems.push({ span: body.values[1], severity: 'error', code: 'body', message: l10n.t('A body holds one JSON value; only the NDJSON APIs (_bulk, _msearch) take one per line') });
  }
  if (resolution.kind === 'found' && resolution.match.endpoint.body === 'none' && request.method !== 'GET') {
    problems.push({ span: body.span, severity: 'warning', code: 'body', message: l10n.t('{0} takes no body', resolution.match.endpoint.name) });
  }
  const index = resolution.kind === 'found' ? singleIndex(resolution.match.parts) : undefined;
  const fields = index === undefined ? undefined : context.fields?.(index);
  const bodyType = resolution.kind === 'found' && !ndjson ? resolution.match.endpoint.bodyType : undefined;
  for (const span of ndjson ? body.values : body.values.slice(0, 1)) {
    const tree = valueTree(text, body.tokens, span);
    const json = jsonProblems(tree);
    problems.push(...json);
    const { root } = tree;
    if (json.length === 0 && root && bodyType && fields && index) problems.push(...fieldProblems(context.table, { ...tree, root }, bodyType, fields, index, text));
  }
  return problems;
}

/** The one concrete index (or alias) a path names; none for a list or a pattern, whose mappings may differ. */
export function singleIndex(parts: Readonly<Record<string, string>>): string | undefined {
  const target = parts.index ?? parts.target;
  return target !== undefined && !/[,*]/.test(target) && !target.startsWith('_') ? target : undefined;
}
