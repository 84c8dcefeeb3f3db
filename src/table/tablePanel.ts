import * as vscode from 'vscode';
import { Disposable } from '../platform/model/disposable';
import type { HostMessage, TableViewState, ViewMessage } from './model/tableProtocol';
import { CommandIds } from '../platform/model/commandIds';
import type { TableSession } from './tableSession';

export const TABLE_VIEW_TYPE = 'esdocs.table';

/**
 * A table's editor tab: a webview whose page is the bundled grid (dist/table.js and table.css,
 * read only when a table opens), under a content security policy that allows nothing but those two
 * files and scripts and styles carrying this page's nonce. Messages from the page are handled one
 * after another, in the order sent.
 */
export class TablePanel extends Disposable {
  private queue: Promise<void> = Promise.resolve();
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;
  /** Every message posted to the page, for tests that read what the page was told. */
  readonly posted: HostMessage[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly session: TableSession,
    extensionUri: vscode.Uri,
    private readonly report: (error: unknown) => void,
  ) {
    super();
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = pageHtml(panel.webview, dist);
    this.retitle();
    panel.iconPath = new vscode.ThemeIcon('table');
    this.register(session);
    this.register(session.onDidPost((message) => {
      if (this.posted.length > 500) this.posted.splice(0, 250);
      this.posted.push(message);
      void panel.webview.postMessage(message);
      if (message.type === 'setup' || message.type === 'staged') this.retitle();
    }));
    this.register(panel.webview.onDidReceiveMessage((message: ViewMessage) => this.receive(message)));
    this.register(panel.onDidDispose(() => {
      this.closed.fire();
      this.dispose();
    }));
  }

  /** Handles a message as the page would send it (tests drive the table through this too). */
  receive(message: ViewMessage): Promise<void> {
    return this.inTurn(async () => {
      // A button is a command: it runs through the extension's one error handler (already in turn).
      if (message.type === 'command') await vscode.commands.executeCommand(CommandIds.tableAction, { table: this.session.id, command: message.command, keys: message.keys ?? [], inTurn: true });
      else if (message.type === 'openCell') await vscode.commands.executeCommand(CommandIds.tableAction, { table: this.session.id, command: 'open', keys: [message.key], inTurn: true });
      else await this.session.handle(message);
    }).catch((error: unknown) => this.report(error));
  }

  /**
   * Runs `job` after whatever the table is doing: a cell edited while a save is out is staged
   * once the save's answers are in, on the versions they left.
   */
  inTurn<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  private retitle(): void {
    const staged = this.session.staged.size;
    this.panel.title = staged === 0 ? this.session.title : `● ${this.session.title}`;
  }
}

/** The state a revived panel's page kept, when it is a table's. */
export function tableStateOf(state: unknown): TableViewState | undefined {
  const candidate = state as Partial<TableViewState> | undefined;
  return typeof candidate?.connectionId === 'string' && typeof candidate.index === 'string' ? (candidate as TableViewState) : undefined;
}

function pageHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'table.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'table-style.css'));
  const t = vscode.l10n.t;
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${webview.cspSource} data:; font-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>${t('Documents table')}</title>
</head>
<body data-nonce="${nonce}">
<div class="bar" role="search">
  <select id="filter-kind" aria-label="${t('Filter language')}"><option value="query">${t('Query')}</option><option value="esql" hidden>ES|QL</option></select>
  <div class="filter-box"><div id="filter-mirror" class="filter-mirror" aria-hidden="true"></div><input id="filter" type="text" spellcheck="false" aria-label="${t('Filter')}"
    data-placeholder-query="${t('Filter: query string (year:2014 AND genre:Drama) or a JSON query; Enter applies')}"
    data-placeholder-esql="${t('ES|QL: FROM movies METADATA _id, _index | WHERE year > 2000 | SORT year DESC; Enter applies')}"></div>
  <button id="apply">${t('Apply')}</button>
  <button data-command="chooseColumns" title="${t('Show, hide and order the columns')}">${t('Columns…')}</button>
  <button data-command="refresh" title="${t('Read the documents again')}">${t('Refresh')}</button>
</div>
<div id="read-only" class="bar" role="note" hidden></div>
<div id="staged" class="bar" role="status" hidden>
  <span id="staged-text"></span>
  <button data-command="review">${t('Review')}</button>
  <button data-command="save" class="primary">${t('Save')}</button>
  <button data-command="discard">${t('Discard')}</button>
</div>
<div id="selection" class="bar" hidden>
  <span id="selection-text"></span>
  <button data-command="open" data-scope="selection">${t('Open')}</button>
  <button data-command="merge" data-scope="selection" data-needs-edit>${t('Merge')}</button>
  <button data-command="compare" data-scope="selection">${t('Compare')}</button>
  <button data-command="overwrite" data-scope="selection" data-needs-edit>${t('Overwrite')}</button>
  <button data-command="discardRows" data-scope="selection">${t('Discard Edits')}</button>
  <button data-command="delete" data-scope="selection" data-needs-edit>${t('Delete')}</button>
  <button data-command="copyNdjson" data-scope="selection">${t('Copy as NDJSON')}</button>
  <button data-command="copyCsv" data-scope="selection">${t('Copy as CSV')}</button>
  <button data-command="copyJson" data-scope="selection">${t('Copy as JSON')}</button>
  <button data-command="export" data-scope="selection">${t('Export…')}</button>
  <button data-command="change" data-scope="selection" data-needs-edit>${t('Change…')}</button>
</div>
<div id="notice" class="bar" role="alert" hidden></div>
<div id="grid"></div>
<div id="status" aria-live="polite"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
