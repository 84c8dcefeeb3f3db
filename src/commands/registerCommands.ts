import * as vscode from 'vscode';
import type { ConsoleCommands } from '../console/consoleCommands';
import type { ExportRequest, ImportRequest, TransferCommands } from '../transfer/transferCommands';
import type { OpenTableRequest, TableActionRequest, TableFeature } from '../table/tableFeature';
import type { BulkCommands, BulkTarget, ChangeSetOptions, PreviewOptions } from '../bulk/bulkCommands';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import type { ConflictResolver } from '../documents/conflictResolver';
import { ExplicitSave } from '../documents/explicitSave';
import { CommandIds, type CommandId } from '../platform/model/commandIds';
import { runSafely, type FailureReport } from './commandErrors';
import type { ConnectionCommands } from './connectionCommands';
import { conflictCommands, openDocument, openHit, type ProposedMerge } from './documentCommands';
import type { DocumentOperations } from './documentOperations';
import type { ExplorerCommands } from './explorerCommands';
import type { TreeNode } from '../explorer/treeNodes';
import type { Pickers } from './pickers';

export interface CommandServices {
  readonly connectionCommands: ConnectionCommands;
  readonly explorer: ExplorerCommands;
  readonly pickers: Pickers;
  readonly conflicts: ConflictResolver;
  readonly operations: DocumentOperations;
  readonly explicitSave: ExplicitSave;
  readonly console: ConsoleCommands;
  readonly transfer: TransferCommands;
  readonly tables: TableFeature;
  readonly bulk: BulkCommands;
  readonly report: FailureReport;
  /** A Refresh of a row (or, without one, of the whole view): what was read for it is read again. */
  readonly onRefresh?: (node?: TreeNode) => void;
}

