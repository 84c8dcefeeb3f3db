import * as vscode from 'vscode';
import { ClusterError, describeFailure, failureOf } from '../core/clusterErrors';
import { describeConflict, readConflictReason, type MergeOutlook } from '../core/conflicts';
import { describePath, mergeDocuments } from '../core/threeWayMerge';
import { checkDocumentText, describeProblem } from '../core/jsonText';
import { refusedFieldPath } from '../core/mappingRefusal';
import type { VersionToken } from '../core/versionToken';
import type { Settings } from '../config/settings';
import type { DocumentStore } from '../elastic/documentStore';
import type { BufferBaselines } from './bufferBaselines';
import type { Drafts } from './drafts';
import { addressOf, documentUri } from './documentUris';
import type { ServerVersions } from './serverVersions';
import type { TokenStore } from './tokenStore';

export interface SaveConflict {
  readonly uri: vscode.Uri;
  readonly message: string;
  /** changed: someone wrote; deleted: someone deleted; exists: a new document's id is taken. */
  readonly kind: 'changed' | 'deleted' | 'exists';
}

/** How a save ended; a refused one has sent nothing or failed on the cluster, and says why. */
export type SaveOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'invalid' | 'automatic' | 'conflict' | 'exists' | 'missing' | 'failed'; readonly message: string };

/** A save the index mapping refused, naming the field: the editor marks it, and the mapping is read again. */
export interface MappingRefusalEvent {
  readonly uri: vscode.Uri;
  /** The dotted path of the refused field. */
  readonly fieldPath: string;
  /** The cluster's refusal, in words. */
  readonly message: string;
}

/**
 * The one write path of an editor's text: every save, whether Ctrl+S, Save All, an action such as
 * Overwrite, or an auto-save the user opted into, makes at most one conditional write here.
 * A conflict is announced through `onDidConflict` for the resolution flow.
 */
