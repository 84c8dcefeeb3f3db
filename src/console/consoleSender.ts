import * as vscode from 'vscode';
import type { GatewayPool } from '../cluster/gatewayPool';
import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import type { DescribeError } from '../cluster/model/clusterErrors';
import { exchange } from './consoleExchange';
import type { ConsoleConnections } from './consoleConnections';
import type { ConsoleGuards, PlannedRequest } from './consoleGuards';
import type { ConsoleHistory } from './consoleHistory';
import type { ConsoleKnowledge } from './consoleKnowledge';
import type { ConsoleResultsView } from './consoleResultsView';
import { analyzeRequest } from './model/consoleChecks';
import { splitPath } from './model/consoleEndpoints';
import { parseConsole, type ConsoleRequest } from './model/consoleParser';
import type { ConsoleAnswer } from './model/consoleResults';
import { tableRequestOf } from './model/consoleTable';
import { effectOf } from './model/consoleSafety';

/** Which requests of a console to send. */
export type SendTarget = { readonly kind: 'one'; readonly index: number } | { readonly kind: 'cursor' } | { readonly kind: 'all' };

/**
 * Sends a console's requests, one after another in order, through the connection's own gateway:
 * each once, never retried. An HTTP error status is an answer (shown, and the next request goes
 * on, as in Kibana); a transport failure stops the run and is said once. Nothing is sent from a
 * workspace in Restricted Mode, nor a request with an undefined variable, nor a write to a
 * read-only connection; Send All of writes and destructive requests ask first (`ConsoleGuards`).
 */
export class ConsoleSender {
  constructor(
    private readonly knowledge: ConsoleKnowledge,
    private readonly connections: ConsoleConnections,
    private readonly gateways: GatewayPool,
    private readonly guards: ConsoleGuards,
    private readonly results: ConsoleResultsView,
    private readonly history: ConsoleHistory,
    private readonly describe: DescribeError,
  ) {}

  async send(document: vscode.TextDocument, target: SendTarget, selection?: vscode.Selection): Promise<readonly ConsoleAnswer[]> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode: consoles send nothing until you trust it.'));
      return [];
    }
    const text = document.getText();
    const file = parseConsole(text);
    const requests = chosen(file.requests, target, selection && { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end), empty: selection.isEmpty });
    if (requests.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no request here to send: a request starts with a line such as GET /_search.'));
      return [];
    }
    await this.knowledge.loadTable();
    const sources = this.knowledge.sourcesNow(document, file)!;
    const analyses = requests.map((request) => analyzeRequest(text, request, sources));
    const blocked = analyses.flatMap((analysis) => analysis.diagnostics).find((problem) => problem.code === 'variable');
    if (blocked) {
      void vscode.window.showErrorMessage(blocked.message);
      return [];
    }
    const connection = await this.connections.resolve(document);
    if (connection === undefined) return [];
    const planned: PlannedRequest[] = analyses.map((analysis) => {
      const wire = analysis.rendered.ok ? analysis.rendered.request : undefined;
      return { wire: wire!, effect: effectOf(analysis.request.method, analysis.resolution, splitPath(wire!.path).segments) };
    });
    if (!this.guards.allowedOn(connection, planned)) return [];
    if (target.kind === 'all' && !(await this.guards.confirmBatch(connection, planned))) return [];
    return this.run(document, connection, requests, planned);
  }

  private run(document: vscode.TextDocument, connection: ConnectionConfig, requests: readonly ConsoleRequest[], planned: readonly PlannedRequest[]): Thenable<ConsoleAnswer[]> {
    const gateway = this.gateways.get(connection.id);
    const answers: Array<{ answer: ConsoleAnswer; connectionId: string }> = [];
    const title = planned.length === 1 ? vscode.l10n.t('Sending {0} {1} to {2}', planned[0].wire.method, planned[0].wire.path, connection.name) : vscode.l10n.t('Sending {0} requests to {1}', planned.length, connection.name);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
      for (let i = 0; i < planned.length && !cancel.isCancellationRequested; i++) {
        const { wire } = planned[i];
        const request = requests[i];
        progress.report({ message: `${wire.method} ${wire.path}`, ...(planned.length > 1 ? { increment: 100 / planned.length } : {}) });
        try {
          if (!(await this.guards.confirm(gateway, connection, planned[i]))) break;
          const sent = await exchange(gateway, wire);
          const table = sent.status === 200 ? tableRequestOf(wire.method, wire.path, wire.body) : undefined;
          const answer: ConsoleAnswer = { requestLine: `${wire.method} ${wire.path}`, line: request.line, status: sent.status, elapsedMs: sent.elapsedMs, bytes: sent.bytes, text: sent.text, json: sent.json, ...(table ? { table } : {}) };
          answers.push({ answer, connectionId: connection.id });
          const source = document.getText();
          await this.history.record({
            method: request.method,
            path: request.path,
            ...(request.body ? { body: source.slice(request.body.span.start, request.body.span.end) } : {}),
            connection: connection.name,
            status: sent.status,
            time: new Date().toISOString(),
          });
        } catch (error) {
          void vscode.window.showErrorMessage(this.describe(vscode.l10n.t('Sending {0} {1}', wire.method, wire.path), error, planned[i].effect.kind !== 'read'));
          break;
        }
      }
      if (answers.length > 0) await this.results.show(document.uri, answers);
      return answers.map(({ answer }) => answer);
    });
  }
}

/** The requests a send covers: the one given, those a selection touches, the one at the cursor, or all. */
function chosen(requests: readonly ConsoleRequest[], target: SendTarget, selection: { start: number; end: number; empty: boolean } | undefined): ConsoleRequest[] {
  if (target.kind === 'all') return [...requests];
  if (target.kind === 'one') return requests[target.index] ? [requests[target.index]] : [];
  if (selection === undefined) return [];
  if (!selection.empty) return requests.filter((request) => request.span.start <= selection.end && selection.start <= request.span.end);
  // The cursor belongs to the request above it, up to the next method line.
  const at = requests.filter((request) => request.span.start <= selection.start).pop();
  return at ? [at] : [];
}
