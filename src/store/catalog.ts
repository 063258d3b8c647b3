import { randomUUID } from 'node:crypto';
import { CtlakeError } from '../errors.js';
import type { Db } from './duckdb.js';
import { eventsTableColumns, quoteIdent, viewColumnsSql } from './schema.js';

/**
 * The store's own tables: event data stores, the file ledger, and the events table, plus one
 * view per event data store named by its id (what Lake SQL's `FROM <eds-id>` resolves to).
 */

export const SCHEMA_VERSION = 3;

export interface StoreInfo {
  id: string;
  name: string;
  createdAt: string;
}

export interface StoreStats extends StoreInfo {
  events: number;
  files: number;
  firstEventTime: string | null;
  lastEventTime: string | null;
  accounts: string[];
  regions: string[];
}

/**
 * Columns stored with zstd instead of DuckDB's per-segment choice: the event text, and ids that
 * are unique per event, where trying dictionary and FSST compression first is wasted work
 * (measured: about 1 CPU-s per million events, for 6 MB more).
 */
const ZSTD_COLUMNS = new Set(['eventJson', 'eventID', 'requestID', 'sharedEventID']);

export async function ensureSchema(db: Db): Promise<void> {
  const cols = eventsTableColumns()
    .map((c) => `${quoteIdent(c.name)} ${c.duck}${ZSTD_COLUMNS.has(c.name) ? ' USING COMPRESSION zstd' : ''}`)
    .join(',\n  ');
  await db.run(`CREATE TABLE IF NOT EXISTS ct_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  await db.run(`CREATE TABLE IF NOT EXISTS ct_stores (id VARCHAR PRIMARY KEY, name VARCHAR UNIQUE NOT NULL, createdAt TIMESTAMP NOT NULL)`);
  await db.run(`CREATE TABLE IF NOT EXISTS ct_files (
  fileId INTEGER NOT NULL,
  storeId VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  sha256 VARCHAR,
  size BIGINT,
  kind VARCHAR,
  status VARCHAR NOT NULL,
  events INTEGER,
  duplicates INTEGER,
  recordsRejected INTEGER,
  reason VARCHAR,
  orgId VARCHAR,
  accountId VARCHAR,
  region VARCHAR,
  date DATE,
  fileName VARCHAR,
  ingestedAt TIMESTAMP NOT NULL)`);
  await db.run(`CREATE TABLE IF NOT EXISTS events (\n  ${cols}\n)`);
  await db.run(`INSERT OR IGNORE INTO ct_meta VALUES ('schemaVersion', '${SCHEMA_VERSION}')`);
  const [v] = await db.all<{ value: string }>(`SELECT value FROM ct_meta WHERE key = 'schemaVersion'`);
  if (v && Number(v.value) !== SCHEMA_VERSION) {
    throw new CtlakeError('E_SCHEMA_VERSION', `${db.path} was written by a different ctlake schema (v${v.value}, this is v${SCHEMA_VERSION}); re-ingest into a new --db`);
  }
}

export async function listStoreInfos(db: Db): Promise<StoreInfo[]> {
  if (!(await hasTable(db, 'ct_stores'))) return [];
  const rows = await db.all<{ id: string; name: string; createdAt: unknown }>(`SELECT id, name, createdAt FROM ct_stores ORDER BY createdAt, name`);
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: String(r.createdAt) }));
}

export async function hasTable(db: Db, name: string): Promise<boolean> {
  const rows = await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary`, [name]);
  return rows.length > 0;
}

/** Finds a store by name or id. */
export async function findStore(db: Db, nameOrId: string): Promise<StoreInfo | undefined> {
  return (await listStoreInfos(db)).find((s) => s.name === nameOrId || s.id === nameOrId.toLowerCase());
}

const STORE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Returns the store, creating it (with a new UUID id, like Lake's) when absent. */
export async function ensureStore(db: Db, name: string): Promise<StoreInfo> {
  const found = await findStore(db, name);
  if (found) return found;
  if (!STORE_NAME.test(name)) {
    throw new CtlakeError('E_BAD_STORE_NAME', `store name "${name}" is not valid: use letters, digits, ".", "_" or "-" (at most 128)`);
  }
  const info: StoreInfo = { id: randomUUID(), name, createdAt: new Date().toISOString() };
  await db.run(`INSERT INTO ct_stores VALUES (?, ?, ?::TIMESTAMPTZ::TIMESTAMP)`, [info.id, info.name, info.createdAt]);
  await db.run(`CREATE VIEW ${quoteIdent(info.id)} AS SELECT ${viewColumnsSql()} FROM events WHERE storeId = '${info.id}'`);
  return info;
}

export async function storeStats(db: Db): Promise<StoreStats[]> {
  const infos = await listStoreInfos(db);
  if (!infos.length) return [];
  const ev = await db.all<{ storeId: string; n: bigint; first: unknown; last: unknown; accounts: string[]; regions: string[] }>(
    `SELECT storeId, count(*) AS n, min(eventTime) AS first, max(eventTime) AS last,
            list_sort(list_distinct(list(recipientAccountId))) AS accounts,
            list_sort(list_distinct(list(awsRegion))) AS regions
       FROM events GROUP BY storeId`,
  );
  const files = await db.all<{ storeId: string; n: bigint }>(`SELECT storeId, count(*) AS n FROM ct_files WHERE status = 'loaded' GROUP BY storeId`);
  return infos.map((s) => {
    const e = ev.find((r) => r.storeId === s.id);
    return {
      ...s,
      events: Number(e?.n ?? 0),
      files: Number(files.find((r) => r.storeId === s.id)?.n ?? 0),
      firstEventTime: e?.first == null ? null : isoUtc(e.first),
      lastEventTime: e?.last == null ? null : isoUtc(e.last),
      accounts: (e?.accounts ?? []).filter(Boolean),
      regions: (e?.regions ?? []).filter(Boolean),
    };
  });
}

/** DuckDB TIMESTAMP values (JS Date or string) → `2024-03-01T12:00:00.000Z`. */
export function isoUtc(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return s.includes('T') ? s : `${s.replace(' ', 'T')}${s.includes('.') ? '' : '.000'}Z`;
}

/** SHA-256 → path of every file the store has already taken in (loaded, or recorded digest). */
export async function knownFiles(db: Db, storeId: string): Promise<Map<string, string>> {
  const rows = await db.all<{ sha256: string; path: string }>(
    `SELECT sha256, min(path) AS path FROM ct_files WHERE storeId = ? AND status IN ('loaded', 'digest') AND sha256 IS NOT NULL GROUP BY sha256`,
    [storeId],
  );
  return new Map(rows.map((r) => [r.sha256, r.path]));
}

/** `path\nsha256` of files already recorded as rejected (so a re-run does not record them twice). */
export async function rejectedFiles(db: Db, storeId: string): Promise<Set<string>> {
  const rows = await db.all<{ path: string; sha256: string | null }>(`SELECT DISTINCT path, sha256 FROM ct_files WHERE storeId = ? AND status = 'rejected'`, [storeId]);
  return new Set(rows.map((r) => `${r.path}\n${r.sha256}`));
}
