import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { CtlakeError } from '../errors.js';
import { listStoreInfos, type StoreInfo } from '../store/catalog.js';
import { Db } from '../store/duckdb.js';
import { quoteIdent, quoteString } from '../store/schema.js';

/**
 * `ctlake export`: a store's events as Parquet in the Hive layout Athena, Trino, Spark and
 * DuckDB all read, `account=<id>/region=<region>/date=<YYYY-MM-DD>/data_0.parquet`, plus the
 * CREATE EXTERNAL TABLE statement for that layout. The columns are the store view's (Lake's
 * columns, eventJson, provenance); the partition values are not repeated inside the files.
 *
 * The export runs on its own READ_ONLY instance of the store with external access on (COPY TO
 * must write files); the SQL is ours, not the user's. It writes into a temporary folder beside
 * the target and renames it at the end, so an interrupted export leaves nothing half-written.
 */

export interface ExportOptions {
  out: string;
  store?: string;
  /** YYYY-MM-DD, inclusive (UTC, on eventTime). */
  since?: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
  /** Table name in the DDL. */
  table?: string;
  /** LOCATION in the DDL. */
  location?: string;
  /** Aborting interrupts DuckDB; the export then fails with E_CANCELLED and leaves no folder. */
  signal?: AbortSignal;
}

export interface PartitionCount {
  account: string;
  region: string;
  date: string;
  events: number;
}

export interface ExportSummary {
  store: StoreInfo;
  out: string;
  events: number;
  partitions: PartitionCount[];
  ddl: string;
  /** Where the DDL was also written (inside `out`, named so Athena ignores it). */
  ddlFile: string;
}

