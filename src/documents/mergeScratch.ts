import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import { checkDocumentText, describeProblem } from '../json/jsonText';
import { MERGE_SCHEME } from './documentUris';
import type { SaveIntent } from './saveIntent';

type Role = 'base' | 'yours' | 'result';

interface Session {
  readonly texts: Map<Role, string>;
  readonly mtimes: Map<Role, number>;
  /** The user completed the merge (an explicit save of the result): what to do with its text. */
  readonly complete: (text: string) => Promise<void>;
}

export interface MergeFiles {
  readonly base: vscode.Uri;
  readonly yours: vscode.Uri;
  readonly result: vscode.Uri;
}

/**
 * Scratch files for VS Code's merge editor. The merge editor saves its result document as soon
 * as it opens, so the result must never be the live document (whose save writes to a cluster):
 * it is a file of this in-memory file system, and only a save the user makes (Complete Merge,
 * Ctrl+S in the merge editor) hands the result on. An automatic save only keeps the text.
 */
export class MergeScratch extends Disposable implements vscode.FileSystemProvider {
  private readonly fileChanges = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.fileChanges.event;
  private readonly sessions = new Map<string, Session>();
  private next = 0;
  private clock = 0;

  constructor(private readonly intent: SaveIntent) {
    super();
  }

  /** New scratch files for a merge of `document`; a previous merge of it is forgotten. */
  begin(document: vscode.Uri, texts: Record<Role, string>, complete: (text: string) => Promise<void>): MergeFiles {
    const id = String(++this.next);
    for (const key of this.sessions.keys()) if (key.endsWith(`|${document.toString()}`)) this.sessions.delete(key);
    const now = this.tick();
    this.sessions.set(`${id}|${document.toString()}`, {
      texts: new Map(Object.entries(texts) as Array<[Role, string]>),
      mtimes: new Map((['base', 'yours', 'result'] as const).map((role) => [role, now])),
      complete,
    });
    // The path ends like the document's, so the files get its language (and its name in tabs).
    const file = (role: Role) => vscode.Uri.from({ scheme: MERGE_SCHEME, path: `/${id}/${role}${document.path}`, query: encodeURIComponent(document.toString()) });
    return { base: file('base'), yours: file('yours'), result: file('result') };
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const { session, role } = this.find(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: session.mtimes.get(role) ?? 0, size: Buffer.byteLength(session.texts.get(role) ?? '') };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const { session, role } = this.find(uri);
    return Buffer.from(session.texts.get(role) ?? '', 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { session, role } = this.find(uri);
    if (role !== 'result') throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Only the merge result can be edited.'));
    const text = Buffer.from(content).toString('utf8');
    const automatic = this.intent.takeIsAutomatic(uri);
    if (!automatic) {
      const check = checkDocumentText(text);
      if (!check.ok) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('The merge result is not a valid document yet: {0}. Nothing was written to the cluster.', describeProblem(check)));
    }
    session.texts.set(role, text);
    session.mtimes.set(role, this.tick());
    if (!automatic) await session.complete(text);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Merge files have no folders.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Merge files cannot be deleted.'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Merge files cannot be renamed.'));
  }

  override dispose(): void {
    super.dispose();
    this.sessions.clear();
  }

  private find(uri: vscode.Uri): { session: Session; role: Role } {
    const [, id, role] = uri.path.split('/');
    const session = this.sessions.get(`${id}|${decodeURIComponent(uri.query)}`);
    if (session === undefined || (role !== 'base' && role !== 'yours' && role !== 'result')) throw vscode.FileSystemError.FileNotFound(uri);
    return { session, role };
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }
}
