import type { StoreStats } from '../store/catalog.js';
import type { FieldType } from '../store/schema.js';
import { columnList, typeLabel } from './sql-complete.js';

/**
 * The Schema tab as a flat list: the stores of the file (name, id, event count), then every
 * column with its type, struct columns expandable into their nested fields.
 */

export interface SchemaRow {
  key: string;
  depth: number;
  label: string;
  detail: string;
  expandable: boolean;
  expanded: boolean;
  /** What "insert" puts in the editor: the store id, or the dotted field path. */
  insert: string;
}

function children(t: FieldType): { name: string; type: FieldType }[] | undefined {
  if (t.kind === 'struct') return t.fields;
  if (t.kind === 'list' && t.of.kind === 'struct') return t.of.fields;
  return undefined;
}

export function schemaRows(stores: readonly StoreStats[], expanded: ReadonlySet<string>, search = ''): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const needle = search.trim().toLowerCase();
  for (const s of stores) {
    rows.push({
      key: `store:${s.id}`,
      depth: 0,
      label: `▣ ${s.name}`,
      detail: `${s.events.toLocaleString('en-US')} events`,
      expandable: false,
      expanded: false,
      insert: s.id,
    });
    rows.push({ key: `storeid:${s.id}`, depth: 1, label: s.id, detail: '', expandable: false, expanded: false, insert: s.id });
  }
  const walk = (name: string, t: FieldType | undefined, type: string, path: string, depth: number) => {
    const kids = t && children(t);
    // A search shows matching fields wherever they are nested, with their parents opened.
    const open = needle ? true : expanded.has(path);
    const matches = !needle || path.toLowerCase().includes(needle);
    const hasMatchingChild = !!needle && !!kids && subtreeMatches(kids, path, needle);
    if (matches || hasMatchingChild) {
      rows.push({ key: `col:${path}`, depth, label: `${kids ? (open ? '▾ ' : '▸ ') : '  '}${name}`, detail: type, expandable: !!kids, expanded: open, insert: path });
    }
    if (kids && open && (matches || hasMatchingChild)) for (const k of kids) walk(k.name, k.type, typeLabel(k.type), `${path}.${k.name}`, depth + 1);
  };
  for (const c of columnList()) walk(c.name, c.field?.type, c.type, c.name, 0);
  return rows;
}

function subtreeMatches(fields: { name: string; type: FieldType }[], parent: string, needle: string): boolean {
  return fields.some((f) => {
    const p = `${parent}.${f.name}`;
    if (p.toLowerCase().includes(needle)) return true;
    const k = children(f.type);
    return !!k && subtreeMatches(k, p, needle);
  });
}
