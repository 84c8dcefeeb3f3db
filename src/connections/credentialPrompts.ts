import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { ClusterFailure } from '../cluster/model/clusterErrors';
import { credentialsFor, hasStoredSecret, normalizeSecret, secretLabel, type ConnectionConfig, type Credentials } from '../cluster/model/connectionConfig';
import type { ConnectionSecrets } from './connectionSecrets';
import type { Redactor } from './redactor';


/**
 * Credentials are asked for once and kept in SecretStorage. A 401 or 403 offers to replace them,
 * and nothing is retried until the user has acted.
 */
export class CredentialPrompts extends Disposable {
  private readonly offering = new Set<string>();
  private readonly replaced = this.register(new vscode.EventEmitter<string>());
  /** A connection's credentials were replaced: its gateway must be rebuilt and its views reloaded. */
  readonly onDidReplace = this.replaced.event;

  constructor(
    private readonly secrets: ConnectionSecrets,
    private readonly redactor: Redactor,
  ) {
    super();
  }

  async credentials(connection: ConnectionConfig): Promise<Credentials | undefined> {
    // AWS signing reads the AWS chain itself: there is nothing to ask for or keep.
    if (!hasStoredSecret(connection.auth)) return undefined;
    const secret = (await this.secrets.get(connection)) ?? (await this.ask(connection));
    if (secret === undefined) throw new Error(vscode.l10n.t('No {0} was given for "{1}".', secretLabel(connection.auth), connection.name));
    return credentialsFor(connection, secret);
  }

  /** Asks for a new secret and stores it; true when the user gave one. */
  async replace(connection: ConnectionConfig): Promise<boolean> {
    // Nothing to ask for AWS: a new gateway reads the AWS chain again (after `aws sso login`, new keys).
    if (connection.auth === 'aws') {
      this.replaced.fire(connection.id);
      return true;
    }
    const secret = await this.ask(connection);
    if (secret === undefined) return false;
    this.replaced.fire(connection.id);
    return true;
  }

  /** After a 401 or 403: says so once per connection, and offers to replace the credentials. */
  offerReplacement(connection: ConnectionConfig, failure: ClusterFailure): void {
    if (this.offering.has(connection.id)) return;
    this.offering.add(connection.id);
    const message = this.redactor.failure(`"${connection.name}"`, failure);
    // Without authentication there is nothing to update: Edit Connection… chooses a method. AWS
    // credentials are refreshed outside (aws sso login, new keys); reloading reads the chain again.
    const reloadAws = vscode.l10n.t('Reload AWS Credentials');
    const updateCredentials = vscode.l10n.t('Update Credentials');
    const actions = connection.auth === 'aws' ? [reloadAws] : connection.auth === 'none' ? [] : [updateCredentials];
    void vscode.window.showWarningMessage(message, ...actions).then(async (choice) => {
      this.offering.delete(connection.id);
      if (choice === updateCredentials || choice === reloadAws) await this.replace(connection);
    });
  }

  private async ask(connection: ConnectionConfig): Promise<string | undefined> {
    if (!hasStoredSecret(connection.auth)) return undefined;
    const label = secretLabel(connection.auth);
    const who = connection.auth === 'basic' ? `${connection.username ?? ''}@${connection.name}` : connection.name;
    const secret = await vscode.window.showInputBox({
      title: vscode.l10n.t('Elasticsearch: {0} for {1}', label, who),
      prompt:
        connection.auth === 'apiKey'
          ? vscode.l10n.t("Kept in VS Code's secret storage, never in settings. Either id:key or the encoded form.")
          : vscode.l10n.t("Kept in VS Code's secret storage, never in settings."),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value === '' ? vscode.l10n.t('Enter the {0}', label) : undefined),
    });
    if (secret === undefined) return undefined;
    const stored = normalizeSecret(connection, secret);
    await this.secrets.set(connection, stored);
    return stored;
  }
}
