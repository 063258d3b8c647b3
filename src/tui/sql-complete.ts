import { EVENT_FIELDS, PROVENANCE_COLUMNS, type Field, type FieldType } from '../store/schema.js';
import { FUNCTIONS } from './sql-words.js';

/**
 * Completion for the editor, from the schema declared in store/schema.ts (so it knows every
 * nested field ingest stores) and the stores of the open file.
 */

export type ItemKind = 'column' | 'field' | 'function' | 'store';

export interface CompletionItem {
  label: string;
  /** Text that replaces the word being typed. */
  insert: string;
  kind: ItemKind;
  detail: string;
}

export interface Completion {
  /** The range of the text being replaced: [from, to) offsets. */
  from: number;
  to: number;
  prefix: string;
  items: CompletionItem[];
}

export interface StoreRef {
  id: string;
  name: string;
}

const MAX_ITEMS = 60;

/** Short type text for lists: VARCHAR, TIMESTAMP, STRUCT, MAP, STRUCT[]. */
export function typeLabel(t: FieldType): string {
  switch (t.kind) {
    case 'scalar':
      return t.duck;
    case 'map':
      return 'MAP';
    case 'struct':
      return 'STRUCT';
    case 'list':
      return `${typeLabel(t.of)}[]`;
  }
}

/** Every top-level column a store view has, with its type label. */
export function columnList(): { name: string; type: string; field?: Field }[] {
  return [
    ...EVENT_FIELDS.map((f) => ({ name: f.name, type: typeLabel(f.type), field: f })),
    ...PROVENANCE_COLUMNS.map((c) => ({ name: c.name, type: c.duck })),
    { name: 'eventJsonChecksum', type: 'VARCHAR' },
  ];
}

/** The struct fields reachable by a dotted path (`userIdentity.sessionContext`), if it names a struct. */
export function fieldsAt(path: string[]): Field[] | undefined {
  let fields: Field[] = EVENT_FIELDS;
  for (const seg of path) {
    const f = fields.find((x) => x.name.toLowerCase() === seg.toLowerCase());
    if (!f) return undefined;
    let t = f.type;
    if (t.kind === 'list') t = t.of; // resources[1].arn: the element's fields
    if (t.kind !== 'struct') return undefined;
    fields = t.fields;
  }
  return fields;
}

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.replace(/\[\d*\]$/, ''));

export function complete(sql: string, cursor: number, stores: readonly StoreRef[]): Completion {
  const before = sql.slice(0, cursor);
  const word = /[\w$-]*$/.exec(before)![0].replace(/^-+/, '');
  const from = cursor - word.length;
  const items: CompletionItem[] = [];

  // A dotted path before the word: the word is a nested field.
  const pathMatch = /((?:(?:"(?:[^"]|"")+"|[A-Za-z_]\w*)(?:\[\d*\])?\.)+)$/.exec(before.slice(0, from));
  if (pathMatch) {
    const segs = pathMatch[1]!.slice(0, -1).match(/"(?:[^"]|"")+"|[^.]+/g)!.map(unquote);
    // A first segment that is not a column is a table alias (`e.userIdentity.`): skip it.
    const isColumn = EVENT_FIELDS.some((f) => f.name.toLowerCase() === segs[0]!.toLowerCase());
    const fields = (isColumn ? fieldsAt(segs) : fieldsAt(segs.slice(1))) ?? [];
    for (const f of fields) items.push({ label: f.name, insert: f.name, kind: 'field', detail: typeLabel(f.type) });
    return { from, to: cursor, prefix: word, items: rank(items, word) };
  }

  const prevWord = /(\w+)\s+[\w-]*$/.exec(before)?.[1]?.toLowerCase();
  const storeItems: CompletionItem[] = stores.flatMap((s) => [
    { label: s.id, insert: s.id, kind: 'store' as const, detail: `store ${s.name}` },
    ...(s.name !== s.id ? [{ label: s.name, insert: s.name, kind: 'store' as const, detail: `store ${s.id.slice(0, 8)}…` }] : []),
  ]);
  if (prevWord === 'from' || prevWord === 'join') return { from, to: cursor, prefix: word, items: rank(storeItems, word) };

  for (const c of columnList()) items.push({ label: c.name, insert: c.name, kind: 'column', detail: c.type });
  for (const fn of FUNCTIONS) items.push({ label: `${fn}()`, insert: `${fn}(`, kind: 'function', detail: 'function' });
  if (word) items.push(...storeItems);
  return { from, to: cursor, prefix: word, items: rank(items, word) };
}

/** Prefix matches first (in list order), then other substring matches; case-insensitive. */
function rank(items: CompletionItem[], word: string): CompletionItem[] {
  const w = word.toLowerCase();
  const starts = items.filter((x) => x.label.toLowerCase().startsWith(w));
  const inner = w ? items.filter((x) => !x.label.toLowerCase().startsWith(w) && x.label.toLowerCase().includes(w)) : [];
  return [...starts, ...inner].slice(0, MAX_ITEMS);
}
