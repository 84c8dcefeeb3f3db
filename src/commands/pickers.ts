import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { GatewayPool } from '../cluster/gatewayPool';
import { listIndices } from '../cluster/indexCatalog';
import { isRoutingRequired } from '../cluster/indexMappings';
import { CommandIds } from '../platform/model/commandIds';
import type { DescribeError } from '../cluster/model/clusterErrors';
import { checkDocumentId, type DocumentAddress } from '../cluster/model/documentAddress';
import { describeTarget } from '../cluster/model/connectionConfig';
import { chooseIndex, newIndexNameProblem } from '../explorer/model/indexChoice';
import type { ConnectionNode, IndexNode } from '../explorer/treeNodes';

/** A name typed in the index picker that no index has: an import creates it. */
export interface NewIndexName {
  readonly kind: 'newIndex';
  readonly connectionId: string;
  readonly name: string;
}

interface IndexEntry {
  readonly name: string;
  readonly node: IndexNode | NewIndexName;
}

/** Quick picks that stand in for a tree node when a command runs from the palette. */
export class Pickers {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly gateways: GatewayPool,
    /** Words what an action threw, redacted for the screen (`Redactor.error`). */
    private readonly describe: DescribeError,
  ) {}

  /** `purpose` completes "To …, add a connection first", e.g. "open a document by id" (localised by the caller). */
  async connection(purpose?: string): Promise<ConnectionNode | undefined> {
    const all = this.connections.list();
    if (all.length === 0) {
      const message = purpose
        ? vscode.l10n.t({ message: 'To {0}, first add a connection to its Elasticsearch cluster.', args: [purpose], comment: ['{0} is what the user was about to do, e.g. "open a document by id"'] })
        : vscode.l10n.t('There is no Elasticsearch connection yet. Add one first.');
      const addLabel = vscode.l10n.t('Add Connection');
      void vscode.window.showInformationMessage(message, addLabel).then((choice) => {
        if (choice === addLabel) void vscode.commands.executeCommand(CommandIds.addConnection);
      });
      return undefined;
    }
    if (all.length === 1) return { kind: 'connection', connection: all[0] };
    const picked = await vscode.window.showQuickPick(
      all.map((connection) => ({ label: connection.name, description: describeTarget(connection), connection })),
      { placeHolder: vscode.l10n.t('Connection'), ignoreFocusOut: true },
    );
    return picked && { kind: 'connection', connection: picked.connection };
  }

  /**
   * An index of the connection. A name typed and accepted while the list loads is decided when it
   * arrives; a name that matches nothing keeps the picker open and says so.
   */
  async index(connection?: ConnectionNode, purpose?: string): Promise<IndexNode | undefined>;
  /** `allowNew`: a name no index has is offered too, as a new index (for an import). */
  async index(connection: ConnectionNode | undefined, purpose: string | undefined, allowNew: true): Promise<IndexNode | NewIndexName | undefined>;
  async index(connection?: ConnectionNode, purpose?: string, allowNew = false): Promise<IndexNode | NewIndexName | undefined> {
    const parent = connection ?? (await this.connection(purpose));
    if (parent === undefined) return undefined;
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { entry: IndexEntry }>();
    quickPick.placeholder = vscode.l10n.t('Index in {0}', parent.connection.name);
    quickPick.busy = true;
    quickPick.ignoreFocusOut = true;
    let entries: IndexEntry[] | undefined;
    let waiting = false;
    return new Promise((resolve) => {
      const decide = (): void => {
        const highlighted = quickPick.selectedItems[0]?.entry;
        const choice = chooseIndex(quickPick.value, highlighted, entries);
        waiting = choice.kind === 'wait';
        if (choice.kind === 'pick') {
          resolve(choice.item.node);
          quickPick.hide();
        } else {
          quickPick.title = choice.kind === 'wait' ? vscode.l10n.t('Waiting for the list of indices…') : choice.message;
        }
      };
      quickPick.onDidAccept(decide);
      const existing = (): Array<vscode.QuickPickItem & { entry: IndexEntry }> => (entries ?? []).map((entry) => ({
        label: entry.name,
        description: entry.node.kind === 'index' && entry.node.index.docsCount !== undefined ? vscode.l10n.t({ message: '{0} docs', args: [entry.node.index.docsCount.toLocaleString('en-US')], comment: ['{0} is a number of documents in the index'] }) : undefined,
        entry,
      }));
      // With `allowNew`, a typed name that is no index's comes first, as the new index it would be.
      const offerNew = (): void => {
        const typed = quickPick.value.trim();
        const fresh = allowNew && entries !== undefined && typed !== '' && !entries.some((entry) => entry.name === typed) && newIndexNameProblem(typed) === undefined;
        quickPick.items = [
          ...(fresh ? [{ label: `$(add) ${typed}`, description: vscode.l10n.t('a new index, created by the import'), alwaysShow: true, entry: { name: typed, node: { kind: 'newIndex' as const, connectionId: parent.connection.id, name: typed } } }] : []),
          ...existing(),
        ];
      };
      quickPick.onDidChangeValue(() => {
        if (!waiting) quickPick.title = undefined;
        if (allowNew) offerNew();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(undefined);
      });
      quickPick.show();
      listIndices(this.gateways.get(parent.connection.id), true).then(
        (indices) => {
          entries = indices.map((index) => ({ name: index.name, node: { kind: 'index', connectionId: parent.connection.id, index } }));
          offerNew();
          quickPick.busy = false;
          if (waiting) decide();
        },
        (error: unknown) => {
          quickPick.busy = false;
          waiting = false;
          quickPick.title = this.describe(vscode.l10n.t('Listing indices'), error);
        },
      );
    });
  }

  /**
   * Asks for a document's id and, when the index requires one or the user asks for it (the
   * button of the id box), its routing. With `allowGeneratedId`, an empty id means "let one be
   * generated".
   */
  async documentAddress(index: IndexNode, title: string, allowGeneratedId = false): Promise<DocumentAddress | undefined> {
    // Asked while the user types the id: the routing question comes after it only when needed.
    const routingRequired = isRoutingRequired(this.gateways.get(index.connectionId), index.index.name).catch(() => false);
    const answer = await askId(title, allowGeneratedId);
    if (answer === undefined) return undefined;
    const required = await routingRequired;
    let routing = '';
    if (required || answer.withRouting) {
      const typed = await vscode.window.showInputBox({
        title,
        prompt: required
          ? vscode.l10n.t('Routing (required: {0} maps _routing as required)', index.index.name)
          : vscode.l10n.t('Routing (the value the document was indexed with)'),
        ignoreFocusOut: true,
        validateInput: (value) => (required && value === '' ? vscode.l10n.t('This index requires a routing value') : undefined),
      });
      if (typed === undefined) return undefined;
      routing = typed;
    }
    return { connectionId: index.connectionId, index: index.index.name, id: answer.id || generateId(), ...(routing ? { routing } : {}) };
  }
}

