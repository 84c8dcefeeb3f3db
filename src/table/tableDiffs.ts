import * as vscode from 'vscode';
import { prettyPrintJson } from '../json/jsonText';
import { Disposable } from '../platform/model/disposable';
import type { TableSession } from './tableSession';

export const TABLE_DIFF_SCHEME = 'esdocs-table';

type Side = 'read' | 'staged' | 'server';

/**
 * The read-only texts a table's diffs show: a staged document as it was read, as it will be sent,
 * and as the server has it now. Each URI names its table, document and side, so a diff shows what
 * is true when it is opened; nothing here can be saved.
 */
export class TableDiffs extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly sessionOf: (id: number) => TableSession | undefined) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(TABLE_DIFF_SCHEME, this));
  }

  pair(session: TableSession, key: string): Record<Side, vscode.Uri> {
    const source = session.staged.row(key)?.source ?? session.sourceOf(key);
    const name = `/${session.target.index}/${source?.id ?? 'document'}.json`;
    const uri = (side: Side): vscode.Uri => vscode.Uri.from({ scheme: TABLE_DIFF_SCHEME, path: name, query: new URLSearchParams({ table: String(session.id), key, side }).toString() });
    const uris = { read: uri('read'), staged: uri('staged'), server: uri('server') };
    for (const each of Object.values(uris)) this.changed.fire(each);
    return uris;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const query = new URLSearchParams(uri.query);
    const session = this.sessionOf(Number(query.get('table')));
    const key = query.get('key') ?? '';
    if (session === undefined) return vscode.l10n.t('// This table is closed.');
    const side = query.get('side') as Side;
    const text = side === 'read' ? session.staged.row(key)?.source.sourceText : side === 'staged' ? session.staged.textToSend(key) : session.serverText(key);
    return text === undefined ? vscode.l10n.t('// Nothing staged for this document any more.') : prettyPrintJson(text);
  }
}
