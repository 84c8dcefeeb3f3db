// Index and alias name rules (MetadataCreateIndexService.validateIndexOrAliasName) and date-math names.
import { EsError } from '../errors';

export function invalidIndexName(name: string, why: string): EsError {
  return new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, { index_uuid: '_na_', index: name });
}

export function validateIndexName(name: string): void {
  if (name !== name.toLowerCase()) throw invalidIndexName(name, 'must be lowercase');
  if (/[\\/*?"<>| ,]/.test(name)) throw invalidIndexName(name, 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  if (name.includes('#')) throw invalidIndexName(name, "must not contain '#'");
  if (name.includes(':')) throw invalidIndexName(name, "must not contain ':'");
  if (/^[_\-+]/.test(name)) throw invalidIndexName(name, "must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw invalidIndexName(name, "must not be '.' or '..'");
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > 255) throw invalidIndexName(name, `index name is too long, (${bytes} > 255)`);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function formatDate(d: Date, format: string): string {
  return format
    .replace(/yyyy|uuuu/g, String(d.getUTCFullYear()))
    .replace(/MM/g, pad(d.getUTCMonth() + 1))
    .replace(/dd/g, pad(d.getUTCDate()))
    .replace(/HH/g, pad(d.getUTCHours()))
    .replace(/mm/g, pad(d.getUTCMinutes()))
    .replace(/ss/g, pad(d.getUTCSeconds()));
}

function evalDateMath(expr: string, now: number): Date {
  const [anchor, mathPart] = expr.startsWith('now') ? ['now', expr.slice(3)] : expr.split('||') as [string, string | undefined];
  const d = new Date(anchor === 'now' ? now : Date.parse(anchor!));
  const re = /([+-]\d+|\/)([yMwdhHms])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(mathPart ?? '')) !== null) {
    const unit = m[2]!;
    if (m[1] === '/') {
      if (unit === 'y') d.setUTCMonth(0, 1);
      if (unit === 'y' || unit === 'M') d.setUTCDate(unit === 'M' ? 1 : d.getUTCDate());
      d.setUTCHours(unit === 'h' || unit === 'H' ? d.getUTCHours() : 0, unit === 'm' ? d.getUTCMinutes() : 0, 0, 0);
    } else {
      const n = Number(m[1]);
      if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
      else if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + n);
      else {
        const ms: Record<string, number> = { w: 604800000, d: 86400000, h: 3600000, H: 3600000, m: 60000, s: 1000 };
        d.setTime(d.getTime() + n * ms[unit]!);
      }
    }
  }
  return d;
}

/** Resolves `<static{date-math{format}}>` names; other names are returned unchanged. */
export function resolveDateMathName(name: string, now = Date.now()): string {
  if (!name.startsWith('<') || !name.endsWith('>')) return name;
  const inner = name.slice(1, -1);
  return inner.replace(/\{([^{}]*)(?:\{([^{}]*)\})?\}/g, (_all, expr: string, fmt?: string) => formatDate(evalDateMath(expr, now), fmt ?? 'yyyy.MM.dd'));
}