/**
 * Binds every id of `CommandIds` to its handler; the record's type makes a missing one a compile
 * error. Every handler runs through the one error handler.
 */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const { connectionCommands, explorer, pickers, conflicts, operations, explicitSave, console, transfer, tables, bulk, report, onRefresh } = services;
  const conflict = conflictCommands(conflicts);
  const handlers: Record<CommandId, (...args: never[]) => unknown> = {
    [CommandIds.addConnection]: () => connectionCommands.add(),
    [CommandIds.editConnection]: (node) => connectionCommands.edit(node),
    [CommandIds.removeConnection]: (node) => connectionCommands.remove(node),
    [CommandIds.updateCredentials]: (node) => connectionCommands.updateCredentials(node),
    [CommandIds.refresh]: (node?: TreeNode) => {
      onRefresh?.(node);
      explorer.refresh(node);
    },
    [CommandIds.refreshView]: () => {
      onRefresh?.();
      explorer.refreshView();
    },
    [CommandIds.showHiddenIndices]: () => explorer.setShowHidden(true),
    [CommandIds.hideHiddenIndices]: () => explorer.setShowHidden(false),
    [CommandIds.filterDocuments]: (node, query) => explorer.filterDocuments(node, query),
    [CommandIds.clearFilter]: (node) => explorer.clearFilter(node),
    [CommandIds.sortDocuments]: (node, sort) => explorer.sortDocuments(node, sort),
    [CommandIds.loadMore]: (node) => explorer.loadMore(node),
    [CommandIds.openDocument]: () => openDocument(pickers),
    [CommandIds.saveDocument]: () => saveActive(explicitSave),
    [CommandIds.showVersion]: (uri) => operations.showVersion(uri),
    [CommandIds.merge]: (uri) => conflict.merge(uri),
    [CommandIds.compareWithServer]: (uri) => conflict.compare(uri),
    [CommandIds.overwriteServer]: (uri) => conflict.overwrite(uri),
    [CommandIds.revertToServer]: (uri) => conflict.revert(uri),
    [CommandIds.updateFields]: (target, fields) => operations.updateFields(target, fields),
    [CommandIds.newDocument]: (node) => operations.newDocument(node),
    [CommandIds.duplicateDocument]: (target) => operations.duplicateDocument(target),
    [CommandIds.deleteDocument]: (target) => operations.deleteDocument(target),
    [CommandIds.copyAsCurl]: (target, kind) => operations.copyAsCurl(target, kind),
    [CommandIds.copyId]: (node) => explorer.copyId(node),
    [CommandIds.deleteSelectedDocument]: () => explorer.deleteSelected(),
    [CommandIds.newConsole]: (node?: TreeNode) => console.newConsole(node?.kind === 'connection' ? node.connection.id : undefined),
    [CommandIds.sendRequest]: (uri?: vscode.Uri, index?: number) => console.send(uri, index),
    [CommandIds.sendAllRequests]: (uri?: vscode.Uri) => console.sendAll(uri),
    [CommandIds.chooseConsoleConnection]: (uri?: vscode.Uri) => console.chooseConnection(uri),
    [CommandIds.allowConsoleConnection]: (uri?: vscode.Uri) => console.allowConnection(uri),
    [CommandIds.consoleHistory]: () => console.showHistory(),
    [CommandIds.copyRequestAsCurl]: (uri?: vscode.Uri, index?: number) => console.copyAsCurl(uri, index),
    [CommandIds.openHit]: (address: DocumentAddress, proposal?: ProposedMerge) => openHit(address, proposal),
    // A tree row (its filter applies), the options of a programmatic call, or nothing: the pickers ask.
    [CommandIds.exportDocuments]: async (arg?: TreeNode | ExportRequest) => {
      const target = isRequest(arg) ? arg : await explorer.transferTarget(arg);
      return target && transfer.exportDocuments(target);
    },
    [CommandIds.importDocuments]: async (arg?: TreeNode | ImportRequest) => {
      const target = isRequest(arg) ? arg : await explorer.transferTarget(arg, false, true);
      return target && transfer.importDocuments(target);
    },
    // A tree row (its filter applies), `{connectionId, index, filter?}` or `{connectionId, esql}` from a caller, or the pickers.
    [CommandIds.openTable]: async (arg?: TreeNode | OpenTableRequest) => {
      if (arg !== undefined && !('kind' in arg) && typeof arg.connectionId === 'string') return tables.open(arg);
      const target = await explorer.transferTarget(arg as TreeNode | undefined);
      return target && tables.open({ connectionId: target.connectionId, index: target.index, ...(target.queryString ? { filter: target.queryString } : {}) });
    },
    [CommandIds.tableAction]: (request: TableActionRequest) => tables.run(request),
    // A tree row (its filter applies) or nothing (the pickers ask); then the change is asked for.
    [CommandIds.changeDocuments]: async (arg?: TreeNode | BulkTarget) => {
      const target = isRequest<BulkTarget>(arg) ? arg : await explorer.transferTarget(arg);
      return target && bulk.changeDocuments(target);
    },
    [CommandIds.previewChange]: (options: PreviewOptions) => bulk.previewChange(options),
    [CommandIds.applyChange]: (options: ChangeSetOptions) => bulk.applyChange(options),
    [CommandIds.reapplyChange]: (options: ChangeSetOptions) => bulk.reapplyChange(options),
    [CommandIds.undoChange]: (options: ChangeSetOptions) => bulk.undoChange(options),
    [CommandIds.bulkChangeHistory]: () => bulk.history(),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, runSafely(id, handler as (...args: unknown[]) => unknown, report)));
}

function isRequest<R extends { connectionId: string; index: string }>(arg: unknown): arg is R {
  return typeof arg === 'object' && arg !== null && !('kind' in arg) && typeof (arg as R).connectionId === 'string' && typeof (arg as R).index === 'string';
}

/** Ctrl+S: the extension's own save for its documents; VS Code's for anything else. */
async function saveActive(explicitSave: ExplicitSave): Promise<unknown> {
  const document = ExplicitSave.target();
  if (document === undefined) return vscode.commands.executeCommand('workbench.action.files.save');
  return explicitSave.save(document);
}
