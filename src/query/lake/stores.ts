import { sqlError } from './errors.js';
import type { Token } from './tokenizer.js';

/**
 * Which event data store a table reference means. Lake queries name the store by its id (a
 * UUID, unquoted), and published queries use a zoo of placeholders for it; all of those resolve
 * here, to the DuckDB view named by the store's id.
 */
export interface StoreRef {
  id: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Does a table name look like a stand-in for "your event data store id"? Decided on the one
 * token's text (never on the query): `<...>`, `{{...}}`, `$...`, EXAMPLE ids, x-masked ids, and
 * the eds / event_data_store_id family (`eds`, `EDS1`, `edsA`, `eds-ID`, `config_event_data_store_ID`).
 */
export function isPlaceholder(name: string): boolean {
  if (/^<.*>$/s.test(name) || /^\{\{.*\}\}$/s.test(name) || name.startsWith('$')) return true;
  if (/example/i.test(name) && name.includes('-')) return true;
  if (/^[xX]+(-[xX]+)+$/.test(name)) return true;
  const norm = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return /^(config)?(eventdatastore|datastore|eds)(id|[0-9]+|[a-z])?$/.test(norm);
}

export type TableResolution = { kind: 'store'; store: StoreRef } | { kind: 'keep' };

export interface ResolveContext {
  src: string;
  stores: StoreRef[];
  defaultStore?: string;
  /** Names of CTEs in the query (lower case): these shadow placeholders and stores. */
  ctes: Set<string>;
}

/** Resolves one table-position token (`tableword`, `word`, `qident` or `dollar`). */
export function resolveTable(t: Token, cx: ResolveContext): TableResolution {
  const name = t.kind === 'qident' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text;
  if (t.kind !== 'tableword' && cx.ctes.has(name.toLowerCase())) return { kind: 'keep' };

  const exact = cx.stores.find((s) => s.id.toLowerCase() === name.toLowerCase()) ?? cx.stores.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (exact) return { kind: 'store', store: exact };

  if (UUID.test(name)) {
    // The conformance corpus (and any pasted query) carries other people's store ids: with one
    // store there is nothing else the id could mean.
    if (cx.stores.length === 1) return { kind: 'store', store: cx.stores[0]! };
    throw sqlError(cx.src, t.start, 'E_UNKNOWN_STORE', `no event data store has id ${name}; ${available(cx.stores)}`, t.text);
  }
  if (isPlaceholder(name)) return { kind: 'store', store: defaultStore(t, cx) };
  if (t.kind === 'qident') return { kind: 'keep' }; // a quoted name is the user's explicit choice
  throw sqlError(
    cx.src,
    t.start,
    'E_UNKNOWN_STORE',
    `table ${name} is not an event data store; ${available(cx.stores)} (use its id or name, or a placeholder such as <EDS ID>)`,
    t.text,
  );
}

function defaultStore(t: Token, cx: ResolveContext): StoreRef {
  if (cx.defaultStore !== undefined) {
    const want = cx.defaultStore.toLowerCase();
    const s = cx.stores.find((x) => x.id.toLowerCase() === want) ?? cx.stores.find((x) => x.name.toLowerCase() === want);
    if (!s) throw sqlError(cx.src, t.start, 'E_UNKNOWN_STORE', `--store ${cx.defaultStore} is not a store here; ${available(cx.stores)}`, t.text);
    return s;
  }
  if (cx.stores.length === 1) return cx.stores[0]!;
  if (cx.stores.length === 0) {
    throw sqlError(cx.src, t.start, 'E_NO_STORE', `${t.text} stands for an event data store, but there are none yet: run \`ctlake ingest PATH\` first`, t.text);
  }
  throw sqlError(
    cx.src,
    t.start,
    'E_AMBIGUOUS_STORE',
    `${t.text} stands for an event data store, and there are ${cx.stores.length}: choose one with --store, or write its id or name (${list(cx.stores)})`,
    t.text,
  );
}

function available(stores: StoreRef[]): string {
  return stores.length ? `stores here: ${list(stores)}` : 'there are no stores yet: run `ctlake ingest PATH` first';
}

function list(stores: StoreRef[]): string {
  return stores.map((s) => (s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id)).join(', ');
}