export class DocumentSaver implements vscode.Disposable {
  private readonly conflicts = new vscode.EventEmitter<SaveConflict>();
  readonly onDidConflict = this.conflicts.event;
  private readonly alreadySaved = new vscode.EventEmitter<vscode.Uri>();
  /** A save whose conflict was the user's own earlier write, applied but unanswered. */
  readonly onDidFindAlreadySaved = this.alreadySaved.event;
  private readonly mappingRefusals = new vscode.EventEmitter<MappingRefusalEvent>();
  readonly onDidRefuseByMapping = this.mappingRefusals.event;
  private readonly pendingCreates = new Set<string>();
  // Documents whose last save conflicted: an automatic save does not send them again.
  private readonly inConflict = new Set<string>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly tokens: TokenStore,
    private readonly baselines: BufferBaselines,
    private readonly settings: Settings,
    private readonly serverVersions: ServerVersions,
    private readonly drafts: Drafts,
  ) {}

  async save(uri: vscode.Uri, text: string, automatic: boolean): Promise<SaveOutcome> {
    if (automatic && !this.settings.autoSave) {
      return { ok: false, kind: 'automatic', message: 'Not saved automatically: Elasticsearch documents are written to the cluster only when you save them (Ctrl+S). The setting esdocs.autoSave changes this.' };
    }
    const check = checkDocumentText(text);
    if (!check.ok) return { ok: false, kind: 'invalid', message: `Not saved: ${describeProblem(check)}. Nothing was sent to the cluster.` };
    if (automatic && this.inConflict.has(uri.toString())) {
      return { ok: false, kind: 'automatic', message: 'Not saved automatically: this document is in conflict with the server version. Choose Merge, Compare, Overwrite or Revert.' };
    }
    if (this.drafts.isDraft(uri)) return this.createDraft(uri, text);
    if (this.pendingCreates.has(uri.toString())) return this.recreate(uri, text);
    const token = this.tokens.get(uri);
    if (token === undefined) {
      return this.conflict(uri, 'changed', 'The version this text was based on is unknown, so the save could overwrite someone else\'s change. Compare with the server version first.', 'Compare, Overwrite or Revert');
    }
    if (!this.baselines.descendsFromToken(uri)) {
      return this.conflict(uri, 'changed', `This text came back by Undo from before the server version you reloaded (seq ${token.seqNo}); saving it could erase what changed on the server since.`, 'Compare, Overwrite or Revert');
    }
    try {
      const result = await this.documents.replace(addressOf(uri), text, token, this.settings.refreshOnSave);
      this.saved(uri, result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed('Saving', uri, error);
      if (await this.serverHoldsText(uri, text)) return { ok: true };
      const details = readConflictReason(error.failure.reason);
      const message = describeConflict(details, token.seqNo, details.documentMissing ? undefined : await this.mergeOutlook(uri, text));
      return details.documentMissing
        ? this.conflict(uri, 'deleted', message, 'Recreate, Compare or Discard')
        : this.conflict(uri, 'changed', message, 'Merge, Compare, Overwrite or Revert');
    }
  }

  /** Makes the next save of `uri` create the document (it was deleted on the server) rather than replace it. */
  createOnNextSave(uri: vscode.Uri): void {
    this.pendingCreates.add(uri.toString());
  }

  /** The user chose how to resolve a conflict: automatic saves may send the document again. */
  resolved(uri: vscode.Uri): void {
    this.inConflict.delete(uri.toString());
  }

  dispose(): void {
    this.conflicts.dispose();
    this.alreadySaved.dispose();
    this.mappingRefusals.dispose();
  }

  /**
   * A write the cluster refused. When the index mapping refused a field, the one message names
   * it, and the field is marked in the editor (through `onDidRefuseByMapping`).
   */
  private failed(action: string, uri: vscode.Uri, error: unknown): SaveOutcome {
    const failure = failureOf(error);
    const described = describeFailure(action, failure, true);
    const fieldPath = refusedFieldPath(failure);
    if (fieldPath === undefined) return { ok: false, kind: 'failed', message: described };
    this.mappingRefusals.fire({ uri, fieldPath, message: `Refused by the mapping of ${addressOf(uri).index}: ${failure.reason}` });
    return { ok: false, kind: 'failed', message: `Not saved: the mapping of ${addressOf(uri).index} refuses the field \`${fieldPath}\` (marked in the editor). ${described}` };
  }

  private saved(uri: vscode.Uri, token: VersionToken, text: string): void {
    this.inConflict.delete(uri.toString());
    this.baselines.wrote(uri, token, text);
  }

  /**
   * The notification of the conflict flow says what happened and offers the choices. The refusal
   * returned here is short: where VS Code also shows it (Save All, a save from a menu), it wraps
   * it in its own "Failed to save" message beside ours.
   */
  private conflict(uri: vscode.Uri, kind: SaveConflict['kind'], message: string, choices: string): SaveOutcome {
    this.inConflict.add(uri.toString());
    this.conflicts.fire({ uri, message, kind });
    const what = kind === 'deleted' ? 'the document was deleted on the server' : 'the text conflicts with the server version';
    return { ok: false, kind: kind === 'exists' ? 'exists' : 'conflict', message: `Not saved: ${what}. Your text is kept; choose ${choices} in the notification.` };
  }

  /** How a merge would go, from the text the editor was based on and the server version just read. */
  private async mergeOutlook(uri: vscode.Uri, text: string): Promise<MergeOutlook | undefined> {
    const [base, version] = await Promise.all([this.tokens.base(uri), this.serverVersions.get(uri).catch(() => undefined)]);
    if (base === undefined || !version?.exists) return undefined;
    try {
      const result = mergeDocuments(base, version.text, text);
      return { serverChanges: result.serverChanges, localChanges: result.localChanges, overlapping: result.clean ? [] : result.conflicts.map(describePath) };
    } catch {
      return undefined;
    }
  }

  private async recreate(uri: vscode.Uri, text: string): Promise<SaveOutcome> {
    try {
      const result = await this.documents.create(addressOf(uri), text, this.settings.refreshOnSave);
      this.pendingCreates.delete(uri.toString());
      this.saved(uri, result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed('Recreating the document', uri, error);
      this.pendingCreates.delete(uri.toString());
      if (await this.serverHoldsText(uri, text)) return { ok: true };
      return this.conflict(uri, 'changed', 'The document was created again on the server by someone else.', 'Compare, Overwrite or Revert');
    }
  }

  private async createDraft(uri: vscode.Uri, text: string): Promise<SaveOutcome> {
    const address = addressOf(uri);
    try {
      const result = await this.documents.create(address, text, this.settings.refreshOnSave);
      const created = { ...address, index: result.index ?? address.index };
      this.drafts.markCreated(uri, created);
      this.tokens.set(documentUri(created), result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed('Creating the document', uri, error);
      const message = `A document with the id "${address.id}" already exists in ${address.index}.`;
      this.conflicts.fire({ uri, message, kind: 'exists' });
      return { ok: false, kind: 'exists', message: `Not created: ${message} Your text is kept; Compare shows the existing document.` };
    }
  }

  /**
   * After a 409, whether the server already holds exactly the text being saved: the user's own
   * earlier write whose answer was lost. Then the save has in fact happened; nothing is written
   * again. The fetched version also serves the conflict flow, so a conflict costs one read.
   */
  private async serverHoldsText(uri: vscode.Uri, text: string): Promise<boolean> {
    const version = await this.serverVersions.fetchRaw(uri).catch(() => undefined);
    // Whitespace around the object is not part of the document; everything inside must match.
    if (!version?.exists || version.sourceText.trim() !== text.trim()) return false;
    this.saved(uri, version.token, text);
    this.alreadySaved.fire(uri);
    return true;
  }
}
