import * as assert from 'node:assert/strict';
import { ClusterError } from '../../src/cluster/model/clusterErrors';
import type { DocumentAddress } from '../../src/cluster/model/documentAddress';
import { checkDocumentText, describeProblem } from '../../src/json/jsonText';
import type { VersionToken } from '../../src/cluster/model/versionToken';
import { ClusterGateway, encodePathSegment } from '../../src/cluster/clusterGateway';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';

/**
 * Simulated editors running the extension's save path without the UI: read (token + exact
 * source), edit, check the text, conditional PUT; on a conflict, read again and retry as a user
 * choosing Revert and re-editing would. With `blind`, the PUT carries no condition: that mode
 * exists to prove the harness sees lost updates when they happen.
 */

export type WriteMode = 'conditional' | 'blind';

export interface EditorRun {
  readonly url: string;
  readonly index: string;
  readonly ids: readonly string[];
  readonly editors: number;
  readonly attempts: number;
  readonly mode: WriteMode;
  /** Runs once, concurrently with the editors, when this many attempts have been started. */
  readonly midRun?: { readonly atAttempt: number; readonly action: () => Promise<number> };
}

export interface EditorRunResult {
  readonly attempts: number;
  readonly successes: number;
  readonly conflicts: number;
  /** Successful saves that the final counters do not account for. */
  readonly lost: number;
  /**
   * Saves that got no answer in time (a real primary failover can hold one up): applied or not,
   * the editor reads again, as the extension's next save would find out.
   */
  readonly unanswered: number;
  /**
   * Conflicts after which the document held exactly the text of the refused save. A primary
   * failover can apply a write and then answer its retry with a 409; the extension then reports
   * the save as done ("the cluster already held exactly this text").
   */
  readonly conflictsHoldingOwnText: number;
  /** Conflicts where the document had been written at a newer primary term than the save's read. */
  readonly staleTermConflicts: number;
  /** Conflicts where the document had been written at the term `midRun` returned (after a failover). */
  readonly newTermConflicts: number;
}

const COUNTER_TEXT = (count: number): string => `{"count": ${count}}`;

function readCount(sourceText: string): number {
  const value = (JSON.parse(sourceText) as { count?: unknown }).count;
  if (typeof value !== 'number') throw new Error(`not a counter document: ${sourceText}`);
  return value;
}

/** Creates the counters at 0 with one ordinary store, so every run starts from a known sum. */
export async function createCounters(url: string, index: string, ids: readonly string[]): Promise<void> {
  const gateway = plainGateway(url, 30_000);
  try {
    const store = new DocumentStore(() => gateway);
    for (const id of ids) await store.create({ connectionId: 'setup', index, id }, COUNTER_TEXT(0), 'false');
  } finally {
    await gateway.close();
  }
}

export async function sumCounters(url: string, index: string, ids: readonly string[]): Promise<number> {
  const gateway = plainGateway(url, 30_000);
  try {
    const store = new DocumentStore(() => gateway);
    let sum = 0;
    for (const id of ids) {
      const read = await store.get({ connectionId: 'check', index, id });
      assert.ok(read.found, `counter ${id} disappeared`);
      sum += readCount(read.sourceText);
    }
    return sum;
  } finally {
    await gateway.close();
  }
}

