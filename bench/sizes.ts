import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The VSIX at the project root (packaged when missing) and the bundle it ships. */

const ROOT = path.resolve(__dirname, '..');
const BUNDLE_ENTRY = 'extension/dist/extension.js';
const CLIENT_ENTRY = 'extension/dist/elasticsearch-client.js';

export interface Sizes {
  readonly vsixFile: string;
  readonly vsixBytes: number;
  /** dist/extension.js as packaged (production build), uncompressed. */
  readonly bundleBytes: number | undefined;
  /** dist/elasticsearch-client.js as packaged: loaded on the first request, not at activation. */
  readonly clientBytes: number | undefined;
  readonly packagedNow: boolean;
}

function findVsix(): string | undefined {
  return fs.readdirSync(ROOT).find((name) => /^elasticsearch-documents-.*\.vsix$/.test(name));
}

/** The uncompressed size of one entry of a zip file, read from its central directory. */
export function zipEntrySize(zip: Buffer, entryName: string): number | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return undefined;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries && zip.readUInt32LE(at) === 0x02014b50; i++) {
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entryName) return size;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

export function measureSizes(): Sizes {
  let file = findVsix();
  let packagedNow = false;
  if (file === undefined) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status})`);
    file = findVsix();
    if (file === undefined) throw new Error('npm run package wrote no VSIX');
    packagedNow = true;
  }
  const zip = fs.readFileSync(path.join(ROOT, file));
  return { vsixFile: file, vsixBytes: zip.length, bundleBytes: zipEntrySize(zip, BUNDLE_ENTRY), clientBytes: zipEntrySize(zip, CLIENT_ENTRY), packagedNow };
}
