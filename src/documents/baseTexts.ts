import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

const STATE_KEY = 'esdocs.baseTexts';
/** Texts up to this size live in workspace state; larger ones in files of the storage folder. */
const INLINE_LIMIT = 16 * 1024;

type Stored = { readonly text: string } | { readonly file: string };

/**
 * The text each open document was based on: what it was opened from, or what was saved last. It
 * is the common ancestor of a merge with the server's version, so it survives a window reload as
 * the version token does. Workspace state stays small: large texts are kept as files.
 */
export class BaseTexts {
  private readonly stored: Map<string, Stored>;
  private readonly loaded = new Map<string, string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly folder: vscode.Uri | undefined,
  ) {
    this.stored = new Map(Object.entries(state.get<Record<string, Stored>>(STATE_KEY, {})));
  }

  set(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    this.loaded.set(key, text);
    if (text.length > INLINE_LIMIT && this.folder !== undefined) {
      // One file per document, rewritten in place.
      const file = `${createHash('sha1').update(key).digest('hex')}.json`;
      this.stored.set(key, { file });
      void this.write(file, text);
    } else {
      this.removeFile(this.stored.get(key));
      // Without a storage folder a large base is kept for this window only.
      if (text.length <= INLINE_LIMIT) this.stored.set(key, { text });
      else this.stored.delete(key);
    }
    this.persist();
  }

  async get(uri: vscode.Uri): Promise<string | undefined> {
    const key = uri.toString();
    const known = this.loaded.get(key);
    if (known !== undefined) return known;
    const stored = this.stored.get(key);
    if (stored === undefined) return undefined;
    if ('text' in stored) return stored.text;
    if (this.folder === undefined) return undefined;
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, stored.file))).toString('utf8');
      this.loaded.set(key, text);
      return text;
    } catch {
      return undefined;
    }
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.loaded.delete(key);
    const stored = this.stored.get(key);
    if (stored === undefined) return;
    this.stored.delete(key);
    this.removeFile(stored);
    this.persist();
  }

  private async write(file: string, text: string): Promise<void> {
    if (this.folder === undefined) return;
    try {
      await vscode.workspace.fs.createDirectory(this.folder);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.folder, file), Buffer.from(text, 'utf8'));
    } catch {
      // Without the file, a merge after a reload falls back to Compare: nothing is lost.
    }
  }

  private removeFile(stored: Stored | undefined): void {
    if (stored === undefined || !('file' in stored) || this.folder === undefined) return;
    void Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(this.folder, stored.file))).catch(() => undefined);
  }

  private persist(): void {
    void this.state.update(STATE_KEY, Object.fromEntries(this.stored));
  }
}
