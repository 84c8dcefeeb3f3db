import { ClusterGateway, type GatewaySettings } from '../../src/cluster/clusterGateway';

/**
 * A gateway to a plain URL without authentication, for tests and the benchmark: the product only
 * makes gateways from a configured connection (see GatewayPool).
 */
export function plainSettings(url: string, requestTimeoutMs = 30000): GatewaySettings {
  return { connection: { id: url, name: url, urls: [url], auth: 'none', tls: {}, origin: 'added' }, requestTimeoutMs };
}

export function plainGateway(url: string, requestTimeoutMs = 30000): ClusterGateway {
  return new ClusterGateway(plainSettings(url, requestTimeoutMs));
}
