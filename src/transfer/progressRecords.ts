import * as fs from 'node:fs';
import * as path from 'node:path';
import { progressKey, type ImportProgress } from './model/importProgress';

/**
 * The imports' progress records, one small JSON file each in a folder of their own (the
 * extension's global storage, or the headless import's state folder). Written after each batch,
 * removed when an import completes.
 */
export class ProgressRecords {
  constructor(private readonly folder: string) {}

  read(file: string, connection: string, index: string): ImportProgress | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.pathOf(file, connection, index), 'utf8')) as ImportProgress;
    } catch {
      return undefined;
    }
  }

  write(progress: ImportProgress): void {
    fs.mkdirSync(this.folder, { recursive: true });
    const target = this.pathOf(progress.file, progress.connection, progress.index);
    // Written aside and renamed: a crash mid-write leaves the previous record whole.
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(progress));
    fs.renameSync(`${target}.tmp`, target);
  }

  remove(file: string, connection: string, index: string): void {
    fs.rmSync(this.pathOf(file, connection, index), { force: true });
  }

  private pathOf(file: string, connection: string, index: string): string {
    return path.join(this.folder, `${progressKey(file, connection, index)}.json`);
  }
}
