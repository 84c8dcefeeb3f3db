import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { ClusterError, describeFailure, failureOf } from '../cluster/model/clusterErrors';
import { describeConflict, readConflictReason, type MergeOutlook } from './model/conflicts';
import { describePath, mergeDocuments } from './model/threeWayMerge';
import { compactJsonText, describeProblem, documentBody } from '../json/jsonText';
import { refusedFieldPath } from '../mapping/model/mappingRefusal';
import type { VersionToken } from '../cluster/model/versionToken';
import type { Settings } from '../platform/settings';
import type { DocumentStore } from '../cluster/documentStore';
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

/** The text a save sends, and whether it is the compact form of the editor's text. */
interface SentText {
  readonly text: string;
  readonly compact: boolean;
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
export class DocumentSaver extends Disposable {
  private readonly conflicts = this.register(new vscode.EventEmitter<SaveConflict>());
  readonly onDidConflict = this.conflicts.event;
  private readonly alreadySaved = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A save whose conflict was the user's own earlier write, applied but unanswered. */
  readonly onDidFindAlreadySaved = this.alreadySaved.event;
  private readonly mappingRefusals = this.register(new vscode.EventEmitter<MappingRefusalEvent>());
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
  ) {
    super();
  }

  async save(uri: vscode.Uri, text: string, automatic: boolean): Promise<SaveOutcome> {
    if (automatic && !this.settings.autoSave) {
      return { ok: false, kind: 'automatic', message: vscode.l10n.t('Not saved automatically: Elasticsearch documents are written to the cluster only when you save them (Ctrl+S). The setting esdocs.autoSave changes this.') };
    }
    // What is sent: by default compact, so `_source` does not grow by the editor's indentation;
    // the editor keeps the text as typed, and it stays the base of a later merge.
    const compact = this.settings.saveFormat === 'compact';
    const check = documentBody(text, compact);
    if (!check.ok) return { ok: false, kind: 'invalid', message: vscode.l10n.t('Not saved: {0}. Nothing was sent to the cluster.', describeProblem(check)) };
    const body: SentText = { text: check.body, compact };
    if (automatic && this.inConflict.has(uri.toString())) {
      return { ok: false, kind: 'automatic', message: vscode.l10n.t('Not saved automatically: this document is in conflict with the server version. Choose Merge, Compare, Overwrite or Revert.') };
    }
    if (this.drafts.isDraft(uri)) return this.createDraft(uri, text, body);
    if (this.pendingCreates.has(uri.toString())) return this.recreate(uri, text, body);
    const token = this.tokens.get(uri);
    if (token === undefined) {
      return this.conflict(uri, 'changed', vscode.l10n.t('The version this text was based on is unknown, so the save could overwrite someone else\'s change. Compare with the server version first.'), vscode.l10n.t('Compare, Overwrite or Revert'));
    }
    if (!this.baselines.descendsFromToken(uri)) {
      return this.conflict(uri, 'changed', vscode.l10n.t('This text came back by Undo from before the server version you reloaded (seq {0}); saving it could erase what changed on the server since.', token.seqNo), vscode.l10n.t('Compare, Overwrite or Revert'));
    }
    try {
      const result = await this.documents.replace(addressOf(uri), body.text, token, this.settings.refreshOnSave);
      this.saved(uri, result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed(vscode.l10n.t('Saving'), uri, error);
      if (await this.serverHoldsText(uri, text, body)) return { ok: true };
      const details = readConflictReason(error.failure.reason);
      const message = describeConflict(details, token.seqNo, details.documentMissing ? undefined : await this.mergeOutlook(uri, text));
      return details.documentMissing
        ? this.conflict(uri, 'deleted', message, vscode.l10n.t('Recreate, Compare or Discard'))
        : this.conflict(uri, 'changed', message, vscode.l10n.t('Merge, Compare, Overwrite or Revert'));
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

  /**
   * A write the cluster refused. When the index mapping refused a field, the one message names
   * it, and the field is marked in the editor (through `onDidRefuseByMapping`).
   */
  private failed(action: string, uri: vscode.Uri, error: unknown): SaveOutcome {
    const failure = failureOf(error);
    const described = describeFailure(action, failure, true);
    const fieldPath = refusedFieldPath(failure);
    if (fieldPath === undefined) return { ok: false, kind: 'failed', message: described };
    this.mappingRefusals.fire({ uri, fieldPath, message: vscode.l10n.t('Refused by the mapping of {0}: {1}', addressOf(uri).index, failure.reason) });
    return { ok: false, kind: 'failed', message: vscode.l10n.t('Not saved: the mapping of {0} refuses the field `{1}` (marked in the editor). {2}', addressOf(uri).index, fieldPath, described) };
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
    const refusal =
      kind === 'deleted'
        ? vscode.l10n.t('Not saved: the document was deleted on the server. Your text is kept; choose {0} in the notification.', choices)
        : vscode.l10n.t('Not saved: the text conflicts with the server version. Your text is kept; choose {0} in the notification.', choices);
    return { ok: false, kind: kind === 'exists' ? 'exists' : 'conflict', message: refusal };
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

  private async recreate(uri: vscode.Uri, text: string, body: SentText): Promise<SaveOutcome> {
    try {
      const result = await this.documents.create(addressOf(uri), body.text, this.settings.refreshOnSave);
      this.pendingCreates.delete(uri.toString());
      this.saved(uri, result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed(vscode.l10n.t('Recreating the document'), uri, error);
      this.pendingCreates.delete(uri.toString());
      if (await this.serverHoldsText(uri, text, body)) return { ok: true };
      return this.conflict(uri, 'changed', vscode.l10n.t('The document was created again on the server by someone else.'), vscode.l10n.t('Compare, Overwrite or Revert'));
    }
  }

  private async createDraft(uri: vscode.Uri, text: string, body: SentText): Promise<SaveOutcome> {
    const address = addressOf(uri);
    try {
      const result = await this.documents.create(address, body.text, this.settings.refreshOnSave);
      const created = { ...address, index: result.index ?? address.index };
      this.drafts.markCreated(uri, created);
      this.tokens.set(documentUri(created), result.token, text);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ClusterError && error.failure.kind === 'conflict')) return this.failed(vscode.l10n.t('Creating the document'), uri, error);
      const message = vscode.l10n.t('A document with the id "{0}" already exists in {1}.', address.id, address.index);
      this.conflicts.fire({ uri, message, kind: 'exists' });
      return { ok: false, kind: 'exists', message: vscode.l10n.t('Not created: {0} Your text is kept; Compare shows the existing document.', message) };
    }
  }

  /**
   * After a 409, whether the server already holds exactly the text being saved (`body`, as sent):
   * the user's own earlier write whose answer was lost. Then the save has in fact happened;
   * nothing is written again. The fetched version also serves the conflict flow, so a conflict
   * costs one read.
   */
  private async serverHoldsText(uri: vscode.Uri, text: string, body: SentText): Promise<boolean> {
    const version = await this.serverVersions.refetch(uri).catch(() => undefined);
    if (!version?.exists) return false;
    // Compared in the form sent: compact, every token as written; as typed, whitespace around the
    // object aside (it is not part of the document) and everything inside matching.
    const held = body.compact ? compactJsonText(version.sourceText) : version.sourceText.trim();
    if (held !== body.text.trim()) return false;
    this.saved(uri, version.token, text);
    this.alreadySaved.fire(uri);
    return true;
  }
}
