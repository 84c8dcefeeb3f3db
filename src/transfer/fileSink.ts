import * as fs from 'node:fs';
import { once } from 'node:events';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';

/**
 * A file written piece by piece as an export reads pages, gzipped when its name ends in `.gz`.
 * Each write waits while the stream's buffer is full, so memory holds about one page whatever
 * the size of the export.
 */
export class FileSink {
  private readonly file: fs.WriteStream;
  private readonly head: NodeJS.WritableStream;

  constructor(readonly path: string) {
    this.file = fs.createWriteStream(path);
    if (path.endsWith('.gz')) {
      const gzip = zlib.createGzip();
      gzip.pipe(this.file);
      this.head = gzip;
    } else {
      this.head = this.file;
    }
  }

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (!this.head.write(text)) await once(this.head, 'drain');
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
