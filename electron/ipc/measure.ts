// Checks a call's input is plain JSON data and measures its size as JSON, without building the string
// and giving up as soon as it passes the limit — so a 10 MB string, a deep or cyclic structure
// (Electron's structured clone can carry cycles) or an object literal written with `__proto__` (which
// sets the prototype instead of adding a key, hiding it from schema checks) costs almost nothing to
// refuse.
export type Measure =
  | { ok: true; bytes: number }
  | { ok: false; reason: 'too_large' | 'too_deep' | 'not_json' | 'not_plain'; path: string[] };

const MAX_DEPTH = 64;

export function measureJson(value: unknown, limit: number): Measure {
  let bytes = 0;
  const seen = new Set<object>();
  const path: string[] = [];
  type Reason = Exclude<Measure, { ok: true }>['reason'];

  const walk = (v: unknown, depth: number): Reason | null => {
    switch (typeof v) {
      case 'string':
        // Every UTF-16 unit is at least one UTF-8 byte: a string longer than what is left is refused
        // without reading it; the exact UTF-8 length is computed only when it is close to the limit.
        if (v.length + 2 > limit - bytes) return 'too_large';
        bytes += v.length * 3 + 2 > limit - bytes ? Buffer.byteLength(v) + 2 : v.length + 2;
        return bytes > limit ? 'too_large' : null;
      case 'number':
        bytes += 24;
        return null;
      case 'boolean':
        bytes += 5;
        return null;
      case 'undefined':
        return null; // dropped by JSON, like a missing field
      case 'object': {
        if (v === null) {
          bytes += 4;
          return null;
        }
        if (depth > MAX_DEPTH) return 'too_deep';
        if (seen.has(v)) return 'not_json';
        const isArray = Array.isArray(v);
        if (!isArray) {
          const proto = Object.getPrototypeOf(v) as unknown;
          if (proto !== Object.prototype && proto !== null) {
            path.push('__proto__');
            return 'not_plain';
          }
        }
        seen.add(v);
        bytes += 2;
        const entries: Array<[string, unknown]> = isArray ? v.map((x, i) => [String(i), x]) : Object.entries(v);
        for (const [k, x] of entries) {
          bytes += (isArray ? 0 : k.length + 3) + 1;
          path.push(k);
          const r = walk(x, depth + 1);
          if (r) return r;
          path.pop();
          if (bytes > limit) return 'too_large';
        }
        seen.delete(v);
        return null;
      }
      default:
        return 'not_json'; // bigint, function, symbol
    }
  };
  const r = walk(value, 0);
  return r ? { ok: false, reason: r, path } : { ok: true, bytes };
}
