import { readFile } from 'node:fs/promises';
import type { ApiTable } from './model/apiTable';

/** The bundled table's place in the extension (and in the repository). */
export const API_TABLE_PATH = 'media/console/elasticsearch-api.json';

/**
 * Reads the REST API table once, when a console first needs it: it is not part of the bundle, so
 * activation does not pay for it. A second caller waits for the same read.
 */
export class ApiTableFile {
  private table: Promise<ApiTable> | undefined;

  constructor(private readonly file: string) {}

  get(): Promise<ApiTable> {
    this.table ??= readFile(this.file, 'utf8').then((text) => JSON.parse(text) as ApiTable);
    // A failed read is tried again next time.
    this.table.catch(() => (this.table = undefined));
    return this.table;
  }
}
