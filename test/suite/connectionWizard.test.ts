import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as vscode from 'vscode';
import { changeLabel, runConnectionWizard, saveLabel, type WizardOptions } from '../../src/connections/connectionWizard';
import { BACK, type ChoiceOptions, type StepInfo, type StepUi, type TextOptions } from '../../src/platform/quickInput';
import { Redactor } from '../../src/connections/redactor';
import type { ConnectionConfig } from '../../src/cluster/model/connectionConfig';
import { startEsServer, type RunningEsServer } from '../server/server';

const PASSWORD = 'Wizard-Secret-Value-31';

/** What one step showed: its question, its place, and (for choices) its message and the item Enter picks. */
interface Shown {
  readonly ask: string;
  readonly step: number;
  readonly total: number;
  readonly value?: string;
  readonly prompt?: string;
  readonly enter?: string;
}

type Answer = string | typeof BACK | ((shown: Shown) => string | typeof BACK);

/** A scripted user: answers each question in turn (a choice by its label), and records what was shown. */
class ScriptedUi implements StepUi {
  readonly shown: Shown[] = [];
  constructor(private readonly answers: Answer[]) {}

  async text(info: StepInfo, options: TextOptions): Promise<string | typeof BACK | undefined> {
    const shown = { ask: options.prompt, step: info.step, total: info.totalSteps, value: options.value };
    const answer = this.next(shown);
    if (answer === BACK || answer === undefined) return answer;
    assert.equal(options.validate?.(answer), undefined, `"${answer}" is accepted at "${options.prompt}"`);
    return answer;
  }

  async choice<T extends vscode.QuickPickItem>(info: StepInfo, items: readonly T[], options: ChoiceOptions<T>): Promise<T | typeof BACK | undefined> {
    const enter = (options.active ?? items[0])?.label;
    const answer = this.next({ ask: options.placeholder ?? '', step: info.step, total: info.totalSteps, prompt: options.prompt, enter });
    if (answer === BACK || answer === undefined) return answer;
    const item = items.find((i) => i.label === answer || (answer === '' && i.label === enter));
    assert.ok(item, `"${answer}" is one of ${items.map((i) => i.label).join(', ')}`);
    return item;
  }

  async file(): Promise<string | undefined> {
    return undefined;
  }

  private next(shown: Shown): string | typeof BACK | undefined {
    this.shown.push(shown);
    const answer = this.answers.shift();
    return typeof answer === 'function' ? answer(shown) : answer;
  }
}

/** Accepts what is shown: Enter on a text step keeps its value, on a choice picks the active item. */
const keep: Answer = (shown) => (shown.enter !== undefined ? shown.enter : (shown.value ?? ''));

function options(ui: StepUi, extra: Partial<WizardOptions> = {}): WizardOptions {
  return { taken: new Set(), requestTimeoutMs: 5000, redactor: new Redactor(() => []), ui, ...extra };
}

