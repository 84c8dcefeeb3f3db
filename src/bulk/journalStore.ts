import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJournalLine, type ChangeSetHeader, type EndLine } from './model/journal';

/** What the history shows of a change set: its header (the first line) and its end (the last line, absent when interrupted). */
export interface JournalSummary {
  readonly header: ChangeSetHeader;
  readonly end?: EndLine;
}

/** Enough of a journal's end to hold its end line (a few counts). */
const TAIL_BYTES = 4096;

/**
 * The journals of change sets, one NDJSON file each in the extension's storage folder. Every
 * append is flushed to disk (`fsync`) before it returns: the write it describes is sent only after.
 * The newest `limit` journals are kept; older ones are deleted as new ones come. A journal is
 * read as a stream of lines (undo) or by its first and last line (history): never whole.
 */
export class JournalStore {
  constructor(
    private readonly dir: string,
    private readonly limit: () => number,
  ) {}

  private file(id: string): string {
    if (!/^[\w-]+$/.test(id)) throw new Error(`not a change set id: ${id}`);
    return path.join(this.dir, `${id}.ndjson`);
  }

  create(header: ChangeSetHeader, line: string): void {
    fs.mkdirSync(this.dir, { recursive: true });
    this.append(header.id, line);
    this.prune();
  }

  append(id: string, lines: string): void {
    const fd = fs.openSync(this.file(id), 'a');
    try {
      fs.writeSync(fd, lines);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  exists(id: string): boolean {
    return fs.existsSync(this.file(id));
  }

  /** The journal's lines in order, read as a stream: the next chunk is read only when the lines before it were taken. */
  async *lines(id: string): AsyncGenerator<string> {
    const input = fs.createReadStream(this.file(id), { encoding: 'utf8' });
    let rest = '';
    try {
      for await (const chunk of input as AsyncIterable<string>) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        yield* lines;
      }
      if (rest !== '') yield rest;
    } finally {
      input.destroy();
    }
  }

  summary(id: string): JournalSummary | undefined {
    const file = this.file(id);
    if (!fs.existsSync(file)) return undefined;
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const header = readJournalLine(firstLine(fd));
      if (header?.type !== 'changeSet') return undefined;
      const tail = Buffer.alloc(Math.min(size, TAIL_BYTES));
      fs.readSync(fd, tail, 0, tail.length, size - tail.length);
      const last = readJournalLine(tail.toString('utf8').trimEnd().split('\n').at(-1) ?? '');
      return { header, ...(last?.type === 'end' ? { end: last } : {}) };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The change sets journaled, newest first. */
  list(): JournalSummary[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs.readdirSync(this.dir)
      .filter((name) => name.endsWith('.ndjson'))
      .map((name) => this.summary(name.slice(0, -'.ndjson'.length)))
      .filter((summary): summary is JournalSummary => summary !== undefined)
      .sort((a, b) => b.header.time.localeCompare(a.header.time));
  }

  delete(id: string): void {
    fs.rmSync(this.file(id), { force: true });
  }

  private prune(): void {
    for (const old of this.list().slice(Math.max(1, this.limit()))) this.delete(old.header.id);
  }
}

/** The first line of a file, read in chunks until its newline (a header is one short line). */
function firstLine(fd: number): string {
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(TAIL_BYTES);
  for (let position = 0; ; position += chunk.length) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, position);
    const newline = chunk.subarray(0, read).indexOf(0x0a);
    chunks.push(Buffer.from(chunk.subarray(0, newline >= 0 ? newline : read)));
    if (newline >= 0 || read < chunk.length) return Buffer.concat(chunks).toString('utf8');
  }
}