export async function runEditors(run: EditorRun): Promise<EditorRunResult> {
  const before = await sumCounters(run.url, run.index, run.ids);
  let started = 0;
  let successes = 0;
  let conflicts = 0;
  let unanswered = 0;
  let conflictsHoldingOwnText = 0;
  let seed = 12345;
  const nextRandom = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  const conflictTermsSeen: { required: number; current: number }[] = [];
  let midRunDone: Promise<number> | undefined;

  const save = async (gateway: ClusterGateway, store: DocumentStore, address: DocumentAddress, text: string, token: VersionToken): Promise<void> => {
    if (run.mode === 'conditional') {
      await store.replace(address, text, token, 'false');
      return;
    }
    const path = `/${encodePathSegment(address.index)}/_doc/${encodePathSegment(address.id)}`;
    await gateway.sendOk({ method: 'PUT', path, body: text });
  };

  const editor = async (editorNumber: number): Promise<void> => {
    // One gateway per editor, as each VS Code window has its own connection to the cluster.
    const gateway = plainGateway(run.url, 30_000);
    const store = new DocumentStore(() => gateway);
    try {
      let address: DocumentAddress | undefined;
      while (started < run.attempts) {
        const attempt = started++;
        if (run.midRun && attempt === run.midRun.atAttempt) {
          midRunDone = run.midRun.action();
        }
        // A conflict keeps the editor on the same document: the user re-edits what they were editing.
        // Otherwise the next document is drawn at random (seeded), so editors collide as users would.
        address ??= { connectionId: `editor-${editorNumber}`, index: run.index, id: run.ids[nextRandom() % run.ids.length] };
        const target = address;
        const read = await store.get(target);
        assert.ok(read.found, `document ${target.id} not found`);
        const text = COUNTER_TEXT(readCount(read.sourceText) + 1);
        const check = checkDocumentText(text);
        assert.ok(check.ok, check.ok ? '' : describeProblem(check));
        try {
          await save(gateway, store, address, text, read.token);
          successes++;
          address = undefined;
        } catch (error) {
          if (error instanceof ClusterError && error.failure.kind === 'network') {
            unanswered++;
            continue;
          }
          if (!(error instanceof ClusterError) || error.failure.kind !== 'conflict') throw error;
          conflicts++;
          // As the extension does after a 409: does the cluster hold exactly this text already?
          // (Asked only around a failover, so that the other runs' figures keep their timing.)
          if (run.midRun) {
            const now = await store.get(target);
            if (now.found && now.sourceText === text) conflictsHoldingOwnText++;
          }
          // The terms come from the cluster's reason, not from when our failover call returned:
          // the server may apply the failover well before its answer reaches this process.
          const terms = conflictTerms(error.failure.reason);
          if (terms) conflictTermsSeen.push(terms);
        }
      }
    } finally {
      await gateway.close();
    }
  };

  await Promise.all(Array.from({ length: run.editors }, (_, n) => editor(n)));
  const newTerm = await midRunDone;
  const staleTermConflicts = conflictTermsSeen.filter((t) => t.required < t.current).length;
  const newTermConflicts = newTerm === undefined ? 0 : conflictTermsSeen.filter((t) => t.current >= newTerm).length;
  const after = await sumCounters(run.url, run.index, run.ids);
  const applied = after - before;
  // An unanswered save may or may not have been applied, and so may one answered 409 whose text the
  // document then held; any other surplus would be a phantom write.
  const unknown = unanswered + conflictsHoldingOwnText;
  assert.ok(applied <= successes + unknown, `${applied - successes - unknown} increment(s) applied that no save made`);
  return { attempts: started, successes, conflicts, unanswered, conflictsHoldingOwnText, lost: Math.max(0, successes - applied), staleTermConflicts, newTermConflicts };
}

/** `required seqNo [5], primary term [1]. current document has seqNo [9] and primary term [2]` */
function conflictTerms(reason: string): { required: number; current: number } | undefined {
  const match = /primary term \[(\d+)\]\. current document has seqNo \[\d+\] and primary term \[(\d+)\]/.exec(reason);
  return match ? { required: Number(match[1]), current: Number(match[2]) } : undefined;
}

export function formatRun(label: string, result: EditorRunResult): string {
  return `${label}: attempts ${result.attempts}, successes ${result.successes}, conflicts ${result.conflicts}, lost ${result.lost}` +
    (result.unanswered > 0 ? `, unanswered ${result.unanswered}` : '') +

    (result.newTermConflicts > 0 ? ` (after the failover ${result.newTermConflicts}, of which based on the old term ${result.staleTermConflicts})` : '');
}
