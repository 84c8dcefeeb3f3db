// Executes the steps of one YAML test against a server: `do` requests with catch/warnings/headers,
// `set`, and the assertions.
import { buildPath, ClientParamError, type ApiRegistry } from './api-spec';
import { send, toJson, type HttpResult } from './http-client';
import { Stash, valueAt } from './stash';
import { compareNumbers, isTruthy, lengthOf, matches } from './assertions';
import type { Step } from './yaml-suite';

export class StepFailure extends Error {}

const CATCHES: Record<string, (s: number) => boolean> = {
  missing: (s) => s === 404,
  conflict: (s) => s === 409,
  bad_request: (s) => s === 400,
  unauthorized: (s) => s === 401,
  forbidden: (s) => s === 403,
  request_timeout: (s) => s === 408,
  unavailable: (s) => s === 503,
  request: (s) => s >= 400,
};

const DO_KEYS = new Set(['catch', 'headers', 'warnings', 'warnings_regex', 'allowed_warnings', 'allowed_warnings_regex', 'node_selector']);

function warningTexts(h: HttpResult): string[] {
  const raw = h.headers['warning'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : raw.split(/,(?=\s*\d{3} )/);
  return list.map((w) => {
    const m = /^\s*\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(w);
    return m ? m[1]!.replace(/\\(.)/g, '$1') : w;
  });
}

/** `catch` regexes are plain Java patterns (unlike `match`, not in COMMENTS mode). */
function catchRegex(spec: string): RegExp {
  const s = spec.trim();
  return new RegExp(s.startsWith('/') && s.endsWith('/') ? s.slice(1, -1) : s);
}

function paramString(v: unknown): string {
  if (Array.isArray(v)) return v.map(paramString).join(',');
  return typeof v === 'bigint' ? v.toString() : String(v);
}

export class Executor {
  readonly stash = new Stash();
  private last?: HttpResult;

  constructor(
    private readonly baseUrl: string,
    private readonly apis: ApiRegistry,
  ) {}

  async run(step: Step): Promise<void> {
    const [kind, arg] = Object.entries(step)[0] ?? [];
    switch (kind) {
      case 'do':
        return this.doRequest(arg as Record<string, unknown>);
      case 'set':
        for (const [path, name] of Object.entries(arg as Record<string, string>)) this.stash.set(name, valueAt(this.body(), path, this.stash));
        return;
      case 'skip':
      case 'requires':
        return;
      case 'match':
        for (const [path, expected] of Object.entries(arg as Record<string, unknown>)) {
          const msg = matches(valueAt(this.body(), path, this.stash), this.stash.resolve(expected));
          if (msg) throw new StepFailure(`match [${path}]: ${msg}`);
        }
        return;
      case 'is_true':
      case 'is_false': {
        const v = valueAt(this.body(), String(arg ?? ''), this.stash);
        if (isTruthy(v) !== (kind === 'is_true')) throw new StepFailure(`${kind} [${String(arg)}] failed: value is ${JSON.stringify(v)}`);
        return;
      }
      case 'exists':
      case 'not_exists': {
        const v = valueAt(this.body(), String(arg), this.stash);
        if ((v !== undefined && v !== null) !== (kind === 'exists')) throw new StepFailure(`${kind} [${String(arg)}] failed: value is ${JSON.stringify(v)}`);
        return;
      }
      case 'length':
        for (const [path, n] of Object.entries(arg as Record<string, unknown>)) {
          const len = lengthOf(valueAt(this.body(), path, this.stash));
          if (len !== Number(this.stash.resolve(n))) throw new StepFailure(`length [${path}]: expected ${String(n)} but was ${len}`);
        }
        return;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        for (const [path, n] of Object.entries(arg as Record<string, unknown>)) {
          const msg = compareNumbers(kind, valueAt(this.body(), path, this.stash), this.stash.resolve(n));
          if (msg) throw new StepFailure(`${kind} [${path}]: ${msg}`);
        }
        return;
      case 'contains':
        for (const [path, expected] of Object.entries(arg as Record<string, unknown>)) {
          const v = valueAt(this.body(), path, this.stash);
          const want = this.stash.resolve(expected);
          if (!Array.isArray(v) || !v.some((x) => matches(x, want) === undefined)) throw new StepFailure(`contains [${path}]: ${JSON.stringify(want)} not found`);
        }
        return;
      default:
        throw new StepFailure(`unsupported step [${kind}]`);
    }
  }

  private body(): unknown {
    return this.last?.body;
  }

  private async doRequest(spec: Record<string, unknown>): Promise<void> {
    const apiName = Object.keys(spec).find((k) => !DO_KEYS.has(k));
    if (!apiName) throw new StepFailure('do without an api');
    const catchSpec = spec.catch as string | undefined;
    const params = { ...((this.stash.resolve(spec[apiName] ?? {}) as Record<string, unknown>) ?? {}) };
    const body = params.body;
    delete params.body;
    const ignore = params.ignore !== undefined ? paramString(params.ignore).split(',').map(Number) : [];
    delete params.ignore;
    const api = this.apis.get(apiName);
    if (!api) throw new StepFailure(`unknown api [${apiName}]`);
    const strParams: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) {
      const s = paramString(v);
      if (s !== '' || !api.paths.some((x) => x.parts.includes(k))) strParams[k] = s;
    }
    let built;
    try {
      built = buildPath(api, strParams, body !== undefined);
    } catch (e) {
      if (e instanceof ClientParamError && catchSpec === 'param') return;
      throw new StepFailure((e as Error).message);
    }
    if (catchSpec === 'param') throw new StepFailure(`expected a client-side parameter error for [${apiName}]`);
    const query = Object.entries(strParams)
      .filter(([k]) => !built.used.has(k))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const headers: Record<string, string> = {};
    let text: string | undefined;
    if (body !== undefined) {
      const ndjson = api.bulkBody || apiName === 'bulk';
      if (typeof body === 'string') text = body;
      else if (Array.isArray(body) && ndjson) text = body.map((l) => (typeof l === 'string' ? l : toJson(l))).join('\n') + '\n';
      else text = toJson(body);
      headers['content-type'] = ndjson && typeof body !== 'string' ? 'application/x-ndjson' : ndjson ? 'application/x-ndjson' : 'application/json';
    }
    for (const [k, v] of Object.entries((this.stash.resolve(spec.headers ?? {}) as Record<string, unknown>) ?? {})) headers[k.toLowerCase()] = String(v);
    const res = await send(this.baseUrl, built.method, built.path + (query ? `?${query}` : ''), headers, text);
    this.last = res;
    this.stash.set('body', res.body);
    this.checkWarnings(spec, res);
    if (catchSpec !== undefined) {
      const byStatus = CATCHES[catchSpec];
      const ok = byStatus ? byStatus(res.status) : res.status >= 400 && catchRegex(catchSpec).test(res.text);
      if (!ok) throw new StepFailure(`expected catch [${catchSpec}] but got ${res.status}: ${res.text.slice(0, 600)}`);
      return;
    }
    if (res.status >= 400 && !ignore.includes(res.status) && !(built.method === 'HEAD' && res.status === 404)) throw new StepFailure(`${built.method} ${built.path}${query ? `?${query}` : ''} failed with ${res.status}: ${res.text.slice(0, 600)}`);
  }

  private checkWarnings(spec: Record<string, unknown>, res: HttpResult): void {
    const got = warningTexts(res);
    const required = (spec.warnings as string[] | undefined) ?? [];
    const requiredRe = ((spec.warnings_regex as string[] | undefined) ?? []).map((r) => new RegExp(r));
    const allowed = (spec.allowed_warnings as string[] | undefined) ?? [];
    const allowedRe = ((spec.allowed_warnings_regex as string[] | undefined) ?? []).map((r) => new RegExp(r));
    for (const w of required) if (!got.includes(w)) throw new StepFailure(`expected warning [${w}] but got ${JSON.stringify(got)}`);
    for (const r of requiredRe) if (!got.some((w) => r.test(w))) throw new StepFailure(`expected a warning matching ${r} but got ${JSON.stringify(got)}`);
    for (const w of got) {
      const ok = required.includes(w) || allowed.includes(w) || requiredRe.some((r) => r.test(w)) || allowedRe.some((r) => r.test(w));
      if (!ok) throw new StepFailure(`unexpected warning [${w}]`);
    }
  }
}
