/**
 * Trino's JSONPath dialect (as used by json_extract / json_extract_scalar) to DuckDB's.
 * Trino accepts `$.a.b`, `$.a[0]`, `$["key"]`, `$.a['key']`, `$[*]`; keys may hold `:` or `-`
 * (`$.eventData.configuration.AWS:ComplianceItem`). DuckDB wants keys with dots, brackets,
 * quotes or spaces written as `."key"`. Only constant paths are converted; the function is
 * applied to the literal's value, never to query text.
 */
export function trinoJsonPathToDuckDb(path: string): string | undefined {
  if (!path.startsWith('$')) return undefined;
  let i = 1;
  let out = '$';
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '*') {
        out += '.*';
        i++;
        continue;
      }
      if (path[i] === '"') {
        const end = path.indexOf('"', i + 1);
        if (end < 0) return undefined;
        out += key(path.slice(i + 1, end));
        i = end + 1;
        continue;
      }
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i) return undefined;
      out += key(path.slice(i, j));
      i = j;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === '"' || q === "'") {
        const end = path.indexOf(`${q}]`, i + 2);
        if (end < 0) return undefined;
        out += key(path.slice(i + 2, end));
        i = end + 2;
      } else {
        const end = path.indexOf(']', i);
        if (end < 0) return undefined;
        const idx = path.slice(i + 1, end).trim();
        if (!/^(\d+|\*)$/.test(idx)) return undefined;
        out += `[${idx}]`;
        i = end + 1;
      }
    } else return undefined;
  }
  return out;
}

function key(k: string): string {
  return /^[^.[\]"\s*$]+$/.test(k) ? `.${k}` : `."${k.replace(/"/g, '\\"')}"`;
}
