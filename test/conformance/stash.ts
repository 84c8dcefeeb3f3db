// The `set` / `$var` stash of the YAML runner, plus path lookup in response bodies.

export class Stash {
  private readonly values = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  clear(): void {
    this.values.clear();
  }

  private lookup(name: string): unknown {
    if (name === 'body') return this.values.get('body');
    if (!this.values.has(name)) throw new Error(`stash has no value for [$${name}]`);
    return this.values.get(name);
  }

  /** Replaces `$var` (whole string) and `${var}` (embedded) references, recursively, in keys too. */
  resolve(v: unknown): unknown {
    if (typeof v === 'string') {
      const whole = /^\$(\w+)$/.exec(v) ?? /^\$\{(\w+)\}$/.exec(v);
      if (whole) return this.lookup(whole[1]!);
      return v.replace(/\$\{(\w+)\}/g, (_m, n: string) => String(this.lookup(n)));
    }
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) out[String(this.resolve(k))] = this.resolve(val);
      return out;
    }
    return v;
  }
}

/** Splits `a.b\.c.0` into segments; `''` and `$body` mean the whole body. */
export function pathSegments(path: string): string[] {
  if (path === '' || path === '$body') return [];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '.') {
      cur += '.';
      i++;
    } else if (path[i] === '.') {
      out.push(cur);
      cur = '';
    } else cur += path[i];
  }
  out.push(cur);
  return out;
}

export function valueAt(body: unknown, path: string, stash: Stash): unknown {
  let node = body;
  for (const raw of pathSegments(path)) {
    const seg = String(stash.resolve(raw));
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node)) node = /^\d+$/.test(seg) ? node[Number(seg)] : undefined;
    else if (typeof node === 'object') node = (node as Record<string, unknown>)[seg];
    else return undefined;
  }
  return node;
}
