// _cat/indices in text (aligned columns, `v`, `h`, `s`) and JSON formats.
import type { Router, EsResponse } from '../http/router';
import type { ServerContext } from './context';
import type { EsRequest } from '../http/es-request';
import { paramBool, paramList } from '../http/es-request';
import type { IndexState } from '../engine/index-state';
import { illegalArgument } from '../errors';

interface Column {
  name: string;
  aliases: string[];
  right: boolean;
  value: (ix: IndexState) => string;
  dflt: boolean;
}

export function byteSize(n: number): string {
  const units = ['b', 'kb', 'mb', 'gb', 'tb'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return s + units[u];
}

function columns(bytes: string | undefined, opensearch: boolean): Column[] {
  const size = (ix: IndexState): string => (ix.closed ? '' : bytes === 'b' ? String(ix.storeBytes()) : byteSize(ix.storeBytes()));
  const open = (f: (ix: IndexState) => string) => (ix: IndexState): string => (ix.closed ? '' : f(ix));
  return [
    { name: 'health', aliases: ['h'], right: false, value: (ix) => ix.health, dflt: true },
    { name: 'status', aliases: ['s'], right: false, value: (ix) => (ix.closed ? 'close' : 'open'), dflt: true },
    { name: 'index', aliases: ['i', 'idx'], right: false, value: (ix) => ix.name, dflt: true },
    { name: 'uuid', aliases: ['id'], right: false, value: (ix) => ix.uuid, dflt: true },
    { name: 'pri', aliases: ['p', 'shards.primary', 'shardsPrimary'], right: true, value: (ix) => String(ix.numShards), dflt: true },
    { name: 'rep', aliases: ['r', 'shards.replica', 'shardsReplica'], right: true, value: (ix) => String(ix.replicas), dflt: true },
    { name: 'docs.count', aliases: ['dc', 'docsCount'], right: true, value: open((ix) => String(ix.docCount())), dflt: true },
    { name: 'docs.deleted', aliases: ['dd', 'docsDeleted'], right: true, value: open((ix) => String(ix.deletedCount())), dflt: true },
    { name: 'creation.date', aliases: ['cd'], right: true, value: (ix) => String(ix.creationDate), dflt: false },
    { name: 'creation.date.string', aliases: ['cds'], right: true, value: (ix) => new Date(ix.creationDate).toISOString(), dflt: false },
    { name: 'store.size', aliases: ['ss', 'storeSize'], right: true, value: size, dflt: true },
    { name: 'pri.store.size', aliases: [], right: true, value: size, dflt: true },
    // Elasticsearch's (8.11 on); OpenSearch has no such column.
    ...(opensearch ? [] : [{ name: 'dataset.size', aliases: [], right: true, value: size, dflt: true }]),
  ];
}

export function registerCatRoutes(router: Router, ctx: ServerContext): void {
  const handler = (req: EsRequest): EsResponse => {
    const health = req.query.get('health');
    if (health !== undefined && !['green', 'yellow', 'red'].includes(health)) throw illegalArgument(`unknown cluster health status [${health}]`);
    const names = req.pathParams.index?.split(',') ?? [];
    const expand = paramList(req, 'expand_wildcards') ?? ['all'];
    let indices = ctx.cluster.resolve(names, { expandWildcards: expand.includes('all') ? ['open', 'closed'] : expand, ignoreUnavailable: false });
    if (health) indices = indices.filter((ix) => ix.health === health);
    const all = columns(req.query.get('bytes'), ctx.dialect.opensearch);
    const h = paramList(req, 'h');
    const cols = h
      ? h.map((name) => {
          const c = all.find((x) => x.name === name || x.aliases.includes(name));
          if (!c) throw illegalArgument(`Unknown column [${name}]`);
          return c;
        })
      : all.filter((c) => c.dflt);
    const rows = indices.map((ix) => cols.map((c) => c.value(ix)));
    const sorts = (paramList(req, 's') ?? []).map((s) => {
      const [name, dir] = s.split(':');
      const idx = cols.findIndex((c) => c.name === name || c.aliases.includes(name!));
      const col = idx >= 0 ? idx : -1;
      return { col, sortCol: all.find((c) => c.name === name || c.aliases.includes(name!)), desc: dir === 'desc' };
    });
    const order = indices.map((ix, i) => ({ ix, row: rows[i]! }));
    order.sort((a, b) => {
      for (const s of sorts) {
        const x = s.sortCol ? s.sortCol.value(a.ix) : '';
        const y = s.sortCol ? s.sortCol.value(b.ix) : '';
        const num = s.sortCol?.right && x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y));
        const c = num ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        if (c !== 0) return s.desc ? -c : c;
      }
      return 0;
    });
    const format = req.query.get('format');
    if (format === 'json') {
      return { status: 200, body: order.map(({ row }) => Object.fromEntries(cols.map((c, i) => [c.name, row[i] === '' ? null : row[i]]))) };
    }
    const table = order.map((o) => o.row);
    if (paramBool(req, 'v', false)) table.unshift(cols.map((c) => c.name));
    const widths = cols.map((_, i) => Math.max(0, ...table.map((r) => r[i]!.length)));
    const text = table
      .map((r) => r.map((cell, i) => (i === cols.length - 1 ? (cols[i]!.right ? cell.padStart(widths[i]!) : cell) : cols[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' ') + '\n')
      .join('');
    return { status: 200, text };
  };
  router.add('cat.indices', ['GET'], '/_cat/indices', 'none', handler);
  router.add('cat.indices', ['GET'], '/_cat/indices/{index}', 'none', handler);
}
