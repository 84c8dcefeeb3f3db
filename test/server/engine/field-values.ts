// Reading field values out of a parsed source by dotted path (arrays flattened, dotted keys honoured),
// and the simple analysis that stands in for the standard analyzer on text fields.

export function valuesAt(src: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, rest: string): void => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, rest);
      return;
    }
    if (rest === '') {
      out.push(node);
      return;
    }
    if (typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (rest in obj) walk(obj[rest], '');
    let dot = rest.indexOf('.');
    while (dot > 0) {
      const head = rest.slice(0, dot);
      if (head in obj) walk(obj[head], rest.slice(dot + 1));
      dot = rest.indexOf('.', dot + 1);
    }
  };
  walk(src, path);
  return out.flat(Infinity).filter((v) => v !== null && v !== undefined);
}

export function analyze(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_']+/u)
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** All leaf paths of a source object, for queries over every field (`*`). */
export function leafValues(src: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (n: unknown): void => {
    if (n === null || n === undefined) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === 'object') Object.values(n as Record<string, unknown>).forEach(walk);
    else out.push(n);
  };
  walk(src);
  return out;
}

export function toEpochMillis(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  if (/^-?\d+$/.test(v)) return Number(v);
  if (v.startsWith('now')) return Date.now();
  const t = Date.parse(v.replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}
