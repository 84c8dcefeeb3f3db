import { CONNECTION_USAGE, connectionOptionsFrom, takeConnectionOption, UsageError, type CliConnectionOptions } from '../../cluster/model/cliConnection';
import { IMPORT_MODES, type ImportMode } from './bulkImport';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats';

/** The command lines of `npm run export` and `npm run import`. */

export interface ExportArgs {
  readonly command: 'export';
  readonly connection: CliConnectionOptions;
  readonly index: string;
  readonly format: ExportFormat;
  readonly out: string;
  readonly query?: string;
  readonly queryString?: string;
  readonly pageSize: number;
  readonly slices: number;
  readonly resume: boolean;
  readonly stateDir?: string;
  readonly json: boolean;
  readonly columns?: readonly string[];
  readonly bom: boolean;
}

export interface ImportArgs {
  readonly command: 'import';
  readonly connection: CliConnectionOptions;
  readonly index: string;
  readonly mode: ImportMode;
  readonly file: string;
  readonly resume: boolean;
  readonly preview: boolean;
  readonly rejects?: string;
  readonly stateDir?: string;
  readonly batchDocuments: number;
  readonly batchBytes: number;
  readonly json: boolean;
  readonly idColumn?: string;
  readonly empty: 'missing' | 'null';
  /** Create INDEX first: with dynamic mapping, a mapping inferred from the file, or another index's. */
  readonly create?: { readonly kind: 'dynamic' } | { readonly kind: 'infer' } | { readonly kind: 'copy'; readonly from: string };
}

export const EXPORT_USAGE = `usage: npm run export -- --url URL --index INDEX --out FILE [options]

Writes the documents of INDEX (or those a query matches) from one point in time; FILE.gz is gzipped.
${CONNECTION_USAGE}
  --format F           ndjson (sources, the default) | bulk (action + source) | tokens (with _seq_no, _primary_term)
                       | json (an array) | csv (_id and the mapping's fields)
  --columns A,B,…      csv: these columns, in this order
  --bom                csv: start with a byte order mark (for spreadsheets)
  --query JSON         a Query DSL query, sent as written
  --q QUERY            a Lucene query string
  --page-size N        documents per page (default 1000)
  --slices N           read N slices of the point in time in parallel (default 1)
  --resume             continue an interrupted export to FILE (within 5 minutes: its point in time must live)
  --state-dir DIR      where progress records are kept (default ~/.local/state/elasticsearch-documents)
  --json               print the result as one JSON object
Exit status: 0 when done, 1 on a failure or an interrupted export, 2 on a usage error.`;

export const IMPORT_USAGE = `usage: npm run import -- --url URL --index INDEX [options] FILE

Imports NDJSON (sources, bulk or tokens, detected), a JSON array or CSV (FILE.csv), FILE.gz too, through _bulk.
${CONNECTION_USAGE}
  --mode M             create (the default: an existing id is never touched) | conditional (tokens: written
                       only if unchanged since the export, else a conflict) | overwrite (replaces)
  --resume             continue an interrupted import of the same, unchanged file
  --preview            send nothing: count the documents and list the malformed lines
  --rejects FILE       write the lines not imported (conflicts, existed, refused, malformed) to FILE
  --create infer|dynamic  create INDEX first, with a mapping inferred from the file's first 1,000 documents,
                       or with the cluster's dynamic mapping
  --create-from OTHER  create INDEX first, with the mapping of the index OTHER
  --state-dir DIR      where progress records are kept (default ~/.local/state/elasticsearch-documents)
  --id-column C        csv: the column holding the ids (default _id when there is one; else ids are generated)
  --empty missing|null csv: what an empty cell becomes (default missing)
  --batch-size N       documents per _bulk request (default 500)
  --batch-bytes N      bytes per _bulk request (default 5242880)
  --json               print the report as one JSON object
Exit status: 0 when every document was written, 1 when any was not (or on a failure), 2 on a usage error.`;

export function parseTransferArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ExportArgs | ImportArgs {
  const [command, ...rest] = argv;
  if (command !== 'export' && command !== 'import') throw new UsageError('the first argument is export or import');
  const connection = connectionOptionsFrom(env);
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const files: string[] = [];
  const valued = command === 'export' ? ['--index', '--format', '--out', '--query', '--q', '--page-size', '--columns', '--slices', '--state-dir'] : ['--index', '--mode', '--rejects', '--state-dir', '--batch-size', '--batch-bytes', '--id-column', '--empty', '--create', '--create-from'];
  const switches = command === 'export' ? ['--json', '--bom', '--resume'] : ['--json', '--resume', '--preview'];
  for (let i = 0; i < rest.length; i++) {
    const taken = takeConnectionOption(rest, i, connection);
    if (taken >= 0) {
      i = taken;
      continue;
    }
    const arg = rest[i];
    if (valued.includes(arg)) {
      const value = rest[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      values[arg] = value;
    } else if (switches.includes(arg)) {
      flags.add(arg);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  const index = values['--index'];
  if (index === undefined) throw new UsageError('--index is required');
  if (connection.url === undefined && !flags.has('--preview')) throw new UsageError('--url is required');
  if (command === 'export') {
    const format = (values['--format'] ?? 'ndjson') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format takes ${EXPORT_FORMATS.join(', ')}`);
    const out = values['--out'] ?? files[0];
    if (out === undefined) throw new UsageError('--out FILE is required');
    return {
      command, connection, index, format, out, json: flags.has('--json'), bom: flags.has('--bom'), pageSize: positive(values['--page-size'], 1000, '--page-size'),
      slices: positive(values['--slices'], 1, '--slices'), resume: flags.has('--resume'), ...(values['--state-dir'] ? { stateDir: values['--state-dir'] } : {}),
      ...(values['--columns'] ? { columns: values['--columns'].split(',').map((column) => column.trim()).filter(Boolean) } : {}),
      ...(values['--query'] ? { query: values['--query'] } : {}), ...(values['--q'] ? { queryString: values['--q'] } : {}),
    };
  }
  const mode = (values['--mode'] ?? 'create') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) throw new UsageError(`--mode takes ${IMPORT_MODES.join(', ')}`);
  if (files.length !== 1) throw new UsageError('one FILE to import');
  const empty = values['--empty'] ?? 'missing';
  if (empty !== 'missing' && empty !== 'null') throw new UsageError('--empty takes missing or null');
  const creation = values['--create'];
  if (creation !== undefined && creation !== 'infer' && creation !== 'dynamic') throw new UsageError('--create takes infer or dynamic');
  if (creation !== undefined && values['--create-from'] !== undefined) throw new UsageError('--create and --create-from: one of them');
  const create: ImportArgs['create'] = values['--create-from'] !== undefined ? { kind: 'copy', from: values['--create-from'] } : creation === undefined ? undefined : { kind: creation };
  return {
    command, connection, index, mode, file: files[0], resume: flags.has('--resume'), preview: flags.has('--preview'), json: flags.has('--json'),
    batchDocuments: positive(values['--batch-size'], 500, '--batch-size'), batchBytes: positive(values['--batch-bytes'], 5 * 1024 * 1024, '--batch-bytes'),
    empty, ...(values['--id-column'] ? { idColumn: values['--id-column'] } : {}),
    ...(values['--rejects'] ? { rejects: values['--rejects'] } : {}), ...(values['--state-dir'] ? { stateDir: values['--state-dir'] } : {}),
    ...(create ? { create } : {}),
  };
}

function positive(text: string | undefined, fallback: number, option: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${option} takes a positive whole number`);
  return value;
}
