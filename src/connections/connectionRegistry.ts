import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { connectionFromSetting, connectionToSetting, type ConnectionConfig } from '../core/connectionConfig';
import type { ConnectionSecrets } from './connectionSecrets';

const STATE_KEY = 'esdocs.addedConnections';

/**
 * Connections from the `esdocs.connections` setting and those added with the command (kept in
 * global state), side by side. The name is the id; a setting wins over an added connection of
 * the same name. Neither place ever holds a secret.
 */
export class ConnectionRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly settings: Settings,
    private readonly state: vscode.Memento,
    private readonly secrets: ConnectionSecrets,
  ) {
    this.subscription = settings.onDidChange((affects) => {
      if (affects('connections')) this.changed.fire();
    });
  }

  list(): ConnectionConfig[] {
    const fromSettings = this.settings.connections.map(connectionFromSetting).filter((c): c is ConnectionConfig => c !== undefined);
    const taken = new Set(fromSettings.map((c) => c.id));
    const added = this.stored()
      .map(connectionFromSetting)
      .filter((c): c is ConnectionConfig => c !== undefined && !taken.has(c.id))
      .map((c): ConnectionConfig => ({ ...c, origin: 'added' }));
    return [...fromSettings, ...added];
  }

  get(id: string): ConnectionConfig | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Adds or replaces (by name) an added connection; `replacing` names the one an edit started from. */
  async save(config: ConnectionConfig, replacing?: string): Promise<void> {
    const others = this.stored().filter((c) => c.name !== config.name && c.name !== replacing);
    await this.state.update(STATE_KEY, [...others, connectionToSetting(config)]);
    if (replacing !== undefined && replacing !== config.name) await this.secrets.delete(replacing);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(STATE_KEY, this.stored().filter((c) => c.name !== id));
    await this.secrets.delete(id);
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private stored(): Array<Record<string, unknown>> {
    return this.state.get<Array<Record<string, unknown>>>(STATE_KEY, []);
  }
}
