import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { DocumentTree } from '../explorer/documentTree';
import type { IndexListings } from '../explorer/indexListings';
import type { IndexNode, TreeNode } from '../explorer/treeNodes';
import type { Pickers } from './pickers';

export class ExplorerCommands {
  constructor(
    private readonly tree: DocumentTree,
    private readonly listings: IndexListings,
    private readonly settings: Settings,
    private readonly pickers: Pickers,
  ) {}

  refresh(node?: TreeNode): void {
    this.tree.reload(node);
  }

  async setShowHidden(show: boolean): Promise<void> {
    await this.settings.setShowHiddenIndices(show);
    this.tree.reload();
  }

  /** `query` may be given by a caller (a keybinding's args); otherwise the user is asked. */
  async filterDocuments(node?: IndexNode, query?: string): Promise<void> {
    const target = node ?? (await this.pickers.index());
    if (target === undefined) return;
    const filter = query ?? await vscode.window.showInputBox({
      title: `Filter Documents of ${target.index.name}`,
      prompt: 'A query string in Lucene syntax, e.g. genre:Sci-Fi AND year:[2000 TO *]; empty to show all',
      value: this.listings.filterOf(target) ?? '',
      ignoreFocusOut: true,
    });
    if (filter === undefined) return;
    this.listings.setFilter(target, filter.trim() || undefined);
    this.tree.redraw(target, node !== undefined);
  }

  async clearFilter(node?: IndexNode): Promise<void> {
    const target = node ?? (await this.pickers.index());
    if (target === undefined) return;
    this.listings.setFilter(target, undefined);
    this.tree.redraw(target, node !== undefined);
  }

  async loadMore(node: IndexNode): Promise<void> {
    try {
      await this.listings.loadMore(node);
    } catch (error) {
      void vscode.window.showErrorMessage(`Loading more documents failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.tree.redraw(node);
  }
}
