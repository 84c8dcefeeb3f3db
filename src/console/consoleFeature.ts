import * as vscode from 'vscode';
import type { GatewayPool } from '../cluster/gatewayPool';
import type { DescribeError } from '../cluster/model/clusterErrors';
import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import type { MappingCache } from '../mapping/mappingCache';
import type { Settings } from '../platform/settings';
import { API_TABLE_PATH, ApiTableFile } from './apiTableFile';
import { ConsoleBindings } from './consoleBindings';
import { ConsoleCommands } from './consoleCommands';
import { ConsoleConnections } from './consoleConnections';
import { ConsoleGuards } from './consoleGuards';
import { ConsoleHistory } from './consoleHistory';
import { ConsoleKnowledge } from './consoleKnowledge';
import { ConsoleLanguage } from './consoleLanguage';
import { ConsoleLenses } from './consoleLenses';
import { ConsoleResultsView } from './consoleResultsView';
import { ConsoleSender } from './consoleSender';

export interface ConsoleServices {
  readonly context: vscode.ExtensionContext;
  readonly settings: Settings;
  readonly gateways: GatewayPool;
  readonly mappings: MappingCache;
  readonly connection: (id: string) => ConnectionConfig | undefined;
  /** The extension's connection picker. */
  readonly pickConnection: () => Promise<ConnectionConfig | undefined>;
  readonly describe: DescribeError;
  readonly redact: (text: string) => string;
}

/** The request console, wired: its language, lenses, results view and commands. */
export function createConsole(services: ConsoleServices): { commands: ConsoleCommands; results: ConsoleResultsView; knowledge: ConsoleKnowledge; disposables: vscode.Disposable[] } {
  const { context, settings, gateways, mappings, connection, pickConnection, describe, redact } = services;
  const tableFile = new ApiTableFile(vscode.Uri.joinPath(context.extensionUri, API_TABLE_PATH).fsPath);
  const bindings = new ConsoleBindings(context.workspaceState, connection);
  const knowledge = new ConsoleKnowledge(tableFile, bindings, gateways, mappings, () => settings.consoleVariables);
  const language = new ConsoleLanguage(knowledge, bindings);
  const lenses = new ConsoleLenses(bindings, knowledge);
  const results = new ConsoleResultsView();
  const history = new ConsoleHistory(context.workspaceState, redact);
  const connections = new ConsoleConnections(bindings, pickConnection);
  const sender = new ConsoleSender(knowledge, connections, gateways, new ConsoleGuards(() => settings.confirmDestructive), results, history, describe);
  const commands = new ConsoleCommands(sender, connections, bindings, history, knowledge, connection);
  const disposables = [
    bindings,
    knowledge,
    language,
    lenses,
    results,
    settings.onDidChange((affects) => {
      if (affects('console.variables')) knowledge.invalidate();
    }),
  ];
  return { commands, results, knowledge, disposables };
}
