import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { CtlakeError } from '../errors.js';
import { mapDuckDbError, type Db } from '../store/duckdb.js';
import { toJsonValue } from './values.js';

/**
 * Runs one statement and returns at most maxRows rows. Errors travel as data, so a UI can show
 * them beside the query; rows are fetched maxRows+1 so "500 of >500" can be said honestly.
 */

export interface Column {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: Column[];
  /** JSON-typed values (see toJsonValue). */
  rows: unknown[][];
  /** More rows existed than maxRows. */
  truncated: boolean;
  elapsedMs: number;
  error?: CtlakeError;
  /** The SQL DuckDB ran (after Lake translation), when the query got that far. */
  sql?: string;
}

export interface ReadOptions {
  maxRows?: number;
  /** Values bound to `?` placeholders by DuckDB (the duckdb dialect; Lake inlines them). */
  params?: DuckDBValue[];
}

/** Reads up to maxRows rows; throws DuckDB's own error (callers map it to the user's SQL). */
export async function readSql(conn: DuckDBConnection, sql: string, opts: ReadOptions = {}): Promise<Omit<QueryResult, 'elapsedMs'>> {
  const maxRows = opts.maxRows ?? Infinity;
  const reader = Number.isFinite(maxRows) ? await conn.streamAndReadUntil(sql, maxRows + 1, opts.params) : await conn.streamAndReadAll(sql, opts.params);
  const types: DuckDBType[] = reader.columnTypes();
  const columns = reader.columnNames().map((name, i) => ({ name, type: types[i]!.toString() }));
  let raw = reader.getRowsJS();
  const truncated = raw.length > maxRows;
  if (truncated) raw = raw.slice(0, maxRows);
  const rows = raw.map((r) => r.map((v, i) => toJsonValue(v, types[i]!)));
  return { columns, rows, truncated };
}

/** Where streamed rows go: `start` once with the result's shape, then `rows` per chunk (raw JS values). */
export interface RowSink {
  start(columns: Column[], types: DuckDBType[]): void | Promise<void>;
  rows(rows: unknown[][]): void | Promise<void>;
}

/**
 * Streams the whole result (or its first maxRows rows) chunk by chunk, so writing a million-row
 * result to a file never holds it in memory. Throws DuckDB's own error.
 */
export async function streamSql(conn: DuckDBConnection, sql: string, sink: RowSink, opts: ReadOptions = {}): Promise<{ rows: number; truncated: boolean }> {
  const maxRows = opts.maxRows ?? Infinity;
  const result = await conn.stream(sql, opts.params);
  const types = result.columnTypes();
  await sink.start(
    result.columnNames().map((name, i) => ({ name, type: types[i]!.toString() })),
    types,
  );
  let n = 0;
  for await (const chunk of result.yieldRowsJs()) {
    if (n + chunk.length > maxRows) {
      await sink.rows(chunk.slice(0, maxRows - n));
      return { rows: maxRows, truncated: true };
    }
    n += chunk.length;
    if (chunk.length) await sink.rows(chunk);
  }
  return { rows: n, truncated: false };
}

/** Plain DuckDB SQL on a Db, errors as data (mapped with the store's messages). */
export async function runSql(db: Db, sql: string, opts: ReadOptions = {}): Promise<QueryResult> {
  const started = Date.now();
  try {
    return { ...(await readSql(db.conn, sql, opts)), elapsedMs: Date.now() - started, sql };
  } catch (e) {
    return { columns: [], rows: [], truncated: false, elapsedMs: Date.now() - started, error: mapDuckDbError(e, db.path), sql };
  }
}