/** The id box, with a button that asks for a routing value next. */
function askId(title: string, allowGeneratedId: boolean): Promise<{ id: string; withRouting: boolean } | undefined> {
  const box = vscode.window.createInputBox();
  const prompt = allowGeneratedId ? vscode.l10n.t('Document _id (leave empty to generate one)') : vscode.l10n.t('Document _id');
  const routingButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('add'), tooltip: vscode.l10n.t('Give a routing value too') };
  const validate = (value: string): string | undefined => (value === '' ? (allowGeneratedId ? undefined : vscode.l10n.t('Enter the document _id')) : checkDocumentId(value));
  Object.assign(box, { title, prompt, ignoreFocusOut: true, buttons: [routingButton] });
  let withRouting = false;
  return new Promise((resolve) => {
    const done = (value: { id: string; withRouting: boolean } | undefined): void => {
      resolve(value);
      box.dispose();
    };
    box.onDidTriggerButton(() => {
      withRouting = !withRouting;
      box.prompt = withRouting ? vscode.l10n.t('{0}; the routing is asked next', prompt) : prompt;
    });
    box.onDidChangeValue((value) => (box.validationMessage = validate(value)));
    box.onDidAccept(() => {
      const problem = validate(box.value);
      if (problem) box.validationMessage = problem;
      else done({ id: box.value, withRouting });
    });
    box.onDidHide(() => done(undefined));
    box.show();
  });
}

/** A random id in the shape of Elasticsearch's own (20 URL-safe base64 characters). */
export function generateId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
