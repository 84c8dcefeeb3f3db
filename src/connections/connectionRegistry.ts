import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { Settings } from '../platform/settings';
import { connectionFromSetting, connectionToSetting, readConnectionSetting, type ConnectionConfig } from '../cluster/model/connectionConfig';
import type { ConnectionSecrets } from './connectionSecrets';

const STATE_KEY = 'esdocs.addedConnections';

/**
 * Connections from the `esdocs.connections` setting and those added with the command (kept in
 * global state), side by side. The name is the id; a setting wins over an added connection of
 * the same name. Neither place ever holds a secret.
 */
export class ConnectionRegistry extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Connections already warned about credentials in their URL, so that the warning shows once. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly settings: Settings,
    private readonly state: vscode.Memento,
    private readonly secrets: ConnectionSecrets,
    private readonly warn: (message: string) => void = (message) => void vscode.window.showWarningMessage(message),
  ) {
    super();
    this.register(
      settings.onDidChange((affects) => {
        if (affects('connections')) this.changed.fire();
      }),
    );
  }

  list(): ConnectionConfig[] {
    const fromSettings = this.settings.connections.map((raw) => this.readSetting(raw)).filter((c): c is ConnectionConfig => c !== undefined);
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

  /**
   * A URL's `user:password@` is neither shown nor used (settings are no place for a secret, and
   * a folder could choose them): the user is told once where the password goes instead.
   */
  private readSetting(raw: unknown): ConnectionConfig | undefined {
    const read = readConnectionSetting(raw);
    if (read === undefined) return undefined;
    const { config, ignoredCredentials } = read;
    if (ignoredCredentials && !this.warned.has(config.id)) {
      this.warned.add(config.id);
      const where =
        config.auth === 'none'
          ? vscode.l10n.t('Set "auth": "basic" and "username" in the setting instead: the password is then asked for once and kept in secret storage.')
          : vscode.l10n.t('Use Update Credentials… on the connection to keep the secret in secret storage.');
      this.warn(vscode.l10n.t('The URL of connection "{0}" contains credentials; they were ignored. {1}', config.name, where));
    }
    return config;
  }

  private stored(): Array<Record<string, unknown>> {
    return this.state.get<Array<Record<string, unknown>>>(STATE_KEY, []);
  }
}
