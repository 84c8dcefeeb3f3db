import { ClusterGateway, type ConnectionSettings } from './clusterGateway';

/** One gateway per connection, rebuilt when the connection's settings change. */
export class GatewayPool {
  private readonly gateways = new Map<string, { key: string; gateway: ClusterGateway }>();

  constructor(private readonly resolve: (connectionId: string) => ConnectionSettings | undefined) {}

  get(connectionId: string): ClusterGateway {
    const settings = this.resolve(connectionId);
    if (settings === undefined) throw new Error(`There is no connection named "${connectionId}". Add it, or check the esdocs.connections setting.`);
    const key = JSON.stringify(settings);
    const existing = this.gateways.get(connectionId);
    if (existing?.key === key) return existing.gateway;
    void existing?.gateway.close();
    const gateway = new ClusterGateway(settings);
    this.gateways.set(connectionId, { key, gateway });
    return gateway;
  }

  dispose(): void {
    for (const { gateway } of this.gateways.values()) void gateway.close();
    this.gateways.clear();
  }
}
