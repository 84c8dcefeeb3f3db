import * as l10n from '@vscode/l10n';
import { ClusterGateway, type GatewayHooks, type GatewaySettings } from './clusterGateway';

/** One gateway per connection, rebuilt when the connection's settings change or its credentials are replaced. */
export class GatewayPool {
  private readonly gateways = new Map<string, { key: string; gateway: ClusterGateway }>();

  constructor(
    private readonly resolve: (connectionId: string) => GatewaySettings | undefined,
    private readonly hooks: GatewayHooks = {},
  ) {}

  get(connectionId: string): ClusterGateway {
    const settings = this.resolve(connectionId);
    if (settings === undefined) throw new Error(l10n.t('There is no connection named "{0}". Add it, or check the esdocs.connections setting.', connectionId));
    const key = JSON.stringify(settings);
    const existing = this.gateways.get(connectionId);
    if (existing?.key === key) return existing.gateway;
    void existing?.gateway.close();
    const gateway = new ClusterGateway(settings, this.hooks);
    this.gateways.set(connectionId, { key, gateway });
    return gateway;
  }

  /** Drops a connection's gateway, e.g. after its credentials changed; the next request builds a new one. */
  invalidate(connectionId: string): void {
    void this.gateways.get(connectionId)?.gateway.close();
    this.gateways.delete(connectionId);
  }

  dispose(): void {
    for (const { gateway } of this.gateways.values()) void gateway.close();
    this.gateways.clear();
  }
}
