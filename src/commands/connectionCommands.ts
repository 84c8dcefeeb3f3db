import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { ConnectionSecrets } from '../connections/connectionSecrets';
import type { CredentialPrompts } from '../connections/credentialPrompts';
import type { Redactor } from '../connections/redactor';
import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import { plainHttpRisk } from '../connections/model/connectionDisplay';
import type { Settings } from '../platform/settings';
import type { ConnectionNode } from '../explorer/treeNodes';
import { runConnectionWizard } from '../connections/connectionWizard';
import type { Pickers } from './pickers';

/** Add, edit and remove connections, and replace their credentials. */
export class ConnectionCommands {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly secrets: ConnectionSecrets,
    private readonly prompts: CredentialPrompts,
    private readonly settings: Settings,
    private readonly pickers: Pickers,
    private readonly redactor: Redactor,
  ) {}

  async add(): Promise<void> {
    const taken = new Set(this.connections.list().map((c) => c.name));
    const result = await runConnectionWizard({ taken, requestTimeoutMs: this.settings.requestTimeoutMs, redactor: this.redactor });
    if (result === undefined) return;
    if (result.secret) await this.secrets.set(result.config, result.secret);
    await this.connections.save(result.config);
    this.warnIfInsecure(result.config.name, result.config.tls.insecure);
    this.warnIfPlainHttp(result.config);
  }

  async edit(node?: ConnectionNode): Promise<void> {
    const target = node ?? (await this.pickers.connection());
    if (target === undefined) return;
    const existing = target.connection;
    if (existing.origin === 'settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'esdocs.connections');
      return;
    }
    const taken = new Set(this.connections.list().filter((c) => c.id !== existing.id).map((c) => c.name));
    const stored = existing.auth === 'none' ? undefined : await this.secrets.get(existing);
    const result = await runConnectionWizard({
      taken,
      requestTimeoutMs: this.settings.requestTimeoutMs,
      redactor: this.redactor,
      existing: { config: existing, ...(stored !== undefined ? { secret: stored } : {}) },
    });
    if (result === undefined) return;
    await this.connections.save(result.config, existing.name);
    // A secret is bound to where it may be sent: the wizard keeps the stored one only for the same
    // URL, user and certificate trust (it is stored again under a new name); otherwise it asks again.
    if (result.secret) await this.secrets.set(result.config, result.secret);
    this.warnIfInsecure(result.config.name, result.config.tls.insecure && !existing.tls.insecure);
    if (plainHttpRisk(result.config) !== plainHttpRisk(existing)) this.warnIfPlainHttp(result.config);
  }

  async remove(node?: ConnectionNode): Promise<void> {
    const target = node ?? (await this.pickers.connection());
    if (target === undefined) return;
    if (target.connection.origin === 'settings') {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is defined in the esdocs.connections setting; remove it there.', target.connection.name));
      return;
    }
    const removeLabel = vscode.l10n.t('Remove');
    const confirm = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the connection "{0}" and its stored credentials?', target.connection.name), { modal: true }, removeLabel);
    if (confirm === removeLabel) await this.connections.remove(target.connection.id);
  }

  async updateCredentials(node?: ConnectionNode): Promise<boolean> {
    const target = node ?? (await this.pickers.connection());
    if (target === undefined) return false;
    if (target.connection.auth === 'none') {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" uses no authentication. Edit the connection to choose a method.', target.connection.name));
      return false;
    }
    return this.prompts.replace(target.connection);
  }

  private warnIfPlainHttp(config: ConnectionConfig): void {
    const risk = plainHttpRisk(config);
    if (risk) void vscode.window.showWarningMessage(risk);
  }

  private warnIfInsecure(name: string, insecure: boolean | undefined): void {
    if (insecure) {
      void vscode.window.showWarningMessage(vscode.l10n.t("\"{0}\" does not verify the cluster's certificate: anyone on the network path could read and change what is sent, credentials included.", name));
    }
  }
}
