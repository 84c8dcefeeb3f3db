import * as vscode from 'vscode';
import { credentialsFor, secretBinding, type ConnectionConfig } from '../cluster/model/connectionConfig';
import { secretForms } from '../cluster/model/redaction';

interface StoredSecret {
  readonly binding: string;
  readonly secret: string;
}

/**
 * Each connection's password, API key or token, in VS Code's SecretStorage, keyed by connection
 * id and bound to where it may be sent: a connection whose URL or user changed asks again, so a
 * secret never follows a connection to another host.
 */
export class ConnectionSecrets {
  private readonly known = new Set<string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(config: ConnectionConfig): Promise<string | undefined> {
    const raw = await this.storage.get(key(config.id));
    if (raw === undefined) return undefined;
    const stored = JSON.parse(raw) as StoredSecret;
    if (stored.binding !== secretBinding(config)) return undefined;
    this.remember(config, stored.secret);
    return stored.secret;
  }

  async set(config: ConnectionConfig, secret: string): Promise<void> {
    this.remember(config, secret);
    await this.storage.store(key(config.id), JSON.stringify({ binding: secretBinding(config), secret } satisfies StoredSecret));
  }

  async delete(id: string): Promise<void> {
    await this.storage.delete(key(id));
  }

  /** The secrets seen in this session, in every form they take on the wire, so that logs and messages can be scrubbed of them. */
  knownSecrets(): Iterable<string> {
    return this.known;
  }

  /** Every form the secret takes on the wire (base64 of user:password, both API key forms). */
  private remember(config: ConnectionConfig, secret: string): void {
    const credentials = credentialsFor(config, secret);
    for (const form of credentials ? secretForms(credentials) : [secret]) this.known.add(form);
  }
}

function key(id: string): string {
  return `esdocs.connection.${id}`;
}
