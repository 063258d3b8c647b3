import type { Db } from '../store/duckdb.js';
import { decodeProjectionSql, PROVENANCE_COLUMNS, quoteIdent, STORED_FIELDS } from '../store/schema.js';
import type { DecodeResult, FileTask } from './types.js';

/**
 * Load stage: one batch of decoded files → one transaction that inserts their events and their
 * ledger rows together, so a crash leaves either the whole batch or none of it.
 */

export type Decoded = Extract<DecodeResult, { status: 'decoded' }>;
export type Direct = Extract<DecodeResult, { status: 'direct' }>;
/** A file ready to load: decoded here into a TSV hand-off file, or a gzip file DuckDB reads itself. */
export type Loadable = Decoded | Direct;

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

/**
 * Loads the batch and returns the files DuckDB's reader took in but could not fully place (no
 * records at all, or records without a readable eventTime): their rows are taken out again and
 * their ledger rows left out, so the caller can decode them with ctlake's own scanner, which
 * says precisely what is wrong.
 */
export async function loadBatch(
  db: Db,
  storeId: string,
  fileIdBase: number,
  files: { task: FileTask; decoded: Loadable }[],
  ledger: LedgerRow[],
): Promise<FileTask[]> {
  return db.transaction(async () => {
    const stored = new Map<number, number>();
    let suspects: FileTask[] = [];
    const tsv = files.filter((f): f is { task: FileTask; decoded: Decoded } => f.decoded.status === 'decoded' && f.decoded.events > 0);
    const direct = files.filter((f): f is { task: FileTask; decoded: Direct } => f.decoded.status === 'direct');
    const ids = [...tsv, ...direct].map((f) => fileIdOf(fileIdBase, f.task.seq));
    if (ids.length) {
      const lo = Math.min(...ids);
      const hi = Math.max(...ids);
      if (tsv.length) await db.run(insertTsvSql(storeId, fileIdBase, tsv));
      if (direct.length) {
        const oneLine = direct.filter((f) => f.decoded.oneLine);
        const other = direct.filter((f) => !f.decoded.oneLine);
        if (oneLine.length) await db.run(insertDirectSql(storeId, fileIdBase, oneLine, 'newline_delimited'));
        if (other.length) await db.run(insertDirectSql(storeId, fileIdBase, other, 'unstructured'));
        suspects = await takeOutSuspects(db, fileIdBase, direct, ledger);
      }
      const [span] = await db.all<{ lo: unknown; hi: unknown }>(
        `SELECT strftime(min(eventTime), '%Y-%m-%d %H:%M:%S.%f') AS lo, strftime(max(eventTime), '%Y-%m-%d %H:%M:%S.%f') AS hi FROM events WHERE fileId BETWEEN ? AND ?`,
        [lo, hi],
      );
      if (span?.lo != null && span.hi != null) await db.run(deleteDuplicatesSql(storeId, lo, hi, String(span.lo), String(span.hi)));
      const counts = await db.all<{ fileId: number; n: bigint }>(
        `SELECT fileId, count(*) AS n FROM events WHERE fileId BETWEEN ? AND ? GROUP BY fileId`,
        [lo, hi],
      );
      for (const c of counts) stored.set(c.fileId - fileIdBase, Number(c.n));
    }
    const out = new Set(suspects.map((t) => t.seq));
    const keep = ledger.filter((row) => !out.has(row.task.seq));
    for (const row of keep) {
      if (row.status === 'loaded') {
        const n = stored.get(row.task.seq) ?? 0;
        row.duplicates = (row.events ?? 0) - n;
        row.events = n;
      }
    }
    if (keep.length) await db.run(insertLedgerSql(storeId, fileIdBase, keep));
    return suspects;
  });
}

/** The provenance of each file, joined to its events by `key` (TSV: the file's seq; direct: its path). */
function metaValues(files: { task: FileTask; key: string }[]): string {
  return files
    .map(({ task, key }) => {
      const p = task.facts;
      return `(${key}, ${task.seq}, ${lit(task.displayPath)}, ${lit(p.kind)}, ${lit(p.orgId)}, ${lit(p.accountId)}, ${lit(p.region)}, ${p.date ? `DATE ${lit(p.date)}` : 'NULL'})`;
    })
    .join(',\n');
}

/**
 * `source` yields (k, j): the meta key and one event's JSON text as DuckDB's JSON writer prints
 * it. Both paths print through that writer, so the same event has the same eventJson (and hash,
 * the duplicate key) whichever path loaded it.
 */
function insertSql(storeId: string, fileIdBase: number, source: string, meta: string): string {
  const { inner, outer } = decodeProjectionSql('j');
  const provenance = PROVENANCE_COLUMNS.map((c) => quoteIdent(c.name));
  const target = [...STORED_FIELDS.map((f) => quoteIdent(f.name)), ...provenance, '"eventHash"', '"fileId"'].join(', ');
  return `INSERT INTO events (${target})
SELECT ${outer.join(', ')}, j, ${lit(storeId)}, m.sourceFile, m.fileKind, m.pathOrgId, m.pathAccountId, m.pathRegion, m.pathDate, hash(j), ${fileIdBase} + m.seq
FROM (SELECT k, j, ${inner} FROM (${source})) x
JOIN (VALUES ${meta}) AS m(k, seq, sourceFile, fileKind, pathOrgId, pathAccountId, pathRegion, pathDate) ON m.k = x.k`;
}

