// Fault injection for tests: each fault matches requests by method and a path regex and fires a number
// of times (or until cleared). Latency faults add delay and let the request proceed; the others replace
// the answer (error status, HTML page, malformed or empty body) or drop the connection before or after
// the request is applied. `drip` answers 200 one byte every `intervalMs`; `huge` answers 200 with a body
// of `bytes` bytes, with or without a Content-Length (`declareLength`), as fast as the client reads.

export type FaultKind = 'latency' | 'error' | 'html' | 'malformed' | 'empty' | 'drop_before' | 'drop_after' | 'drip' | 'huge';

export interface FaultSpec {
  kind: FaultKind;
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Regular expression tested against the request path (without query string); any when absent. */
  path?: string;
  /** How many matching requests it affects; until cleared when absent. */
  times?: number;
  latencyMs?: number;
  status?: number;
  /** Error type/reason for `error` faults (defaults depend on the status). */
  type?: string;
  reason?: string;
  /** `drip`: milliseconds between two bytes (default 1000). */
  intervalMs?: number;
  /** `drip` and `huge`: the size of the body (defaults 1 MB and 200 MB). */
  bytes?: number;
  /** `huge`: send a Content-Length header (default true); without it the body is chunked. */
  declareLength?: boolean;
}

export interface Fault extends FaultSpec {
  readonly id: number;
  remaining: number;
  hits: number;
}

const VALID: FaultKind[] = ['latency', 'error', 'html', 'malformed', 'empty', 'drop_before', 'drop_after', 'drip', 'huge'];

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;
  private abandoned = 0;
  private abandonWaiters: Array<{ count: number; resolve: () => void }> = [];

  /** A client went away before a streamed fault answer was complete. */
  noteAbandoned(): void {
    this.abandoned++;
    const due = this.abandonWaiters.filter((w) => w.count <= this.abandoned);
    this.abandonWaiters = this.abandonWaiters.filter((w) => w.count > this.abandoned);
    for (const w of due) w.resolve();
  }

  whenAbandoned(count: number): Promise<void> {
    return new Promise((resolve) => (count <= this.abandoned ? resolve() : this.abandonWaiters.push({ count, resolve })));
  }

  add(spec: FaultSpec): Fault {
    if (!VALID.includes(spec.kind)) throw new Error(`unknown fault kind [${String(spec.kind)}], expected one of ${VALID.join(', ')}`);
    if (spec.path !== undefined) new RegExp(spec.path);
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.times ?? Infinity, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes the faults matching a request: the summed latency, and the first non-latency fault. */
  take(method: string, path: string): { latencyMs: number; action?: Fault } {
    let latencyMs = 0;
    let action: Fault | undefined;
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.path && !new RegExp(f.path).test(path)) continue;
      if (f.kind === 'latency') latencyMs += f.latencyMs ?? 0;
      else if (action) continue;
      else action = f;
      f.remaining--;
      f.hits++;
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { latencyMs, action };
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f, remaining: f.remaining === Infinity ? -1 : f.remaining }));
  }
}

const DEFAULT_ERRORS: Record<number, [string, string]> = {
  429: ['es_rejected_execution_exception', 'rejected execution (simulated by the test server)'],
  500: ['exception', 'internal server error (simulated by the test server)'],
  502: ['exception', 'bad gateway (simulated by the test server)'],
  503: ['unavailable_shards_exception', 'primary shard is not active (simulated by the test server)'],
  504: ['exception', 'gateway timeout (simulated by the test server)'],
};

export function faultErrorBody(f: Fault): { status: number; body: Record<string, unknown> } {
  const status = f.status ?? 503;
  const [dType, dReason] = DEFAULT_ERRORS[status] ?? ['exception', 'simulated failure'];
  const cause = { type: f.type ?? dType, reason: f.reason ?? dReason };
  return { status, body: { error: { root_cause: [cause], ...cause }, status } };
}