describe('Add Connection and Edit Connection, step by step', function () {
  this.timeout(60000);
  let open: RunningEsServer;
  let secured: RunningEsServer;
  let closedPort: number;

  before(async () => {
    open = await startEsServer({ port: 0 });
    secured = await startEsServer({ port: 0, auth: { basic: [{ username: 'elastic', password: PASSWORD }] } });
    // A port nothing listens on: the connection test fails at once.
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  after(async () => {
    await open.close();
    await secured.close();
  });

  it('skips the steps with nothing to ask, and Back reaches the last step that asked, then the URL', async () => {
    const ui = new ScriptedUi([open.url, 'plain', 'No authentication', BACK, BACK, BACK, keep, keep, keep, '']);
    const result = await runConnectionWizard(options(ui));
    assert.deepEqual(
      ui.shown.map((s) => `${s.step}/${s.total} ${s.ask.split(' ')[0]}`),
      ['1/4 Cluster', '2/4 A', '3/4 Authentication', '4/4 Save', '3/4 Authentication', '2/4 A', '1/4 Cluster', '2/4 A', '3/4 Authentication', '4/4 Save'],
    );
    assert.equal(result?.config.name, 'plain');
    assert.deepEqual(result?.config.urls, [open.url]);
  });

  it('shows the test result in full as the message, and "Change something" goes back to the URL with every answer kept', async () => {
    const ui = new ScriptedUi([open.url, 'kept-answers', 'No authentication', changeLabel(), keep, keep, keep, saveLabel()]);
    const result = await runConnectionWizard(options(ui));
    const test = ui.shown[3];
    assert.match(test.prompt ?? '', /^Connected: cluster "esdocs-test-cluster", Elasticsearch \d+\.\d+\.\d+\.$/);
    assert.equal(test.enter, saveLabel());
    assert.deepEqual(ui.shown.slice(4, 6).map((s) => s.value), [open.url, 'kept-answers']);
    assert.equal(result?.config.name, 'kept-answers');
  });

  it('does not make Save the default when the test failed', async () => {
    const url = `http://127.0.0.1:${closedPort}`;
    const ui = new ScriptedUi([url, 'unreachable', 'No authentication', BACK, 'Username and password', 'elastic', PASSWORD, '']);
    const result = await runConnectionWizard(options(ui));
    const failed = ui.shown.filter((s) => s.step === s.total);
    assert.equal(failed.length, 2);
    for (const step of failed) {
      assert.match(step.prompt ?? '', /Connecting failed/);
      assert.equal(step.enter, changeLabel(), 'Enter changes something');
    }
    assert.ok(!failed[1].prompt?.includes(PASSWORD));
    assert.equal(result, undefined, 'the last Enter went back to the URL, and the script ended there');
  });

  it('Edit Connection tests with the stored secret when the password is left empty, and keeps it', async () => {
    const existing: ConnectionConfig = { id: 'edited', name: 'edited', urls: [secured.url], auth: 'basic', username: 'elastic', tls: {}, origin: 'added' };
    const ui = new ScriptedUi([keep, keep, keep, keep, '', keep]);
    const result = await runConnectionWizard(options(ui, { existing: { config: existing, secret: PASSWORD } }));
    assert.match(ui.shown[4].ask, /leave empty to keep the stored one/);
    assert.match(ui.shown[5].prompt ?? '', /^Connected: cluster/, ui.shown[5].prompt);
    assert.equal(result?.secret, PASSWORD);
  });

  it('Edit Connection does not send the stored secret to a new URL', async () => {
    const headers: Array<string | undefined> = [];
    const other = createServer((request, response) => {
      headers.push(request.headers.authorization);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const existing: ConnectionConfig = { id: 'moved', name: 'moved', urls: [secured.url], auth: 'basic', username: 'elastic', tls: {}, origin: 'added' };
      const ui = new ScriptedUi([otherUrl, keep, keep, keep, '', keep]);
      const result = await runConnectionWizard(options(ui, { existing: { config: existing, secret: PASSWORD } }));
      assert.match(ui.shown[5].prompt ?? '', /Enter the password again/);
      assert.equal(ui.shown[5].enter, changeLabel());
      assert.deepEqual(headers, [], 'nothing was sent to the new URL');
      assert.equal(result, undefined);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('warns, at the test step, that a password would cross the network in clear text', async () => {
    // The host is never contacted: the connection test is replaced.
    const tested: string[] = [];
    const test: WizardOptions['test'] = async (config) => {
      tested.push(config.urls.join(','));
      return { ok: false, message: 'Connecting failed: not contacted in this test.' };
    };
    const ui = new ScriptedUi(['http://es.example.com:9200', 'clear-text', 'Username and password', 'elastic', PASSWORD, '']);
    await runConnectionWizard(options(ui, { test }));
    assert.deepEqual(tested, ['http://es.example.com:9200']);
    assert.match(ui.shown[5].prompt ?? '', /sends its password over plain http to es\.example\.com:9200/);
  });
});
