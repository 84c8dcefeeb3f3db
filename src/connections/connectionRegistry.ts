import * as vscode from 'vscode';
import type { Settings } from '../config/settings';

export interface Connection {
  /** Stable and unique: it is part of every document URI of this connection. */
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly origin: 'settings' | 'added';
}

const STATE_KEY = 'esdocs.addedConnections';

interface StoredConnection {
  readonly name: string;
  readonly url: string;
}

/**
 * Connections from the `esdocs.connections` setting and those added with the command (kept in
 * global state), side by side. The name is the id; a setting wins over an added connection of
 * the same name.
 */
export class ConnectionRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly settings: Settings,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = settings.onDidChange((affects) => {
      if (affects('connections')) this.changed.fire();
    });
  }

  list(): Connection[] {
    const fromSettings = this.settings.connections.map((c): Connection => ({ id: c.name, name: c.name, url: c.url, origin: 'settings' }));
    const taken = new Set(fromSettings.map((c) => c.id));
    const added = this.stored()
      .filter((c) => !taken.has(c.name))
      .map((c): Connection => ({ id: c.name, name: c.name, url: c.url, origin: 'added' }));
    return [...fromSettings, ...added];
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  async add(name: string, url: string): Promise<void> {
    await this.state.update(STATE_KEY, [...this.stored().filter((c) => c.name !== name), { name, url }]);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(STATE_KEY, this.stored().filter((c) => c.name !== id));
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private stored(): StoredConnection[] {
    return this.state.get<StoredConnection[]>(STATE_KEY, []);
  }
}
