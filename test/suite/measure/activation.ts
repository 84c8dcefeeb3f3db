import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { ACTIVATION_MARKER, type ActivationSample } from '../../host/activationSample';

/**
 * An `extensionTestsPath` entry of its own (test/host/run-activation.ts), not a mocha test: it
 * must be the first to activate the extension in a fresh host, which a suite cannot promise.
 * It prints one marked JSON line; the runner reads it from the console relay.
 */

const EXTENSION_ID = 'esdocs.elasticsearch-documents';

/**
 * A first load of `file`: the source gets a unique tail, so no compilation cache can serve it,
 * and is run the way Node runs a CommonJS module. The copy is dropped afterwards.
 */
function moduleLoadMs(file: string): number {
  const started = performance.now();
  const source = fs.readFileSync(file, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})\n//${Date.now()}-${Math.random()}`;
  const body = vm.runInThisContext(wrapped, { filename: file }) as (...args: unknown[]) => void;
  const copy = { exports: {} };
  body.call(copy.exports, copy.exports, createRequire(file), copy, file, path.dirname(file));
  return performance.now() - started;
}

function clientModules(): string[] {
  const cache = createRequire(__filename).cache;
  return Object.keys(cache).filter((key) => /elasticsearch-client\.js$|[\\/]@elastic[\\/]/.test(key));
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`${EXTENSION_ID} is not installed`);
  // The host is busy with its own start for a while; measured then, the host's share would be noise.
  const settleMs = Number(process.env.ESDOCS_ACTIVATION_SETTLE_MS ?? 0);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const hostActivateMs = performance.now() - started;
  const clientModulesAtActivation = clientModules();
  const rootStarted = performance.now();
  await api.tree.getChildren();
  const rootChildrenMs = performance.now() - rootStarted;
  const dist = path.join(extension.extensionPath, 'dist');
  const clientFile = path.join(dist, 'elasticsearch-client.js');
  const sample: ActivationSample = {
    wasActive,
    activationMs: api.activationMs,
    hostActivateMs,
    rootChildrenMs,
    moduleLoadMs: moduleLoadMs(path.join(dist, 'extension.js')),
    clientLoadMs: fs.existsSync(clientFile) ? moduleLoadMs(clientFile) : undefined,
    clientModulesAtActivation,
  };
  console.log(`activation ms: ${sample.activationMs.toFixed(2)} (host activate ${hostActivateMs.toFixed(2)}, module load ${sample.moduleLoadMs.toFixed(2)})`);
  console.log(`${ACTIVATION_MARKER} ${JSON.stringify(sample)}`);
}
