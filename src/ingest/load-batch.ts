import type { Db } from '../store/duckdb.js';
import { decodeProjectionSql, EVENT_FIELDS, PROVENANCE_COLUMNS, quoteIdent } from '../store/schema.js';
import type { DecodeResult, FileTask } from './types.js';

/**
 * Load stage: one batch of decoded files → one transaction that inserts their events and their
 * ledger rows together, so a crash leaves either the whole batch or none of it.
 */

export type Decoded = Extract<DecodeResult, { status: 'decoded' }>;

export interface LedgerRow {
  task: FileTask;
  status: 'loaded' | 'rejected' | 'skipped' | 'digest';
  sha256: string | null;
  events?: number;
  duplicates?: number;
  recordsRejected?: number;
  reason?: string;
}

/** Largest single event accepted (CloudTrail's own events are far smaller); the decoder enforces it. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

const lit = (v: string | null | undefined): string => (v == null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

/** fileId of a task in the ledger: a per-run base plus the task's sequence number. */
export const fileIdOf = (base: number, seq: number): number => base + seq;

export async function loadBatch(
  db: Db,
  storeId: string,
  fileIdBase: number,
  files: { task: FileTask; decoded: Decoded }[],
  ledger: LedgerRow[],
): Promise<void> {
  return db.transaction(async () => {
    const stored = new Map<number, number>();
    const withEvents = files.filter((f) => f.decoded.events > 0);
    if (withEvents.length) {
      const lo = fileIdOf(fileIdBase, Math.min(...withEvents.map((f) => f.task.seq)));
      const hi = fileIdOf(fileIdBase, Math.max(...withEvents.map((f) => f.task.seq)));
      await db.run(insertEventsSql(storeId, fileIdBase, withEvents));
      await db.run(deleteDuplicatesSql(storeId, lo, hi, withEvents));
      const counts = await db.all<{ fileId: number; n: bigint }>(
        `SELECT fileId, count(*) AS n FROM events WHERE fileId BETWEEN ? AND ? GROUP BY fileId`,
        [lo, hi],
      );
      for (const c of counts) stored.set(c.fileId - fileIdBase, Number(c.n));
    }
    for (const row of ledger) {
      if (row.status === 'loaded') {
        const n = stored.get(row.task.seq) ?? 0;
        row.duplicates = (row.events ?? 0) - n;
        row.events = n;
      }
    }
    if (ledger.length) await db.run(insertLedgerSql(storeId, fileIdBase, ledger));
  });
}

function insertEventsSql(storeId: string, fileIdBase: number, files: { task: FileTask; decoded: Decoded }[]): string {
  const tsvList = files.map((f) => lit(f.decoded.tsvPath)).join(', ');
  const meta = files
    .map(({ task }) => {
      const p = task.facts;
      return `(${task.seq}, ${lit(task.displayPath)}, ${lit(p.kind)}, ${lit(p.orgId)}, ${lit(p.accountId)}, ${lit(p.region)}, ${p.date ? `DATE ${lit(p.date)}` : 'NULL'})`;
    })
    .join(',\n');
  const { inner, outer } = decodeProjectionSql('j');
  const provenance = PROVENANCE_COLUMNS.map((c) => quoteIdent(c.name));
  const target = [...EVENT_FIELDS.map((f) => quoteIdent(f.name)), ...provenance, '"eventHash"', '"fileId"'].join(', ');
  return `INSERT INTO events (${target})
SELECT ${outer.join(', ')}, j, ${lit(storeId)}, m.sourceFile, m.fileKind, m.pathOrgId, m.pathAccountId, m.pathRegion, m.pathDate, h, ${fileIdBase} + f
FROM (
  SELECT f, j, hash(j) AS h, ${inner}
  FROM read_csv([${tsvList}], delim = '\t', quote = '', escape = '', header = false, auto_detect = false,
                columns = {'f': 'INTEGER', 'j': 'VARCHAR'}, max_line_size = ${MAX_RECORD_BYTES + 64}, buffer_size = ${4 * MAX_RECORD_BYTES}, parallel = true)
) x
JOIN (VALUES ${meta}) AS m(mf, sourceFile, fileKind, pathOrgId, pathAccountId, pathRegion, pathDate) ON m.mf = x.f`;
}

/**
 * Duplicates are removed after the plain bulk insert, inside the same transaction: a record
 * repeated within the batch (kept: the copy from the first file), or already stored from an
 * earlier batch or run. A duplicate is the same eventID, eventTime and 64-bit hash of the text
 * (the text itself is never compared: a collision would need all three to agree). Only narrow
 * columns are read, and the eventTime bounds let DuckDB skip row groups outside the batch's span;
 * this is much cheaper than deduplicating while inserting, which drags every column along.
 */
function deleteDuplicatesSql(storeId: string, lo: number, hi: number, files: { decoded: Decoded }[]): string {
  const ts = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().replace('Z', '')}'`;
  const minT = ts(Math.min(...files.map((f) => f.decoded.minTime)));
  const maxT = ts(Math.max(...files.map((f) => f.decoded.maxTime)));
  return `DELETE FROM events WHERE rowid IN (
  SELECT rowid FROM events WHERE fileId BETWEEN ${lo} AND ${hi}
  QUALIFY row_number() OVER (PARTITION BY eventHash, eventID, eventTime ORDER BY fileId, rowid) > 1
  UNION ALL
  SELECT n.rowid FROM events n SEMI JOIN (
    SELECT eventHash, eventID, eventTime FROM events
    WHERE storeId = ${lit(storeId)} AND fileId < ${lo} AND eventTime BETWEEN ${minT} AND ${maxT}
  ) o ON o.eventHash = n.eventHash AND o.eventID IS NOT DISTINCT FROM n.eventID AND o.eventTime = n.eventTime
  WHERE n.fileId BETWEEN ${lo} AND ${hi}
)`;
}

function insertLedgerSql(storeId: string, fileIdBase: number, rows: LedgerRow[]): string {
  const values = rows.map((r) => {
    const t = r.task;
    const p = t.facts;
    const num = (n: number | undefined) => (n === undefined ? 'NULL' : String(n));
    return `(${fileIdOf(fileIdBase, t.seq)}, ${lit(storeId)}, ${lit(t.displayPath)}, ${lit(r.sha256)}, ${t.size}, ${lit(p.kind)}, ${lit(r.status)},
      ${num(r.events)}, ${num(r.duplicates)}, ${num(r.recordsRejected)}, ${lit(r.reason)}, ${lit(p.orgId)}, ${lit(p.accountId)}, ${lit(p.region)},
      ${p.date ? `DATE ${lit(p.date)}` : 'NULL'}, ${lit(p.fileName)}, now()::TIMESTAMP)`;
  });
  return `INSERT INTO ct_files VALUES ${values.join(',\n')}`;
}
