// The Elasticsearch-compatible test server: an in-memory, single-node cluster speaking Elasticsearch's
// REST API (documents, search, indices) with its concurrency semantics, plus a test control API.
// Optionally secured like a real cluster: credentials required (`auth`) and HTTPS with its own CA (`tls`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Router } from './http/router';
import { Cluster } from './engine/cluster';
import { PitRegistry } from './engine/pit';
import type { ServerContext } from './handlers/context';
import { registerWriteRoutes } from './handlers/write-routes';
import { registerReadRoutes } from './handlers/read-routes';
import { registerBulkRoute } from './handlers/bulk-route';
import { registerEsqlRoute } from './handlers/esql-route';
import { registerSearchRoutes } from './handlers/search-routes';
import { registerPitRoutes } from './handlers/pit-routes';
import { registerIndicesRoutes } from './handlers/indices-routes';
import { registerAliasRoutes } from './handlers/alias-routes';
import { registerMappingRoutes } from './handlers/mapping-routes';
import { registerCatRoutes } from './handlers/cat-routes';
import { registerClusterRoutes } from './handlers/cluster-routes';
import { registerDataStreamRoutes } from './handlers/data-stream-routes';
import { registerResolveIndexRoute } from './handlers/resolve-index-route';
import { FaultRegistry } from './faults';
import { RequestLog } from './request-log';
import { dispatch } from './dispatch';
import { seedMovies } from './seed-movies';
import { registerSecurityRoutes } from './security/security-routes';
import type { AuthOptions } from './security/authenticate';
import type { SigV4Options } from './security/sigv4';
import { prepareTlsMaterial, type TlsMaterial } from './security/certificates';

import { dialectOf, normalizeProductVersion, parseDistribution, productHeaders, type Distribution } from './distribution';

export type { AuthOptions } from './security/authenticate';
export type { Distribution } from './distribution';

export interface EsServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The product to impersonate: 'elasticsearch' (default) or 'opensearch'. */
  distribution?: Distribution;
  /**
   * Version to impersonate. Elasticsearch: default '8.19.0'; also e.g. '7.17.29', '8.x', '9.x', '9.1.0'.
   * OpenSearch: default '2.19.6'; also e.g. '1.3.x', '2.x', '2.11.1', '3.x'.
   */
  version?: string;
  /** Primary shards of indices created without number_of_shards (default 1). */
  defaultShards?: number;
  /** Default index.refresh_interval in ms (default 1000; -1 = no periodic refresh). */
  refreshIntervalMs?: number;
  /** The clock point-in-time keep-alives are measured by (default `Date.now`): a test moves it instead of waiting. */
  clock?: () => number;
  seed?: 'movies';
  /** Security on: every request (but /_esdocs_test/) needs one of these credentials, else 401. */
  auth?: AuthOptions;
  /** As Amazon OpenSearch Service: requests must be signed with SigV4 by this region, service and key pair. */
  awsSigV4?: SigV4Options;
  /**
   * Serve HTTPS with a generated CA. `certDir` keeps the CA and server certificate (reused when already
   * there); without it they go to a temporary directory removed on close. `chain` serves exactly the
   * given key and certificate chain (PEM) instead, e.g. a forged one; the server then has no CA file.
   */
  tls?: boolean | { certDir?: string; chain?: { key: string; cert: string } };
}

export interface RunningEsServer {
  /** `http://127.0.0.1:PORT`, or `https://…` with `tls`. */
  readonly url: string;
  readonly port: number;
  /** With `tls`: the CA certificate file (PEM) clients must trust. */
  readonly caCertPath?: string;
  /** With `tls`: SHA-256 of the CA certificate as colon-separated upper-case hex. */
  readonly caFingerprint?: string;
  /** With `tls`: the same fingerprint as plain lower-case hex (how Elasticsearch prints it). */
  readonly caFingerprintHex?: string;
  /** Resolves once clients have gone away in the middle of `count` streamed fault answers (`drip`, `huge`). */
  whenAnswersAbandoned(count: number): Promise<void>;
  /** Resolves after the next periodic refresh (index.refresh_interval) of an existing index. */
  whenRefreshed(index: string): Promise<void>;
  close(): Promise<void>;
}

