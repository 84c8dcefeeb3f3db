// Runs the ES|QL subset of esql-parser.ts over the indices' visible documents and answers as
// Elasticsearch does: `columns` (name and ES|QL type) and `values` (one array per row; a field with
// several values is an array, a missing one null). Values keep their exact text where the source has
// it (longs beyond 2^53); doubles print as Java prints them (`1.0`); dates as ISO instants in UTC.
import type { Cluster } from './cluster';
import type { IndexState } from './index-state';
import type { FieldMapping, Props } from './mapping';
import { toEpochMillis } from './field-values';
import { JNumber, parseJNode, type JValue, type JObject } from '../http/jnode';
import { RawJson } from '../http/json-text';
import { EsError } from '../errors';
import type { EsqlQuery, Expr, Literal } from './esql-parser';

const DEFAULT_LIMIT = 1000;

const TYPES: Record<string, string> = {
  keyword: 'keyword', constant_keyword: 'keyword', wildcard: 'keyword', text: 'text', match_only_text: 'text',
  long: 'long', integer: 'integer', short: 'integer', byte: 'integer', double: 'double', float: 'double', half_float: 'double',
  scaled_float: 'double', unsigned_long: 'unsigned_long', date: 'date', date_nanos: 'date_nanos', boolean: 'boolean', ip: 'ip', version: 'version',
};
const METADATA_TYPES: Record<string, string> = { _id: 'keyword', _index: 'keyword', _version: 'long' };

interface Column {
  readonly name: string;
  readonly type: string;
}

/** A column of a mapped field, and where in the source its values are (a multi-field's are its parent's). */
interface FieldColumn extends Column {
  readonly sourcePath: string;
}

/** One row: per column, the value compared (undefined: null) and the JSON text answered. */
type Row = Map<string, { readonly compare: Literal | Literal[] | undefined; readonly text: string }>;

export interface EsqlAnswer {
  readonly columns: readonly Column[];
  readonly values: ReadonlyArray<readonly RawJson[]>;
  /** The engine's own counters: documents read and values loaded (ours count what this server read). */
  readonly documentsFound: number;
  readonly valuesLoaded: number;
}

