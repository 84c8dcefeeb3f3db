import { describeRange } from '../model/tableWords';
import type { HostMessage, StagedSummary, TableCommand, TableSetup, TableViewState, ViewMessage } from '../model/tableProtocol';
import { FilterBox } from './filterBox';
import { GridView } from './tableGrid';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const post = (message: ViewMessage): void => vscode.postMessage(message);
const command = (name: TableCommand, keys?: readonly string[]): void => post({ type: 'command', command: name, ...(keys ? { keys } : {}) });

const filterInput = byId<HTMLInputElement>('filter');
const filterKind = byId<HTMLSelectElement>('filter-kind');
const filter = new FilterBox(filterInput, filterKind, byId('filter-mirror'), {
  query: filterInput.dataset.placeholderQuery ?? '',
  esql: filterInput.dataset.placeholderEsql ?? '',
});
const stagedBar = byId<HTMLElement>('staged');
const stagedText = byId<HTMLElement>('staged-text');
const selectionBar = byId<HTMLElement>('selection');
const selectionText = byId<HTMLElement>('selection-text');
const status = byId<HTMLElement>('status');
const notice = byId<HTMLElement>('notice');
const readOnly = byId<HTMLElement>('read-only');

let setup: TableSetup | undefined;
let total: { value: number; relation?: 'eq' | 'gte' } | undefined;
let view = { first: 0, last: 0 };
/** The host's state of the table; the page adds the first row on screen to it. */
let kept: TableViewState | undefined;

function keepState(): void {
  if (kept) vscode.setState({ ...kept, firstRow: view.first } satisfies TableViewState);
}

const grid = new GridView(byId('grid'), document.body.dataset.nonce ?? '', {
  getRows: (request, start, end, sort) => post({ type: 'getRows', request, start, end, sort }),
  edit: (key, path, text, version) => post({ type: 'edit', key, path, text, ...(version === undefined ? {} : { version }) }),
  openCell: (key, path) => post({ type: 'openCell', key, path }),
  selectionChanged: (keys) => {
    selectionBar.hidden = keys.length === 0;
    selectionText.textContent = keys.length === 1 ? '1 document selected' : `${keys.length} documents selected`;
    for (const button of selectionBar.querySelectorAll<HTMLButtonElement>('[data-needs-edit]')) button.disabled = !setup?.editable;
  },
  columnsMoved: (shown) => post({ type: 'columns', shown }),
  viewportChanged: (first, last) => {
    view = { first, last };
    showStatus();
    keepState();
  },
});

// The first row on screen before the page was let go (a hidden tab's page is) or the window reloaded.
grid.scrollToRow((vscode.getState() as Partial<TableViewState> | undefined)?.firstRow ?? 0);

function showStatus(): void {
  if (total === undefined) return;
  const last = Math.min(view.last + 1, total.value);
  status.textContent = describeRange(Math.min(view.first, last), last, total.value, total.relation, setup?.filter ?? '');
}

function say(text: string): void {
  notice.textContent = text;
  notice.hidden = text === '';
}

function showStage(summary: StagedSummary): void {
  stagedBar.hidden = summary.documents === 0;
  const parts = [summary.documents === 1 ? '1 document changed' : `${summary.documents} documents changed`];
  if (summary.conflicts > 0) parts.push(summary.conflicts === 1 ? '1 conflict' : `${summary.conflicts} conflicts`);
  if (summary.failed > 0) parts.push(`${summary.failed} not saved`);
  stagedText.textContent = parts.join(' · ');
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'setup': {
      const first = setup === undefined;
      setup = message.setup;
      grid.setColumns(setup);
      readOnly.hidden = setup.readOnlyReason === undefined;
      readOnly.textContent = setup.readOnlyReason ?? '';
      if (first) filter.show(setup.filter, setup.filterKind, setup.index);
      (filterKind.querySelector('option[value="esql"]') as HTMLOptionElement).hidden = !setup.esql;
      document.title = setup.title;
      return;
    }
    case 'rows':
      if (message.total !== undefined) total = { value: message.total, relation: message.totalRelation };
      grid.answer(message.request, message.rows, message.lastRow);
      showStatus();
      return;
    case 'rowsFailed':
      grid.fail(message.request);
      say(message.message);
      return;
    case 'updateRows':
      grid.update(message.rows);
      return;
    case 'staged':
      showStage(message.summary);
      return;
    case 'refused':
      grid.refused(message.key, message.path, message.reason);
      say(message.reason);
      return;
    case 'notice':
      say(message.text);
      return;
    case 'reload':
      total = undefined;
      grid.reload();
      return;
    case 'state':
      kept = message.state;
      keepState();
      return;
  }
});

function applyFilter(): void {
  say('');
  post({ type: 'filter', text: filter.text, kind: filter.language });
}

filterInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') applyFilter();
});
byId('apply').addEventListener('click', applyFilter);
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-command]')) {
  const name = button.dataset.command as TableCommand;
  button.addEventListener('click', () => command(name, button.dataset.scope === 'selection' ? grid.selectedKeys() : undefined));
}

// Select all in view, undo and redo of staged edits, when no cell is being typed into (there the keys are the editor's).
// Ctrl+S is VS Code's keybinding for the active table (package.json), which the workbench runs.
window.addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || grid.isEditing() || event.target === filterInput) return;
  const key = event.key.toLowerCase();
  if (key === 'a' && !event.shiftKey) grid.selectInView();
  else if (key === 'z' && !event.shiftKey) command('undo');
  else if (key === 'y' || (key === 'z' && event.shiftKey)) command('redo');
  else return;
  event.preventDefault();
});

post({ type: 'ready' });
