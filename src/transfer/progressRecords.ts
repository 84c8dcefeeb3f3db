import * as fs from 'node:fs';
import * as path from 'node:path';
import { progressKey } from './model/importProgress';

/**
 * Progress records of imports or exports, one small JSON file each in a folder of their own (the
 * extension's global storage, or the headless commands' state folder), named by file, cluster and
 * index. Written after each batch or page, removed when the transfer completes.
 */
export class ProgressRecords<T extends { readonly file: string; readonly connection: string; readonly index: string }> {
  constructor(private readonly folder: string) {}

  read(file: string, connection: string, index: string): T | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.pathOf(file, connection, index), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  write(record: T): void {
    fs.mkdirSync(this.folder, { recursive: true });
    const target = this.pathOf(record.file, record.connection, record.index);
    // Written aside and renamed: a crash mid-write leaves the previous record whole.
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(record));
    fs.renameSync(`${target}.tmp`, target);
  }

  remove(file: string, connection: string, index: string): void {
    fs.rmSync(this.pathOf(file, connection, index), { force: true });
  }

  private pathOf(file: string, connection: string, index: string): string {
    return path.join(this.folder, `${progressKey(file, connection, index)}.json`);
  }
}
