import * as vscode from 'vscode';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import { readCount } from './model/consoleCount';
import type { WireRequest } from './model/consoleRender';
import type { RequestEffect } from './model/consoleSafety';

/** A request about to be sent, with what it does. */
export interface PlannedRequest {
  readonly wire: WireRequest;
  readonly effect: RequestEffect;
}

const requestLine = (wire: WireRequest): string => `${wire.method} ${wire.path}`;

/**
 * The questions and refusals in front of a console's writes: a read-only connection sends only
 * reads; Send All of a file that writes names how many requests write and asks; a request that
 * deletes or rewrites many documents or a whole index names its target (and, for a by-query
 * request, how many documents match now: one `_count`) and asks, unless
 * `esdocs.console.confirmDestructive` is off.
 */
export class ConsoleGuards {
  constructor(private readonly confirmDestructive: () => boolean) {}

  /** False, after saying why, when the connection is read-only and a request writes. */
  allowedOn(connection: ConnectionConfig, planned: readonly PlannedRequest[]): boolean {
    if (!connection.readOnly) return true;
    const write = planned.find((request) => request.effect.kind !== 'read');
    if (write === undefined) return true;
    void vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is a read-only connection: {1} writes, so nothing was sent. Edit the connection to allow writes.', connection.name, requestLine(write.wire)),
    );
    return false;
  }

  /** Send All: when any request writes, the user is told how many and to where, and asked. */
  async confirmBatch(connection: ConnectionConfig, planned: readonly PlannedRequest[]): Promise<boolean> {
    const writes = planned.filter((request) => request.effect.kind !== 'read');
    if (writes.length === 0 || planned.length === 1) return true;
    const send = vscode.l10n.t('Send All');
    const listed = writes.slice(0, 5).map((request) => requestLine(request.wire)).join('\n');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send {0} requests to "{1}"? {2} of them write.', planned.length, connection.name, writes.length),
      { modal: true, detail: `${listed}${writes.length > 5 ? '\n…' : ''}` },
      send,
    );
    return choice === send;
  }

  /** For a destructive request: what it will do, asked; true to send. */
  async confirm(gateway: ClusterGateway, connection: ConnectionConfig, planned: PlannedRequest): Promise<boolean> {
    const { effect, wire } = planned;
    if (effect.kind !== 'destructive' || !this.confirmDestructive()) return true;
    let detail = requestLine(wire);
    if (effect.checkDestination) {
      const destination = memberText(wire.body, ['dest', 'index']);
      const name = destination === undefined ? undefined : destination.replace(/^"|"$/g, '');
      if (name === undefined) return true;
      const exists = await gateway.send({ method: 'HEAD', path: `/${encodeURIComponent(name)}` });
      if (exists.status !== 200) return true;
      detail = vscode.l10n.t('The index {0} exists: reindexing writes over its documents.', name);
    }
    if (effect.countQuery) {
      const query = memberText(wire.body, ['query']);
      const counted = await gateway.send({ method: 'POST', path: `/${effect.target}/_count`, ...(query === undefined ? {} : { body: `{"query":${query}}` }) });
      const count = counted.status < 300 ? readCount(counted.text) : undefined;
      detail = count === undefined ? vscode.l10n.t('The number of matching documents could not be counted.') : vscode.l10n.t('{0} documents match the query now.', count);
    }
    const send = vscode.l10n.t('Send');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('This request will {0} on "{1}". Send it?', effect.what, connection.name), { modal: true, detail }, send);
    return choice === send;
  }
}

/** The exact text of a member of a JSON body (`query`, `dest.index`), from the text as it will be sent. */
function memberText(body: string | undefined, path: string[]): string | undefined {
  if (body === undefined) return undefined;
  const root = parseTree(body);
  const node = root && findNodeAtLocation(root, path);
  return node ? body.slice(node.offset, node.offset + node.length) : undefined;
}
