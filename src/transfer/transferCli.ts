import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliGateway } from '../cluster/cliGateway';
import { secretsOf, UsageError } from '../cluster/model/cliConnection';
import { describeError } from '../cluster/model/clusterErrors';
import { exportDocuments, exportQuery } from './exporter';
import { importDocuments, previewImport } from './importer';
import { resumes, type ImportProgress } from './model/importProgress';
import { continues, type ExportCheckpoint } from './model/exportCheckpoint';
import { REPORT_KINDS, reportJson, summaryLine } from './model/importReport';
import { EXPORT_USAGE, IMPORT_USAGE, parseTransferArgs, type ExportArgs, type ImportArgs } from './model/transferArgs';
import { ProgressRecords } from './progressRecords';
import { createIndex, newIndexMappings } from './newIndex';

/**
 * `npm run export -- …` and `npm run import -- …`: the same export and import as the editor's
 * commands, for scripts and CI, with the same formats, modes, reports and progress records.
 */

interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function runTransferCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: Output): Promise<number> {
  let args: ExportArgs | ImportArgs;
  try {
    args = parseTransferArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n${argv[0] === 'import' ? IMPORT_USAGE : EXPORT_USAGE}\n`);
    return 2;
  }
  try {
    return args.command === 'export' ? await runExport(args, env, io) : await runImport(args, env, io);
  } catch (error) {
    io.err(`${describeError(args.command === 'export' ? `Exporting ${args.index}` : `Importing into ${args.index}`, error, args.command === 'import', secretsOf(args.connection.credentials))}\n`);
    return 1;
  }
}

function stateDir(args: { stateDir?: string }, env: Readonly<Record<string, string | undefined>>, kind: 'imports' | 'exports'): string {
  return path.join(args.stateDir ?? path.join(env.XDG_STATE_HOME ?? path.join(os.homedir(), '.local', 'state'), 'elasticsearch-documents'), kind);
}

async function runExport(args: ExportArgs, env: Readonly<Record<string, string | undefined>>, io: Output): Promise<number> {
  const gateway = cliGateway(args.connection, 'export');
  const out = path.resolve(args.out);
  const target = args.connection.url ?? '';
  const records = new ProgressRecords<ExportCheckpoint>(stateDir(args, env, 'exports'));
  const wanted = { file: out, connection: target, index: args.index, format: args.format, query: exportQuery(args) };
  const earlier = args.resume ? records.read(out, target, args.index) : undefined;
  if (args.resume && (earlier === undefined || !continues(earlier, wanted, Date.now()))) {
    io.err(`${out}: no export of it to continue (none stopped in the last 5 minutes with these options): run it without --resume\n`);
    return 1;
  }
  try {
    const result = await exportDocuments(gateway, {
      index: args.index, format: args.format, out, pageSize: args.pageSize, slices: args.slices, bom: args.bom, ...(args.columns ? { columns: args.columns } : {}),
      ...(args.query ? { query: args.query } : {}), ...(args.queryString ? { queryString: args.queryString } : {}),
      ...(earlier ? { resume: earlier } : {}), connection: target, onCheckpoint: (checkpoint) => records.write(checkpoint),
    });
    records.remove(out, target, args.index);
    if (args.json) io.out(`${JSON.stringify({ documents: result.documents, file: args.out, format: args.format })}\n`);
    else io.out(`exported ${result.documents.toLocaleString('en-US')} document${result.documents === 1 ? '' : 's'} of ${args.index} to ${args.out} (${args.format})\n`);
    return 0;
  } finally {
    await gateway.close();
  }
}

async function runImport(args: ImportArgs, env: Readonly<Record<string, string | undefined>>, io: Output): Promise<number> {
  if (args.preview) {
    const preview = await previewImport(args.file, csvOptions(args));
    if (args.json) io.out(`${JSON.stringify(preview)}\n`);
    else {
      io.out(`${args.file}: ${preview.form}, ${preview.documents.toLocaleString('en-US')} documents, ${preview.malformed} malformed\n`);
      for (const { line, reason } of preview.malformedLines) io.out(`${args.file}:${line}: ${reason}\n`);
    }
    return preview.malformed > 0 ? 1 : 0;
  }
  const file = path.resolve(args.file);
  const stat = fs.statSync(file);
  const target = args.connection.url ?? '';
  const records = new ProgressRecords<ImportProgress>(stateDir(args, env, 'imports'));
  const earlier = args.resume ? records.read(file, target, args.index) : undefined;
  if (args.resume && (earlier === undefined || !resumes(earlier, { path: file, size: stat.size, mtimeMs: stat.mtimeMs }, target, args.index))) {
    io.err(earlier === undefined ? `nothing to resume: no interrupted import of ${args.file} into ${args.index}\n` : `${args.file} changed since the import stopped: it is not resumed\n`);
    return 1;
  }
  if (earlier) io.err(`resuming after line ${earlier.lastLine}\n`);
  const rejects = args.rejects ? fs.createWriteStream(args.rejects, { flags: earlier ? 'a' : 'w' }) : undefined;
  const gateway = cliGateway(args.connection, 'import');
  try {
    if (args.create && !earlier) {
      await createIndex(gateway, args.index, await newIndexMappings(gateway, file, args.create, csvOptions(args)));
      io.err(`created ${args.index} (${args.create.kind === 'copy' ? `the mapping of ${args.create.from}` : args.create.kind === 'infer' ? 'a mapping inferred from the file' : 'dynamic mapping'})\n`);
    }
    const result = await importDocuments(gateway, {
      index: args.index, file, mode: args.mode, batchDocuments: args.batchDocuments, batchBytes: args.batchBytes, csv: csvOptions(args),
      ...(earlier ? { resumeAfterLine: earlier.lastLine, report: earlier.report } : {}),
      onAcknowledged: (lastLine, report) => records.write({ file, size: stat.size, mtimeMs: stat.mtimeMs, index: args.index, connection: target, mode: args.mode, empty: args.empty, lastLine, report }),
      ...(rejects ? { onRejected: (original: string) => void rejects.write(`${original}\n`) } : {}),
    });
    records.remove(file, target, args.index);
    if (args.json) io.out(`${reportJson(result.report)}\n`);
    else {
      io.out(`${args.file} → ${args.index} (${args.mode}): ${summaryLine(result.report)}\n`);
      for (const kind of REPORT_KINDS.filter((k) => k !== 'created' && k !== 'updated')) {
        for (const entry of result.report[kind].entries) io.out(`  ${kind}: line ${entry.line}${entry.id ? ` id ${entry.id}` : ''}${entry.reason ? ` — ${entry.reason}` : ''}\n`);
      }
    }
    const notWritten = REPORT_KINDS.filter((k) => k !== 'created' && k !== 'updated').some((k) => result.report[k].count > 0);
    return notWritten ? 1 : 0;
  } finally {
    await gateway.close();
    if (rejects) await new Promise((resolve) => rejects.end(resolve));
  }
}

function csvOptions(args: ImportArgs): { idColumn?: string; empty: 'missing' | 'null' } {
  return { empty: args.empty, ...(args.idColumn ? { idColumn: args.idColumn } : {}) };
}

if (require.main === module) {
  runTransferCli(process.argv.slice(2), process.env, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
