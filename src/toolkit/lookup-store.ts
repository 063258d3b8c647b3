import { CtlakeError } from '../errors.js';
import type { StoreInfo } from '../store/catalog.js';
import { quoteIdent } from '../store/schema.js';
import type { QuerySession } from '../query/session.js';

/**
 * Store resolution shared by the toolkit commands (lookup, detect, filter): `--store NAME` (or
 * id), else the only store. Several stores and no --store is an error that lists them, because
 * silently picking one would answer a different question than the user asked.
 */
export function resolveStore(session: QuerySession, wanted: string | undefined): StoreInfo {
  const { stores } = session;
  if (wanted) {
    const s = stores.find((x) => x.name === wanted || x.id === wanted.toLowerCase());
    if (!s) throw new CtlakeError('E_NO_SUCH_STORE', `no store named "${wanted}"; stores here: ${names(stores) || 'none'}`);
    return s;
  }
  if (stores.length === 1) return stores[0]!;
  if (!stores.length) {
    throw new CtlakeError('E_NO_STORE', `${session.db.path} has no event data store yet: run \`ctlake ingest PATH\` first`);
  }
  throw new CtlakeError('E_STORE_AMBIGUOUS', `${stores.length} stores here (${names(stores)}): pick one with --store NAME`);
}

/** The store's view, quoted for DuckDB SQL: what `FROM $EDS_ID` stands for. */
export function storeView(store: StoreInfo): string {
  return quoteIdent(store.id);
}

function names(stores: StoreInfo[]): string {
  return stores.map((s) => s.name).join(', ');
}
