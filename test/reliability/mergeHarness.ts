import { ClusterError } from '../../src/cluster/model/clusterErrors';
import type { DocumentAddress } from '../../src/cluster/model/documentAddress';
import { checkDocumentText } from '../../src/json/jsonText';
import { mergeDocuments } from '../../src/documents/model/threeWayMerge';
import type { VersionToken } from '../../src/cluster/model/versionToken';
import { plainGateway } from '../support/plainGateway';
import { DocumentStore } from '../../src/cluster/documentStore';

/**
 * Simulated editors of one document, each changing only its own field (`e0`, `e1`, …) and saving
 * conditionally. On a conflict an editor does what the Merge action does: reads the server
 * version, merges it with the text it started from and its own text (`mergeDocuments`), and
 * saves the result on the new version. With `overwrite` it instead saves its own text on the new
 * version (what Overwrite does): the control that shows the harness sees changes being lost.
 */
export type ConflictChoice = 'merge' | 'overwrite';

export interface MergeRun {
  readonly url: string;
  readonly index: string;
  readonly id: string;
  readonly editors: number;
  readonly attempts: number;
  readonly choice: ConflictChoice;
}

export interface MergeRunResult {
  readonly attempts: number;
  readonly successes: number;
  readonly conflicts: number;
  readonly merges: number;
  /** How many editors had at least one save succeed. */
  readonly editorsSaved: number;
  /** Saved changes of an editor's field that a later save erased, or that the final document does not hold. */
  readonly lost: number;
  /** Whether the fields nobody edited kept their exact text (a big integer, `1.0`, an escape). */
  readonly untouchedExact: boolean;
}

// The largest long: beyond 2^53, within what a long field (its dynamic mapping) accepts.
const FIXED = '"big": 9223372036854775807, "ratio": 1.0, "name": "caf\\u00e9"';

export function initialText(editors: number): string {
  return `{${Array.from({ length: editors }, (_, n) => `"e${n}": 0`).join(', ')}, ${FIXED}}`;
}

function fieldOf(text: string, editor: number): number {
  const match = new RegExp(`"e${editor}":\\s*(\\d+)`).exec(text);
  if (!match) throw new Error(`field e${editor} is missing from ${text}`);
  return Number(match[1]);
}

function withField(text: string, editor: number, value: number): string {
  return text.replace(new RegExp(`("e${editor}":\\s*)\\d+`), `$1${value}`);
}

export async function runMergeEditors(run: MergeRun): Promise<MergeRunResult> {
  let started = 0;
  let successes = 0;
  let conflicts = 0;
  let merges = 0;
  // Others' saved changes a successful save wrote back to an older value. Exact, not sampled: a
  // save conditional on a version succeeds only on that version, whose text is `base`.
  let erased = 0;
  const committed = new Array<number>(run.editors).fill(0);
  let seed = 109487;
  // Users pause between edits for different lengths: a few turns of the event loop, drawn from a
  // seeded sequence, keep the editor that just saved from always winning the next race.
  const pause = async (): Promise<void> => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    for (let turns = (seed >>> 8) % 16; turns > 0; turns--) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  const editor = async (n: number): Promise<void> => {
    const gateway = plainGateway(run.url, 30_000);
    const store = new DocumentStore(() => gateway);
    const address: DocumentAddress = { connectionId: `editor-${n}`, index: run.index, id: run.id };
    try {
      const opened = await store.get(address);
      if (!opened.found) throw new Error('the document is missing');
      let base = opened.sourceText;
      let token: VersionToken = opened.token;
      let yours = base;
      while (started < run.attempts) {
        started++;
        // The user changes their own field once more, on top of whatever the editor holds.
        yours = withField(yours, n, fieldOf(yours, n) + 1);
        if (!checkDocumentText(yours).ok) throw new Error(`invalid text: ${yours}`);
        await pause();
        try {
          token = (await store.replace(address, yours, token, 'false')).token;
          successes++;
          for (let k = 0; k < run.editors; k++) if (k !== n && fieldOf(yours, k) < fieldOf(base, k)) erased++;
          committed[n] = fieldOf(yours, n);
          base = yours;
        } catch (error) {
          if (!(error instanceof ClusterError) || error.failure.kind !== 'conflict') throw error;
          conflicts++;
          const server = await store.get(address);
          if (!server.found) throw new Error('the document disappeared');
          if (run.choice === 'merge') {
            const merged = mergeDocuments(base, server.sourceText, yours);
            if (!merged.clean) throw new Error(`editors of different fields conflicted: ${JSON.stringify(merged.conflicts)}`);
            yours = merged.text;
            merges++;
          }
          base = server.sourceText;
          token = server.token;
        }
      }
    } finally {
      await gateway.close();
    }
  };

  await Promise.all(Array.from({ length: run.editors }, (_, n) => editor(n)));
  const gateway = plainGateway(run.url, 30_000);
  try {
    const final = await new DocumentStore(() => gateway).get({ connectionId: 'check', index: run.index, id: run.id });
    if (!final.found) throw new Error('the document is missing');
    const lost = erased + committed.reduce((sum, value, n) => sum + Math.max(0, value - fieldOf(final.sourceText, n)), 0);
    const untouchedExact = final.sourceText.replace(/\s/g, '').includes(FIXED.replace(/\s/g, ''));
    const editorsSaved = committed.filter((value) => value > 0).length;
    return { attempts: started, successes, conflicts, merges, editorsSaved, lost, untouchedExact };
  } finally {
    await gateway.close();
  }
}

export function formatMergeRun(label: string, result: MergeRunResult): string {
  return `${label}: attempts ${result.attempts}, successes ${result.successes}, conflicts ${result.conflicts}, merges ${result.merges}, editors that saved ${result.editorsSaved}, field changes lost ${result.lost}`;
}
