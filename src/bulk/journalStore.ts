import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJournal, type ChangeSetHeader, type JournalState } from './model/journal';

/**
 * The journals of change sets, one NDJSON file each in the extension's storage folder. Every
 * append is flushed to disk (`fsync`) before it returns: the write it describes is sent only after.
 * The newest `limit` journals are kept; older ones are deleted as new ones come.
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

  read(id: string): JournalState | undefined {
    const file = this.file(id);
    return fs.existsSync(file) ? readJournal(fs.readFileSync(file, 'utf8')) : undefined;
  }

  /** The change sets journaled, newest first. */
  list(): JournalState[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs.readdirSync(this.dir)
      .filter((name) => name.endsWith('.ndjson'))
      .map((name) => this.read(name.slice(0, -'.ndjson'.length)))
      .filter((state): state is JournalState => state !== undefined)
      .sort((a, b) => b.header.time.localeCompare(a.header.time));
  }

  delete(id: string): void {
    fs.rmSync(this.file(id), { force: true });
  }

  private prune(): void {
    for (const old of this.list().slice(Math.max(1, this.limit()))) this.delete(old.header.id);
  }
}
