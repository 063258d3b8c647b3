/**
 * Pretty-printed JSON as foldable lines, for the detail pane. Each object or list is one node that
 * can be folded to a single line (`"resources": [… 2 items]`). Fold state is a set of paths, so
 * the user's folds can be carried from one row's event to the next.
 */

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'punct';

export interface TreeLine {
  depth: number;
  /** Path of the value on this line (keys and indexes joined by "/"); "" is the root. */
  path: string;
  /** `"key": ` prefix, when inside an object. */
  key?: string;
  /** The text after the key: a scalar, an opening bracket, a folded summary or a closing bracket. */
  text: string;
  kind: ValueKind;
  /** The line opens (or is) a foldable node. */
  node?: 'open' | 'folded' | 'close';
  comma: boolean;
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

const pathJoin = (parent: string, key: string | number) => `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * The paths folded when an event is first shown: deep nodes and very long ones, so the top of an
 * event (who, what, when, where) fits on one screen while every value stays one keypress away.
 */
export function defaultFolds(value: unknown, maxDepth = 3, maxEntries = 20): Set<string> {
  const folded = new Set<string>();
  const walk = (v: unknown, path: string, depth: number) => {
    if (!isContainer(v)) return;
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    if (depth > 0 && entries.length && (depth >= maxDepth || entries.length > maxEntries)) folded.add(path);
    for (const [k, x] of entries) walk(x, pathJoin(path, k), depth + 1);
  };
  walk(value, '', 0);
  return folded;
}

/** Every container path (for "fold everything"), the root excepted. */
export function allContainerPaths(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (!isContainer(v)) return;
    if (path) out.add(path);
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    for (const [k, x] of entries) walk(x, pathJoin(path, k));
  };
  walk(value, '');
  return out;
}

function scalar(v: unknown): { text: string; kind: ValueKind } {
  if (v === null || v === undefined) return { text: 'null', kind: 'null' };
  if (typeof v === 'string') return { text: JSON.stringify(v), kind: 'string' };
  if (typeof v === 'number') return { text: String(v), kind: 'number' };
  if (typeof v === 'boolean') return { text: String(v), kind: 'boolean' };
  return { text: JSON.stringify(v), kind: 'string' };
}

export function treeLines(value: unknown, folded: ReadonlySet<string>): TreeLine[] {
  const out: TreeLine[] = [];
  const walk = (v: unknown, path: string, depth: number, key: string | undefined, comma: boolean) => {
    const k = key === undefined ? {} : { key: `${JSON.stringify(key)}: ` };
    if (!isContainer(v)) {
      out.push({ depth, path, ...k, ...scalar(v), comma });
      return;
    }
    const arr = Array.isArray(v);
    const entries = arr ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    const [open, close] = arr ? ['[', ']'] : ['{', '}'];
    if (!entries.length) {
      out.push({ depth, path, ...k, text: `${open}${close}`, kind: 'punct', comma });
      return;
    }
    if (folded.has(path)) {
      const n = entries.length;
      const what = arr ? `${n} item${n === 1 ? '' : 's'}` : `${n} key${n === 1 ? '' : 's'}`;
      out.push({ depth, path, ...k, text: `${open}… ${what}${close}`, kind: 'punct', node: 'folded', comma });
      return;
    }
    out.push({ depth, path, ...k, text: open, kind: 'punct', node: 'open', comma: false });
    entries.forEach(([ek, x], i) => walk(x, pathJoin(path, ek), depth + 1, arr ? undefined : String(ek), i < entries.length - 1));
    out.push({ depth, path, text: close, kind: 'punct', node: 'close', comma });
  };
  walk(value, '', 0, undefined, false);
  return out;
}

/** The value at a tree path. */
export function valueAt(value: unknown, path: string): unknown {
  if (!path) return value;
  let v: unknown = value;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isContainer(v)) return undefined;
    v = Array.isArray(v) ? v[Number(key)] : v[key];
  }
  return v;
}

export function parentPath(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** What the detail pane shows for a row: the event's own JSON when the result has it, else the row. */
export function detailValue(columns: { name: string }[], row: unknown[] | undefined): unknown {
  if (!row) return undefined;
  const i = columns.findIndex((c) => c.name.toLowerCase() === 'eventjson');
  if (i >= 0 && typeof row[i] === 'string') {
    try {
      return JSON.parse(row[i] as string);
    } catch {
      // Not JSON after all (a column merely named so): fall through to the row.
    }
  }
  const o: Record<string, unknown> = {};
  columns.forEach((c, j) => {
    let k = c.name;
    for (let n = 2; k in o; n++) k = `${c.name}_${n}`;
    o[k] = row[j];
  });
  return o;
}
