// One index: its settings, mappings, aliases and primary shards, plus its periodic refresh.
import { randomBytes } from 'node:crypto';
import { Shard } from './shard';
import { defaultRoutingShards, shardForRouting } from './routing';
import { type FlatSettings, intSetting, parseTimeValue } from './settings';
import type { Mapping } from './mapping';
import { illegalArgument } from '../errors';

export interface AliasMeta {
  filter?: unknown;
  index_routing?: string;
  search_routing?: string;
  is_write_index?: boolean;
  is_hidden?: boolean;
}

export interface IndexDefaults {
  shards: number;
  refreshIntervalMs: number;
  versionCreated: string;
}

export function randomUuid(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

export class IndexState {
  readonly uuid = randomUuid();
  readonly creationDate = Date.now();
  readonly shards: Shard[];
  readonly numShards: number;
  readonly routingNumShards: number;
  readonly aliases = new Map<string, AliasMeta>();
  closed = false;
  dataStream?: string;
  private timer?: NodeJS.Timeout;
  /** Waiting for the next periodic refresh: tests await it rather than a span of time. */
  private refreshWaiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly settings: FlatSettings,
    public mappings: Mapping,
    private readonly defaults: IndexDefaults,
  ) {
    this.numShards = intSetting(settings, 'index.number_of_shards', defaults.shards, 1);
    if (this.numShards > 1024) throw illegalArgument(`Failed to parse value [${this.numShards}] for setting [index.number_of_shards] must be <= 1024`);
    const routingShards = settings.get('index.number_of_routing_shards');
    this.routingNumShards = routingShards === undefined ? defaultRoutingShards(this.numShards) : intSetting(settings, 'index.number_of_routing_shards', 1, 1);
    if (this.routingNumShards % this.numShards !== 0) {
      throw illegalArgument(`the number of source shards [${this.numShards}] must be a factor of [${this.routingNumShards}]`);
    }
    const replicas = intSetting(settings, 'index.number_of_replicas', 1, 0);
    settings.delete('index.number_of_routing_shards');
    settings.set('index.number_of_shards', String(this.numShards));
    settings.set('index.number_of_replicas', String(replicas));
    settings.set('index.uuid', this.uuid);
    settings.set('index.provided_name', name);
    settings.set('index.creation_date', String(this.creationDate));
    settings.set('index.version.created', defaults.versionCreated);
    if (this.routingNumShards !== defaultRoutingShards(this.numShards)) {
      settings.set('index.number_of_routing_shards', String(this.routingNumShards));
    }
    this.shards = Array.from({ length: this.numShards }, (_, i) => new Shard(i));
    this.scheduleRefresh();
  }

  get replicas(): number {
    return Number(this.settings.get('index.number_of_replicas') ?? 1);
  }

  get hidden(): boolean {
    return this.settings.get('index.hidden') === 'true';
  }

  get health(): 'green' | 'yellow' {
    return this.replicas > 0 ? 'yellow' : 'green';
  }

  setting(key: string): string | undefined {
    const v = this.settings.get(key);
    return Array.isArray(v) ? v.join(',') : v;
  }

  intSetting(key: string, dflt: number): number {
    return intSetting(this.settings, key, dflt);
  }

  /** `_source: {enabled: false}` in the mapping: documents are indexed but their source is not returned. */
  get sourceEnabled(): boolean {
    const s = this.mappings._source as { enabled?: unknown } | undefined;
    return s?.enabled !== false && s?.enabled !== 'false';
  }

  get routingRequired(): boolean {
    const r = this.mappings._routing as { required?: unknown } | undefined;
    return r?.required === true || r?.required === 'true';
  }

  shardNumFor(id: string, routing: string | undefined): number {
    if (this.numShards === 1) return 0;
    return shardForRouting(routing ?? id, this.numShards, this.routingNumShards);
  }

  shardFor(id: string, routing: string | undefined): Shard {
    return this.shards[this.shardNumFor(id, routing)]!;
  }

  refresh(): void {
    for (const s of this.shards) s.refresh();
  }

  /** Refresh interval from index.refresh_interval, else the server default; -1 disables. */
  refreshIntervalMs(): number {
    const v = this.setting('index.refresh_interval');
    return v === undefined ? this.defaults.refreshIntervalMs : parseTimeValue(v, 'index.refresh_interval');
  }

  scheduleRefresh(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const ms = this.refreshIntervalMs();
    if (ms > 0) {
      this.timer = setInterval(() => this.periodicRefresh(), ms);
      this.timer.unref();
    }
  }

  /** Resolves after the next refresh made by index.refresh_interval. */
  nextPeriodicRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  private periodicRefresh(): void {
    this.refresh();
    const waiters = this.refreshWaiters;
    this.refreshWaiters = [];
    for (const resolve of waiters) resolve();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  docCount(): number {
    return this.shards.reduce((n, s) => n + s.snapshot().count, 0);
  }

  deletedCount(): number {
    return this.shards.reduce((n, s) => n + s.deletedDocs(), 0);
  }

  /** A rough store size: the bytes of the stored sources. */
  storeBytes(): number {
    let n = 0;
    for (const s of this.shards) for (const r of s.scan(s.snapshot())) n += r.source!.length;
    return n + 225 * this.numShards;
  }
}
