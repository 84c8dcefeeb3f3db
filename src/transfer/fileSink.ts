import * as fs from 'node:fs';
import { once } from 'node:events';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';

/**
 * A file written piece by piece as an export reads pages, gzipped when its name ends in `.gz`.
 * Each write waits until its text is handed on, so memory holds about one page whatever the size
 * of the export.
 */
export class FileSink {
  private readonly file: fs.WriteStream;
  private readonly head: NodeJS.WritableStream;
  private bytes: number;

  /**
   * `from`: a plain file's length to continue at (a resumed export's last checkpoint): the file is
   * cut there and written on; whatever followed it (a page written after the checkpoint) goes.
   */
  constructor(readonly path: string, from?: number) {
    if (from !== undefined) {
      if (fs.statSync(path).size < from) throw new Error(`${path} is shorter than when its export stopped: it cannot be continued`);
      fs.truncateSync(path, from);
    }
    this.bytes = from ?? 0;
    this.file = fs.createWriteStream(path, from === undefined ? {} : { flags: 'a' });
    if (path.endsWith('.gz')) {
      const gzip = zlib.createGzip();
      gzip.pipe(this.file);
      this.head = gzip;
    } else {
      this.head = this.file;
    }
  }

  /** Whether the file can be cut and continued (a gzip stream cannot: it is resumed by starting over). */
  get resumable(): boolean {
    return !this.path.endsWith('.gz');
  }

  /** The bytes written to a plain file so far (with `from`), whether or not they reached the disk yet. */
  get length(): number {
    return this.bytes;
  }

  async write(text: string): Promise<void> {
    if (text === '') return;
    // Resolved once the text is handed on (to the file, or to gzip): a checkpoint taken after it names bytes the file holds.
    await new Promise<void>((resolve, reject) => this.head.write(text, (error) => (error ? reject(error) : resolve())));
    this.bytes += Buffer.byteLength(text, 'utf8');
  }

  /** Flushes everything (the gzip trailer included) and closes the file. */
  async close(): Promise<void> {
    const closed = once(this.file, 'close');
    this.head.end();
    await closed;
  }
}

/** The lines of a file, gunzipped when its name ends in `.gz`, each without its line break (`\n` or `\r\n`). */
export function fileLines(path: string): AsyncIterable<string> {
  const input = fs.createReadStream(path);
  const stream: NodeJS.ReadableStream = path.endsWith('.gz') ? input.pipe(zlib.createGunzip()) : input;
  return readline.createInterface({ input: stream, crlfDelay: Infinity });
}