function insertTsvSql(storeId: string, fileIdBase: number, files: { task: FileTask; decoded: Decoded }[]): string {
  const tsvList = files.map((f) => lit(f.decoded.tsvPath)).join(', ');
  const source = `SELECT f AS k, json(j)::VARCHAR AS j
  FROM read_csv([${tsvList}], delim = '\t', quote = '', escape = '', header = false, auto_detect = false,
                columns = {'f': 'INTEGER', 'j': 'VARCHAR'}, max_line_size = ${MAX_RECORD_BYTES + 64}, buffer_size = ${4 * MAX_RECORD_BYTES}, parallel = true)`;
  return insertSql(storeId, fileIdBase, source, metaValues(files.map(({ task }) => ({ task, key: String(task.seq) }))));
}

/**
 * The fast path: DuckDB decompresses and parses the files itself, in parallel, and hands each
 * element of Records over as JSON text. A file it cannot parse fails the statement (the caller
 * then loads the batch in halves until the culprit stands alone, and the scanner decodes it).
 */
function insertDirectSql(storeId: string, fileIdBase: number, files: { task: FileTask; decoded: Direct }[], format: 'newline_delimited' | 'unstructured'): string {
  const paths = files.map((f) => lit(f.decoded.gzPath)).join(', ');
  const maxObject = Math.max(...files.map((f) => f.decoded.jsonBytes)) + 1024 * 1024;
  const source = `SELECT filename AS k, unnest(Records)::VARCHAR AS j
  FROM read_json([${paths}], columns = {'Records': 'JSON[]'}, format = '${format}', compression = 'gzip',
                 maximum_object_size = ${maxObject}, filename = true)`;
  return insertSql(storeId, fileIdBase, source, metaValues(files.map(({ task, decoded }) => ({ task, key: lit(decoded.gzPath) }))));
}

/**
 * A direct file with no rows (no Records array, or an empty one) or with rows whose eventTime
 * did not decode (a record that is not an object, has no eventTime...) is taken out again: the
 * scanner will say which. The others get their event counts in the ledger.
 */
async function takeOutSuspects(db: Db, fileIdBase: number, files: { task: FileTask; decoded: Direct }[], ledger: LedgerRow[]): Promise<FileTask[]> {
  const ids = files.map((f) => fileIdOf(fileIdBase, f.task.seq));
  const rows = await db.all<{ fileId: number; n: bigint; bad: bigint }>(
    `SELECT fileId, count(*) AS n, count(*) FILTER (WHERE eventTime IS NULL) AS bad FROM events WHERE fileId IN (${ids.join(', ')}) GROUP BY fileId`,
  );
  const found = new Map(rows.map((r) => [r.fileId - fileIdBase, r]));
  const suspects = files.filter((f) => {
    const r = found.get(f.task.seq);
    return !r || r.n === 0n || r.bad > 0n;
  });
  if (suspects.length) await db.run(`DELETE FROM events WHERE fileId IN (${suspects.map((f) => fileIdOf(fileIdBase, f.task.seq)).join(', ')})`);
  for (const row of ledger) {
    const r = found.get(row.task.seq); // only direct files are in `found`
    if (r && row.status === 'loaded') row.events = Number(r.n);
  }
  return suspects.map((f) => f.task);
}

/**
 * Duplicates are removed after the plain bulk insert, inside the same transaction: a record
 * repeated within the batch (kept: the copy from the first file), or already stored from an
 * earlier batch or run. A duplicate is the same eventID, eventTime and 64-bit hash of the text
 * (the text itself is never compared: a collision would need all three to agree). Only narrow
 * columns are read, and the eventTime bounds let DuckDB skip row groups outside the batch's span;
 * this is much cheaper than deduplicating while inserting, which drags every column along. The
 * stored rows are probed against a hash table of the batch's keys, not the other way round: the
 * store grows, the batch does not, and the hash table is what takes memory.
 */
function deleteDuplicatesSql(storeId: string, lo: number, hi: number, minTime: string, maxTime: string): string {
  const minT = `TIMESTAMP ${lit(minTime)}`;
  const maxT = `TIMESTAMP ${lit(maxTime)}`;
  return `DELETE FROM events WHERE rowid IN (
  SELECT rowid FROM events WHERE fileId BETWEEN ${lo} AND ${hi}
  QUALIFY row_number() OVER (PARTITION BY eventHash, eventID, eventTime ORDER BY fileId, rowid) > 1
  UNION ALL
  SELECT n.rowid FROM events n SEMI JOIN (
    SELECT o.eventHash, o.eventID, o.eventTime FROM events o SEMI JOIN (
      SELECT eventHash, eventID, eventTime FROM events WHERE fileId BETWEEN ${lo} AND ${hi}
    ) b ON b.eventHash = o.eventHash AND b.eventID IS NOT DISTINCT FROM o.eventID AND b.eventTime = o.eventTime
    WHERE o.storeId = ${lit(storeId)} AND o.fileId < ${lo} AND o.eventTime BETWEEN ${minT} AND ${maxT}
  ) d ON d.eventHash = n.eventHash AND d.eventID IS NOT DISTINCT FROM n.eventID AND d.eventTime = n.eventTime
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
