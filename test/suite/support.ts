import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Helpers of the extension-host tests: the test cluster over plain HTTP, and waiting on VS Code. */

export const CONNECTION = 'test';

export function clusterUrl(): string {
  const url = process.env.ESDOCS_TEST_ES_URL;
  assert.ok(url, 'ESDOCS_TEST_ES_URL names the test cluster');
  return url;
}

/** The suite runs against a real engine (`npm run test:real`): what only the test server has is missing. */
export function onRealEngine(): boolean {
  return process.env.ESDOCS_TEST_REAL === '1';
}

export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

export async function rest(method: string, path: string, body?: string, contentType = 'application/json'): Promise<RawAnswer> {
  const response = await fetch(clusterUrl() + path, { method, body, headers: body === undefined ? {} : { 'content-type': contentType } });
  return { status: response.status, text: await response.text() };
}

export async function restJson<T = Record<string, unknown>>(method: string, path: string, body?: string): Promise<T> {
  const answer = await rest(method, path, body);
  assert.ok(answer.status < 300, `${method} ${path} → ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as T;
}

/** The `_source` of a document exactly as the cluster returns it. */
export async function rawSource(index: string, id: string): Promise<string> {
  const answer = await rest('GET', `/${encodeURIComponent(index)}/_source/${encodeURIComponent(id)}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.text;
}

export async function useTestConnection(): Promise<void> {
  const config = vscode.workspace.getConfiguration('esdocs');
  await config.update('connections', [{ name: CONNECTION, url: clusterUrl() }], vscode.ConfigurationTarget.Global);
  // The suites compare what the cluster holds with the editor's text; saveFormat.test.ts covers the compact default.
  await config.update('saveFormat', 'asTyped', vscode.ConfigurationTarget.Global);
}

/** What an editing suite starts from: the test connection, the extension active, and an empty index. */
export async function prepareEditing(index: string, shards = 1): Promise<void> {
  await useTestConnection();
  await vscode.extensions.getExtension('esdocs.elasticsearch-documents')?.activate();
  await freshIndex(index, shards);
}

export async function freshIndex(name: string, shards = 1): Promise<void> {
  await rest('DELETE', `/${name}`);
  await restJson('PUT', `/${name}`, JSON.stringify({ settings: { number_of_shards: shards, number_of_replicas: 0 } }));
}

export async function putDocument(index: string, id: string, source: string): Promise<void> {
  await restJson('PUT', `/${encodeURIComponent(index)}/_doc/${encodeURIComponent(id)}?refresh=true`, source);
}

export async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Polls until `probe` returns a value (VS Code applies some changes asynchronously). */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/**
 * Answers the extension's prompts as a user would while `body` runs: input boxes (`showInputBox`
 * and `createInputBox` alike) in order, warnings with one choice.
 */
export async function answering<T>(answers: { inputs?: string[]; warning?: string }, body: () => Thenable<T> | Promise<T>): Promise<T> {
  const window = vscode.window as { showInputBox: unknown; showWarningMessage: unknown; createInputBox: unknown };
  const { showInputBox, showWarningMessage, createInputBox } = window;
  const inputs = [...(answers.inputs ?? [])];
  window.showInputBox = async () => inputs.shift();
  window.showWarningMessage = async () => answers.warning;
  window.createInputBox = () => scriptedInputBox(() => inputs.shift());
  try {
    return await body();
  } finally {
    window.showInputBox = showInputBox;
    window.showWarningMessage = showWarningMessage;
    window.createInputBox = createInputBox;
  }
}

/** Replaces functions of `vscode.window` while `body` runs: dialogs and pickers answered as a user would. */
export async function withWindowStubs<T>(stubs: Record<string, unknown>, body: () => Thenable<T> | Promise<T>): Promise<T> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = Object.fromEntries(Object.keys(stubs).map((key) => [key, window[key]]));
  Object.assign(window, stubs);
  try {
    return await body();
  } finally {
    Object.assign(window, saved);
  }
}

/**
 * An input box that, once shown, accepts the next answer (or is dismissed when there is none).
 * `press` triggers the box's buttons, by tooltip, before it accepts.
 */
export function scriptedInputBox(next: () => string | undefined, press: readonly string[] = []): vscode.InputBox {
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  const change = new vscode.EventEmitter<string>();
  const trigger = new vscode.EventEmitter<vscode.QuickInputButton>();
  const box = {
    value: '', title: undefined, prompt: undefined, placeholder: undefined, password: false, validationMessage: undefined, buttons: [] as readonly vscode.QuickInputButton[],
    ignoreFocusOut: false, busy: false, enabled: true, step: undefined, totalSteps: undefined, valueSelection: undefined,
    onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: change.event, onDidTriggerButton: trigger.event,
    show(): void {
      setImmediate(() => {
        for (const tooltip of press) {
          const button = box.buttons.find((b) => b.tooltip === tooltip);
          assert.ok(button, `the input box has a "${tooltip}" button`);
          trigger.fire(button);
        }
        const answer = next();
        if (answer === undefined) return hide.fire();
        box.value = answer;
        change.fire(answer);
        accept.fire();
      });
    },
    hide: (): void => hide.fire(),
    dispose: (): void => undefined,
  };
  return box as unknown as vscode.InputBox;
}

/** Clicks "Load more" under `node` until everything is listed; returns the children and the pages read. */
export async function listEverything<N extends { kind: string }>(
  tree: { getChildren(node?: N): Thenable<N[]> | Promise<N[]> | N[] },
  node: N,
  maxPages: number,
): Promise<{ children: N[]; pages: number }> {
  let children = await tree.getChildren(node);
  let pages = 1;
  while (children[children.length - 1]?.kind === 'loadMore') {
    await vscode.commands.executeCommand('esdocs.loadMore', node);
    children = await tree.getChildren(node);
    pages++;
    assert.ok(pages <= maxPages, 'paging ends');
  }
  return { children, pages };
}

/** Runs `body` with warnings answered by `choice` and the text of every warning and information recorded. */
export async function choosing<T>(choice: string | undefined, body: () => Thenable<T>): Promise<{ result: T; shown: string[] }> {
  const window = vscode.window as { showWarningMessage: unknown; showInformationMessage: unknown };
  const { showWarningMessage, showInformationMessage } = window;
  const shown: string[] = [];
  window.showWarningMessage = async (message: string) => {
    shown.push(message);
    return choice;
  };
  window.showInformationMessage = async (message: string) => {
    shown.push(message);
    return undefined;
  };
  try {
    return { result: await body(), shown };
  } finally {
    window.showWarningMessage = showWarningMessage;
    window.showInformationMessage = showInformationMessage;
  }
}