export const DDL_FILE = '_create_table.sql';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function exportStore(dbPath: string, o: ExportOptions): Promise<ExportSummary> {
  for (const [flag, v] of [['--since', o.since], ['--until', o.until]] as const) {
    if (v !== undefined && (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) {
      throw new CtlakeError('E_USAGE', `${flag} takes a day as YYYY-MM-DD (UTC), got "${v}"`);
    }
  }
  const out = resolve(o.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new CtlakeError('E_EXPORT_EXISTS', `${o.out} already exists and is not an empty folder: export into a new or empty folder`);
  }
  if (!existsSync(dbPath)) {
    throw new CtlakeError('E_NO_STORE', `no store at ${dbPath}: run \`ctlake ingest PATH\` first, or point --db / CTLAKE_DB at an existing file`);
  }
  const db = await Db.open(dbPath, { readOnly: true, externalAccess: true });
  const onAbort = () => db.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.ctlake-tmp`);
  // Between steps too: an abort that arrives while no statement runs has nothing to interrupt.
  const check = () => {
    if (o.signal?.aborted) throw new CtlakeError('E_CANCELLED', 'export cancelled; nothing was written');
  };
  try {
    check();
    const store = pickStore(await listStoreInfos(db), o.store);
    const where = [
      ...(o.since ? [`eventTime >= TIMESTAMP '${o.since} 00:00:00'`] : []),
      ...(o.until ? [`eventTime < TIMESTAMP '${o.until} 00:00:00' + INTERVAL 1 DAY`] : []),
    ];
    // account: the account the event was recorded for, else the one in the S3 path; region
    // likewise. Never NULL, so every event lands in a partition.
    const select =
      `SELECT *, coalesce(nullif(recipientAccountId, ''), pathAccountId, 'unknown') AS account, ` +
      `coalesce(nullif(awsRegion, ''), pathRegion, 'unknown') AS region, strftime(eventTime, '%Y-%m-%d') AS date ` +
      `FROM ${quoteIdent(store.id)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const shape = await db.conn.runAndReadAll(`SELECT * FROM (${select}) LIMIT 0`);
    const names = shape.columnNames();
    const types = shape.columnTypes();
    const counts = await db.all<{ account: string; region: string; date: string; n: bigint }>(
      `SELECT account, region, date, count(*) AS n FROM (${select}) GROUP BY ALL ORDER BY ALL`,
    );
    const events = counts.reduce((a, c) => a + Number(c.n), 0);
    check();
    if (events > 0) {
      await db.run(`COPY (${select}) TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (account, region, date))`);
    } else {
      mkdirSync(tmp);
    }
    const ddl = athenaDdl(
      names.filter((n) => !PARTITIONS.includes(n)).map((n) => ({ name: n, type: types[names.indexOf(n)]! })),
      o.table ?? defaultTableName(store.name),
      o.location ?? 's3://YOUR-BUCKET/prefix/',
    );
    writeFileSync(join(tmp, DDL_FILE), ddl);
    check();
    if (existsSync(out)) rmdirSync(out); // empty (checked above): rename needs the name free
    renameSync(tmp, out);
    return {
      store,
      out,
      events,
      partitions: counts.map((c) => ({ account: c.account, region: c.region, date: c.date, events: Number(c.n) })),
      ddl,
      ddlFile: join(out, DDL_FILE),
    };
  } catch (e) {
    if (o.signal?.aborted) throw new CtlakeError('E_CANCELLED', 'export cancelled; nothing was written', (e as Error).message);
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    rmSync(tmp, { recursive: true, force: true });
    db.close();
  }
}

const PARTITIONS = ['account', 'region', 'date'];

function pickStore(stores: StoreInfo[], want: string | undefined): StoreInfo {
  if (!stores.length) throw new CtlakeError('E_NO_STORE', 'the store file has no event data store yet: run `ctlake ingest PATH` first');
  if (want) {
    const s = stores.find((x) => x.name === want || x.id === want.toLowerCase());
    if (!s) throw new CtlakeError('E_NO_SUCH_STORE', `no store named "${want}"; stores here: ${stores.map((x) => x.name).join(', ')}`);
    return s;
  }
  if (stores.length > 1) {
    throw new CtlakeError('E_AMBIGUOUS_STORE', `there are ${stores.length} stores (${stores.map((x) => x.name).join(', ')}): choose one with --store`);
  }
  return stores[0]!;
}

function defaultTableName(store: string): string {
  const s = store.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return s === 'default' ? 'cloudtrail_events' : `cloudtrail_${s}`;
}

/** A DuckDB column type as a Hive/Athena DDL type. */
export function hiveType(t: DuckDBType): string {
  switch (t.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
      return 'string';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.TINYINT:
      return 'tinyint';
    case DuckDBTypeId.SMALLINT:
      return 'smallint';
    case DuckDBTypeId.INTEGER:
      return 'int';
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return 'bigint';
    case DuckDBTypeId.FLOAT:
      return 'float';
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    case DuckDBTypeId.BLOB:
      return 'binary';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array<${hiveType(t.valueType)}>`;
    case DuckDBTypeId.MAP:
      return `map<${hiveType(t.keyType)},${hiveType(t.valueType)}>`;
    case DuckDBTypeId.STRUCT:
      return `struct<${t.entryNames.map((n, i) => `${n}:${hiveType(t.entryTypes[i]!)}`).join(',')}>`;
    default:
      return 'string';
  }
}

/** CREATE EXTERNAL TABLE for the export's layout, and the statement that loads its partitions. */
export function athenaDdl(columns: { name: string; type: DuckDBType }[], table: string, location: string): string {
  const loc = location.endsWith('/') ? location : `${location}/`;
  const cols = columns.map((c) => `  \`${c.name}\` ${hiveType(c.type)}`).join(',\n');
  return (
    `-- Athena / Trino (Hive connector) table over \`ctlake export\` output.\n` +
    `-- Upload the folder first, e.g.: aws s3 sync <export-folder> ${loc}\n` +
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (\n${cols}\n)\n` +
    `PARTITIONED BY (\`account\` string, \`region\` string, \`date\` string)\n` +
    `STORED AS PARQUET\n` +
    `LOCATION ${quoteString(loc)};\n\n` +
    `-- Then load the partitions (again after each new upload):\n` +
    `MSCK REPAIR TABLE ${table};\n`
  );
}