/** An Elasticsearch version as the server takes it (see normalizeProductVersion for OpenSearch's). */
export function normalizeVersion(v: string | undefined): string {
  return normalizeProductVersion('elasticsearch', v);
}

export function buildRouter(ctx: ServerContext): Router {
  const router = new Router();
  registerClusterRoutes(router, ctx);
  registerWriteRoutes(router, ctx);
  registerReadRoutes(router, ctx);
  registerBulkRoute(router, ctx);
  registerSearchRoutes(router, ctx);
  // ES|QL came with Elasticsearch 8.11.
  if (!ctx.dialect.opensearch && (ctx.dialect.major > 8 || (ctx.dialect.major === 8 && ctx.dialect.minor >= 11))) registerEsqlRoute(router, ctx);
  registerPitRoutes(router, ctx);
  registerIndicesRoutes(router, ctx);
  registerAliasRoutes(router, ctx);
  registerMappingRoutes(router, ctx);
  registerCatRoutes(router, ctx);
  registerResolveIndexRoute(router, ctx);
  registerDataStreamRoutes(router, ctx);
  // Elasticsearch's security API; OpenSearch's security is a plugin with APIs of its own.
  if (!ctx.dialect.opensearch) registerSecurityRoutes(router);
  return router;
}

export async function startEsServer(options: EsServerOptions = {}): Promise<RunningEsServer> {
  const distribution = parseDistribution(options.distribution);
  const version = normalizeProductVersion(distribution, options.version);
  const dialect = dialectOf(distribution, version);
  const cluster = new Cluster({ dialect, defaultShards: options.defaultShards ?? 1, refreshIntervalMs: options.refreshIntervalMs ?? 1000 });
  const ctx: ServerContext = { cluster, pits: new PitRegistry(options.clock, !dialect.opensearch && dialect.major >= 9), version, dialect, nodeName: 'esdocs-test-node', clusterName: 'esdocs-test-cluster' };
  const router = buildRouter(ctx);
  const deps = { ctx, faults: new FaultRegistry(), log: new RequestLog(), auth: options.auth, awsSigV4: options.awsSigV4 };
  if (options.seed === 'movies') seedMovies(cluster);
  else if (options.seed !== undefined) throw new Error(`unknown seed [${String(options.seed)}]`);

  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(router, deps, req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json', ...productHeaders(dialect) });
        res.end(JSON.stringify({ error: { root_cause: [], type: 'exception', reason: String(e) }, status: 500 }));
      }
    });
  };
  const chain = typeof options.tls === 'object' ? options.tls.chain : undefined;
  const tls: TlsMaterial | undefined = options.tls && !chain ? prepareTlsMaterial(options.tls === true ? undefined : options.tls.certDir) : undefined;
  const served = chain ?? tls;
  const server = served ? createHttpsServer({ key: served.key, cert: served.cert }, onRequest) : createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  }).catch((e: unknown) => {
    tls?.dispose();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${served ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    ...(tls ? { caCertPath: tls.caCertPath, caFingerprint: tls.caFingerprint, caFingerprintHex: tls.caFingerprintHex } : {}),
    whenAnswersAbandoned: (count) => deps.faults.whenAbandoned(count),
    whenRefreshed: (index) => {
      const state = cluster.indices.get(index);
      return state ? state.nextPeriodicRefresh() : Promise.reject(new Error(`no index [${index}]`));
    },
    close: () =>
      new Promise<void>((resolve) => {
        ctx.pits.closeAll();
        cluster.reset();
        for (const s of sockets) s.destroy();
        server.close(() => {
          tls?.dispose();
          resolve();
        });
      }),
  };
}