function verification(problems: string[]): EsError {
  return new EsError(400, 'verification_exception', `Found ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
}

/** The mapped leaf fields of the indices, multi-fields included, as ES|QL columns (alphabetical). */
function fieldColumns(indices: readonly IndexState[]): FieldColumn[] {
  const found = new Map<string, string>();
  const sourcePaths = new Map<string, string>();
  const walk = (props: Props | undefined, prefix: string): void => {
    for (const [name, field] of Object.entries(props ?? {})) {
      const path = prefix + name;
      const type = field.type ?? (field.properties ? 'object' : 'object');
      if (type !== 'object' && type !== 'nested') {
        const esql = TYPES[type] ?? 'unsupported';
        const before = found.get(path);
        found.set(path, before !== undefined && before !== esql ? 'unsupported' : esql);
        sourcePaths.set(path, path);
      }
      walk(field.properties, `${path}.`);
      for (const [sub, subField] of Object.entries((field.fields ?? {}) as Record<string, FieldMapping>)) {
        found.set(`${path}.${sub}`, TYPES[subField.type ?? ''] ?? 'unsupported');
        sourcePaths.set(`${path}.${sub}`, path);
      }
    }
  };
  for (const index of indices) walk(index.mappings.properties, '');
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, type]) => ({ name, type, sourcePath: sourcePaths.get(name) ?? name }));
}

/** The source's values at a path (objects walked, dotted keys too; arrays flattened), each as a node. */
function nodesAt(node: JValue, path: string): JValue[] {
  const out: JValue[] = [];
  const walk = (value: JValue, rest: string): void => {
    if (Array.isArray(value)) return value.forEach((each) => walk(each, rest));
    if (rest === '') {
      if (value !== null) out.push(value);
      return;
    }
    if (!(value instanceof Map)) return;
    const parts = rest.split('.');
    for (let k = 1; k <= parts.length; k++) {
      const child = (value as JObject).get(parts.slice(0, k).join('.'));
      if (child !== undefined) walk(child, parts.slice(k).join('.'));
    }
  };
  walk(node, path);
  return out;
}

function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return `${n}.0`;
  const text = String(n);
  return /e/.test(text) ? text.replace(/e\+?/, 'E').replace(/^(-?\d+)E/, '$1.0E') : text;
}

/** A field's value from its source nodes, as ES|QL answers it for the column's type; null when it has none of that type. */
function cell(nodes: readonly JValue[], type: string): { compare: Literal | Literal[] | undefined; text: string } {
  const values: Array<{ compare: Literal; text: string }> = [];
  for (const node of nodes) {
    const raw = node instanceof JNumber ? node.raw : node;
    if (type === 'keyword' || type === 'text' || type === 'ip' || type === 'version') {
      const text = typeof raw === 'string' ? raw : typeof raw === 'boolean' ? String(raw) : node instanceof JNumber ? node.raw : undefined;
      if (text !== undefined) values.push({ compare: text, text: JSON.stringify(text) });
    } else if (type === 'long' || type === 'integer' || type === 'unsigned_long') {
      const text = typeof raw === 'string' ? raw.trim() : node instanceof JNumber ? node.raw : undefined;
      const integral = text !== undefined && /^-?\d+(\.\d*)?$/.test(text) ? text.replace(/\..*$/, '') : undefined;
      if (integral !== undefined) values.push({ compare: Number(integral), text: integral });
    } else if (type === 'double') {
      const n = node instanceof JNumber ? node.value : typeof raw === 'string' ? Number(raw) : NaN;
      if (Number.isFinite(n)) values.push({ compare: n, text: javaDouble(n) });
    } else if (type === 'boolean') {
      const b = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
      if (b !== undefined) values.push({ compare: b, text: String(b) });
    } else if (type === 'date' || type === 'date_nanos') {
      const millis = toEpochMillis(node instanceof JNumber ? node.value : raw);
      if (millis !== undefined) values.push({ compare: millis, text: JSON.stringify(new Date(millis).toISOString()) });
    }
  }
  // Doc values of keywords, numbers, dates and booleans come sorted (keywords without repeats); text comes from the source in its order.
  if (type !== 'text') {
    values.sort((a, b) => ((a.compare as number | string) < (b.compare as number | string) ? -1 : (a.compare as number | string) > (b.compare as number | string) ? 1 : 0));
    if (type === 'keyword') for (let i = values.length - 1; i > 0; i--) if (values[i]!.compare === values[i - 1]!.compare) values.splice(i, 1);
  }
  if (values.length === 0) return { compare: undefined, text: 'null' };
  if (values.length === 1) return values[0]!;
  return { compare: values.map((v) => v.compare), text: `[${values.map((v) => v.text).join(',')}]` };
}

/** Three-valued logic: undefined stands for null (and for a multi-valued operand, which ES|QL makes null). */
function evaluate(expr: Expr, row: Row): Literal | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value ?? undefined;
    case 'field': {
      const value = row.get(expr.name)?.compare;
      return Array.isArray(value) ? undefined : value;
    }
    case 'isNull': {
      const value = evaluate(expr.operand, row);
      const isNull = value === undefined && !(expr.operand.kind === 'field' && Array.isArray(row.get(expr.operand.name)?.compare));
      return expr.negated ? !isNull : isNull;
    }
    case 'not': {
      const value = evaluate(expr.operand, row);
      return value === undefined ? undefined : !value;
    }
    case 'logic': {
      const [left, right] = [evaluate(expr.left, row), evaluate(expr.right, row)];
      if (expr.op === 'AND') return left === false || right === false ? false : left === undefined || right === undefined ? undefined : true;
      return left === true || right === true ? true : left === undefined || right === undefined ? undefined : false;
    }
    case 'compare': {
      const [left, right] = [evaluate(expr.left, row), evaluate(expr.right, row)];
      if (left === undefined || right === undefined || left === null || right === null) return undefined;
      const [a, b] = typeof left === typeof right ? [left, right] : [String(left), String(right)];
      switch (expr.op) {
        case '==': return a === b;
        case '!=': return a !== b;
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
      }
    }
  }
}

function fieldsOf(expr: Expr): Array<{ name: string; at: string }> {
  if (expr.kind === 'field') return [{ name: expr.name, at: expr.at }];
  if (expr.kind === 'not' || expr.kind === 'isNull') return fieldsOf(expr.operand);
  if (expr.kind === 'logic' || expr.kind === 'compare') return [...fieldsOf(expr.left), ...fieldsOf(expr.right)];
  return [];
}

/** Whether Elasticsearch adds its default LIMIT to the query, and says so in a Warning (also when the query then fails). */
export function addsDefaultLimit(parsed: EsqlQuery): boolean {
  return !parsed.commands.some((command) => command.kind === 'limit');
}

export function runEsql(cluster: Cluster, parsed: EsqlQuery): EsqlAnswer {
  let indices: IndexState[];
  try {
    indices = cluster.resolve(parsed.sources.flatMap((source) => source.split(',')));
  } catch (error) {
    // One missing index among several is the index API's 404; a single one is ES|QL's own verification error.
    if (parsed.sources.length > 1) throw error;
    throw verification(parsed.sources.map((source) => `line ${parsed.sourceAt}: Unknown index [${source}]`));
  }
  if (indices.length === 0) throw verification([`line ${parsed.sourceAt}: Unknown index [${parsed.sources.join(',')}]`]);
  for (const name of parsed.metadata) {
    if (METADATA_TYPES[name] === undefined) throw parsingException(parsed.sourceAt, `unsupported metadata field [${name}]`);
  }
  const fields = fieldColumns(indices);
  let columns: Column[] = [...fields, ...parsed.metadata.map((name) => ({ name, type: METADATA_TYPES[name]! }))];
  let rows: Row[] = [];
  for (const index of indices) {
    for (const shard of index.shards) {
      for (const record of shard.scan(shard.snapshot())) {
        const tree = parseJNode(record.source ?? '{}');
        const row: Row = new Map();
        for (const column of fields) row.set(column.name, column.type === 'unsupported' ? { compare: undefined, text: 'null' } : cell(nodesAt(tree, column.sourcePath), column.type));
        for (const column of columns.slice(fields.length)) {
          if (column.name === '_id') row.set('_id', { compare: record.id, text: JSON.stringify(record.id) });
          else if (column.name === '_index') row.set('_index', { compare: index.name, text: JSON.stringify(index.name) });
          else if (column.name === '_version') row.set('_version', { compare: record.version, text: String(record.version) });
        }
        rows.push(row);
      }
    }
  }
  let limit = DEFAULT_LIMIT;
  for (const command of parsed.commands) {
    const known = (name: string, at: string): void => {
      if (!columns.some((column) => column.name === name)) throw verification([`line ${at}: Unknown column [${name}]`]);
    };
    if (command.kind === 'where') {
      for (const field of fieldsOf(command.expr)) known(field.name, field.at);
      rows = rows.filter((row) => evaluate(command.expr, row) === true);
    } else if (command.kind === 'limit') {
      limit = Math.min(limit, command.count);
      rows = rows.slice(0, command.count);
    } else if (command.kind === 'keep') {
      const kept: Column[] = [];
      for (const { pattern, at } of command.patterns) {
        const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        const matched = columns.filter((column) => re.test(column.name) && !kept.includes(column));
        if (matched.length === 0 && !pattern.includes('*')) throw verification([`line ${at}: Unknown column [${pattern}]`]);
        kept.push(...matched);
      }
      columns = kept;
    } else {
      for (const item of command.items) known(item.field, item.at);
      rows = [...rows].sort((a, b) => {
        for (const item of command.items) {
          const value = (row: Row): Literal | undefined => {
            const v = row.get(item.field)?.compare;
            if (!Array.isArray(v)) return v ?? undefined;
            return [...v].sort()[item.desc ? v.length - 1 : 0];
          };
          const [x, y] = [value(a), value(b)];
          if (x === y) continue;
          if (x === undefined || x === null) return item.nullsFirst ? -1 : 1;
          if (y === undefined || y === null) return item.nullsFirst ? 1 : -1;
          const order = x < y ? -1 : 1;
          return item.desc ? -order : order;
        }
        return 0;
      });
    }
  }
  rows = rows.slice(0, limit);
  const valuesLoaded = rows.reduce((sum, row) => sum + columns.filter((column) => row.get(column.name)?.text !== 'null').length, 0);
  return {
    documentsFound: rows.length,
    valuesLoaded,
    columns: columns.map(({ name, type }) => ({ name, type })),
    values: rows.map((row) => columns.map((column) => new RawJson(row.get(column.name)?.text ?? 'null'))),
  };
}

function parsingException(at: string, reason: string): EsError {
  return new EsError(400, 'parsing_exception', `line ${at}: ${reason}`);
}
