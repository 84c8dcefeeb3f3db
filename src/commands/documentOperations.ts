import * as vscode from 'vscode';
import { ClusterError, type DescribeError } from '../cluster/model/clusterErrors';
import { CommandIds } from '../platform/model/commandIds';
import { baseUrlOf } from '../cluster/model/connectionConfig';
import { curlConditionalPut, curlCopiedMessage, curlGet } from '../cluster/model/curl';
import type { DocumentAddress } from '../cluster/model/documentAddress';
import { checkDocumentText, describeProblem, prettyPrintJson } from '../json/jsonText';
import { describeToken, type VersionToken } from '../cluster/model/versionToken';
import type { Settings } from '../platform/settings';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { DocumentFileSystem } from '../documents/documentFileSystem';
import type { DocumentSaver } from '../documents/documentSaver';
import { addressOf, DOCUMENT_LANGUAGE, documentUri, DOCUMENT_SCHEME } from '../documents/documentUris';
import type { Drafts } from '../documents/drafts';
import type { TokenStore } from '../documents/tokenStore';
import type { DocumentStore } from '../cluster/documentStore';
import { indexByName } from '../cluster/indexCatalog';
import type { DocumentTree } from '../explorer/documentTree';
import type { DataStreamNode, DocumentNode, IndexNode } from '../explorer/treeNodes';
import { generateId, type Pickers } from './pickers';

interface Target {
  readonly address: DocumentAddress;
  /** The version the user saw: the listed one from the tree, the editor's from an editor. */
  readonly token?: VersionToken;
  readonly uri: vscode.Uri;
}

/** Operations on whole documents beyond editing: partial update, create, duplicate, delete, curl. */
export class DocumentOperations {
  constructor(
    private readonly documents: DocumentStore,
    private readonly files: DocumentFileSystem,
    private readonly saver: DocumentSaver,
    private readonly tokens: TokenStore,
    private readonly drafts: Drafts,
    private readonly tree: DocumentTree,
    private readonly connections: ConnectionRegistry,
    private readonly settings: Settings,
    private readonly pickers: Pickers,
    /** Words what an action threw, redacted for the screen (`Redactor.error`). */
    private readonly describe: DescribeError,
    /** A new document's first text from its index mapping (its top-level fields), when there is one. */
    private readonly skeletonFor: (address: DocumentAddress, indent: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  async updateFields(argument?: unknown, fields?: string): Promise<string | undefined> {
    const target = await this.target(argument);
    if (target === undefined) return undefined;
    const retries = this.settings.retryOnConflict;
    const partial =
      fields ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Update Fields of "{0}"', target.address.id),
        prompt: vscode.l10n.t('Fields to set, as a JSON object. Elasticsearch applies them to the latest version, re-applying them up to {0} times if someone writes in between: right for "set this field", not for whole-document edits.', retries),
        value: '{}',
        valueSelection: [1, 1],
        ignoreFocusOut: true,
        validateInput: (value) => {
          const check = checkDocumentText(value);
          return check.ok ? undefined : describeProblem(check);
        },
      }));
    if (partial === undefined) return undefined;
    const check = checkDocumentText(partial);
    if (!check.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not updated: {0}. Nothing was sent.', describeProblem(check)));
      return undefined;
    }
    try {
      const result = await this.documents.updateFields(target.address, partial, retries, this.settings.refreshOnSave);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
      // A clean editor reloads the new version; a dirty one keeps its text, and its next save conflicts.
      if (open && !open.isDirty && result.result !== 'noop') this.files.announceChange(target.uri);
      const message =
        result.result === 'noop'
          ? vscode.l10n.t('Nothing changed: "{0}" already has these values.', target.address.id)
          : vscode.l10n.t('Updated "{0}": {1}.', target.address.id, describeToken(result.token));
      void vscode.window.showInformationMessage(message);
      return result.result;
    } catch (error) {
      this.showFailure(vscode.l10n.t('Updating fields'), error);
      return undefined;
    }
  }

  async newDocument(node?: IndexNode | DataStreamNode): Promise<vscode.Uri | undefined> {
    // On a data stream the document is created through the stream, which picks its backing index.
    const index: IndexNode | undefined =
      node?.kind === 'dataStream'
        ? { kind: 'index', connectionId: node.connectionId, index: indexByName(node.stream.name) }
        : (node ?? (await this.pickers.index()));
    if (index === undefined) return undefined;
    const address = await this.pickers.documentAddress(index, vscode.l10n.t('New Document in {0}', index.index.name), true);
    if (address === undefined) return undefined;
    const indent = indentUnit();
    const skeleton = await this.skeletonFor(address, indent).catch(() => undefined);
    return this.openDraft(address, skeleton ?? `{\n${indent}\n}\n`);
  }

  async duplicateDocument(argument?: unknown): Promise<vscode.Uri | undefined> {
    const target = await this.target(argument);
    if (target === undefined) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    let text = open?.getText();
    if (text === undefined) {
      const result = await this.documents.get(target.address).catch((error: unknown) => this.showFailure(vscode.l10n.t('Reading the document'), error));
      if (!result?.found) return undefined;
      text = prettyPrintJson(result.sourceText);
    }
    const id = await vscode.window.showInputBox({ title: vscode.l10n.t('Duplicate {0}', target.address.id), prompt: vscode.l10n.t('The new document\'s _id (leave empty to generate one)'), ignoreFocusOut: true });
    if (id === undefined) return undefined;
    return this.openDraft({ ...target.address, id: id || generateId() }, text);
  }

  async deleteDocument(argument?: unknown): Promise<boolean> {
    const target = await this.target(argument);
    if (target === undefined) return false;
    const { address } = target;
    const deleteLabel = vscode.l10n.t('Delete');
    const confirmed = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete document "{0}" from {1}?', address.id, address.index),
      { modal: true, detail: vscode.l10n.t('The delete is conditional: it fails if the document changed since you saw it.') },
      deleteLabel,
    );
    if (confirmed !== deleteLabel) return false;
    const token = target.token ?? (await this.currentToken(address));
    if (token === undefined) return false;
    try {
      const result = await this.documents.delete(address, token, this.settings.refreshOnSave);
      this.tree.forgetDocument(address);
      // An editor still open on it says so at once; saving it would create the document again.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.uri.toString())) {
        this.tokens.markDeleted(target.uri);
        this.saver.createOnNextSave(target.uri);
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Deleted "{0}" from {1} (seq {2}).', address.id, address.index, result.token.seqNo));
      return true;
    } catch (error) {
      if (error instanceof ClusterError && error.failure.kind === 'conflict') {
        const compareLabel = vscode.l10n.t('Compare');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Not deleted: "{0}" changed on the server since you saw it ({1}).', address.id, error.failure.reason),
          compareLabel,
        );
        if (choice === compareLabel) await vscode.commands.executeCommand(CommandIds.compareWithServer, target.uri);
        return false;
      }
      this.showFailure(vscode.l10n.t('Deleting the document'), error);
      return false;
    }
  }

  async copyAsCurl(argument?: unknown, kind?: 'get' | 'put'): Promise<string | undefined> {
    const target = await this.target(argument);
    if (target === undefined) return undefined;
    const connection = this.connections.get(target.address.connectionId);
    const url = connection && baseUrlOf(connection);
    if (url === undefined) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    const token = this.tokens.get(target.uri) ?? target.token;
    let choice = kind;
    if (choice === undefined && open && token) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'GET', description: vscode.l10n.t('read the document'), request: 'get' as const },
          { label: vscode.l10n.t('Conditional PUT'), description: vscode.l10n.t("save the editor's text on the version it was read at"), request: 'put' as const },
        ],
        { title: vscode.l10n.t('Copy {0} as curl', target.address.id) },
      );
      if (picked === undefined) return undefined;
      choice = picked.request;
    }
    const line = choice === 'put' && open && token ? curlConditionalPut(url, target.address, token, open.getText()) : curlGet(url, target.address);
    await vscode.env.clipboard.writeText(line);
    void vscode.window.showInformationMessage(curlCopiedMessage());
    return line;
  }

  /** The status bar's version item: the details of the version the editor is based on, and Compare. */
  async showVersion(argument?: unknown): Promise<void> {
    const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme !== DOCUMENT_SCHEME) return;
    const { id, index, routing } = addressOf(uri);
    const token = this.tokens.get(uri);
    const details = token
      ? `_seq_no ${token.seqNo} · _primary_term ${token.primaryTerm} · _version ${token.version}`
      : this.tokens.isDeleted(uri) ? vscode.l10n.t('deleted from the cluster') : vscode.l10n.t('version unknown');
    const picked = await vscode.window.showQuickPick(
      [
        { label: `$(database) ${index} / ${id}${routing === undefined ? '' : ` ${vscode.l10n.t('(routing {0})', routing)}`}`, description: details, detail: vscode.l10n.t('Your next save is conditioned on this version: it fails if anyone wrote since.') },
        { label: `$(diff) ${vscode.l10n.t('Compare with Server Version')}`, action: 'compare' as const },
      ],
      { title: vscode.l10n.t('Version of "{0}"', id) },
    );
    if (picked && 'action' in picked) await vscode.commands.executeCommand(CommandIds.compareWithServer, uri);
  }

  /** After a draft's first save: its editor gives way to the document it became. */
  async promoteDraft(draft: vscode.Uri): Promise<void> {
    const created = this.drafts.takeCreated(draft);
    if (created === undefined) return;
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === draft.toString());
    await vscode.window.showTextDocument(created, { preview: false });
    await vscode.window.tabGroups.close(tabs);
  }

  /** Opens a draft as an unsaved editor holding `text`, like an untitled file: Ctrl+S creates it. */
  private async openDraft(address: DocumentAddress, text: string): Promise<vscode.Uri> {
    const uri = this.drafts.uriFor(address);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
    // The cursor waits inside the object, where the first field goes.
    const inside = new vscode.Position(1, editor.document.lineAt(Math.min(1, editor.document.lineCount - 1)).text.length);
    editor.selection = new vscode.Selection(inside, inside);
    return uri;
  }

  private async currentToken(address: DocumentAddress): Promise<VersionToken | undefined> {
    const result = await this.documents.get(address).catch((error: unknown) => this.showFailure(vscode.l10n.t('Reading the document'), error));
    if (result && !result.found) void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" no longer exists in {1}.', address.id, address.index));
    return result?.found ? result.token : undefined;
  }

  private async target(argument: unknown): Promise<Target | undefined> {
    if (isDocumentNode(argument)) return { address: argument.address, token: argument.token, uri: documentUri(argument.address) };
    const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme === DOCUMENT_SCHEME && !this.drafts.isDraft(uri)) return { address: addressOf(uri), token: this.tokens.get(uri), uri };
    const index = await this.pickers.index();
    const address = index && (await this.pickers.documentAddress(index, vscode.l10n.t('Document')));
    return address && { address, uri: documentUri(address) };
  }

  private showFailure(action: string, error: unknown): undefined {
    void vscode.window.showErrorMessage(this.describe(action, error));
    return undefined;
  }
}

/** One level of indentation as the user's editor settings for the extension's documents say. */
function indentUnit(): string {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: DOCUMENT_LANGUAGE });
  const size = Math.min(Math.max(editor.get<number>('tabSize', 2), 1), 8);
  return editor.get<boolean>('insertSpaces', true) ? ' '.repeat(size) : '\t';
}

function isDocumentNode(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'document';
}
