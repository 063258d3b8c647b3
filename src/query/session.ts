import type { DuckDBValue } from '@duckdb/node-api';
import { CtlakeError } from '../errors.js';
import { listStoreInfos, type StoreInfo } from '../store/catalog.js';
import { mapDuckDbError as mapStoreError, type Db } from '../store/duckdb.js';
import { quoteIdent } from '../store/schema.js';
import { RunGuard } from './cancel.js';
import { checkReadOnly, mapDuckDbError as mapLakeError, prepareConnection, translateLake, type DashboardParams, type Translated } from './lake/index.js';
import { tokenize } from './lake/tokenizer.js';
import { readSql, streamSql, type QueryResult, type RowSink } from './run-query.js';

/**
 * A query session over a store opened read-only with external access off: the place where the
 * SQL dialect is applied before DuckDB sees the text. The CLI, the TUI and the toolkit commands
 * all run their SQL through a session.
 *
 * Safety is layered: (1) the store is opened READ_ONLY with enable_external_access=false, so
 * DuckDB itself refuses writes and file/network access; (2) every statement, in either dialect,
 * passes checkReadOnly (one SELECT-like statement, no file-reading functions); (3) the session's
 * configuration is locked once it is set up, so no statement can change a setting later.
 */

export type Dialect = 'lake' | 'duckdb';

export interface RunOptions {
  maxRows?: number;
  /** 'lake' (default): CloudTrail Lake / Trino SQL, translated. 'duckdb': passed through (still read-only checked). */
  dialect?: Dialect;
  /** Values for `?` placeholders, in order. */
  params?: string[];
  /** Lake dashboard variables `$StartTime$`, `$EndTime$`, `$Period$`. */
  dashboard?: DashboardParams;
  /** Interrupt the query after this many milliseconds (it then fails with E_TIMEOUT). */
  timeoutMs?: number;
}

/** A statement checked and ready for DuckDB. */
export interface PreparedSql {
  /** What DuckDB runs (a single statement, no trailing ";"). */
  sql: string;
  /** What the user wrote. */
  original: string;
  dialect: Dialect;
  /** Values DuckDB binds to `?` (duckdb dialect; the Lake translation inlines them). */
  params?: DuckDBValue[];
  translated?: Translated;
}

export interface QuerySession {
  db: Db;
  stores: StoreInfo[];
  /** Never throws for a bad query: the error comes back in QueryResult.error. */
  run(sql: string, opts?: RunOptions): Promise<QueryResult>;
  /** Streams the result to `sink` chunk by chunk; throws CtlakeError (LakeSqlError for Lake SQL). */
  stream(sql: string, opts: RunOptions, sink: RowSink): Promise<{ rows: number; truncated: boolean; sql: string }>;
  /** Checks (and for Lake, translates) one statement; throws CtlakeError / LakeSqlError. */
  prepare(sql: string, opts?: RunOptions): PreparedSql;
  /**
   * Runs `work` as a query of this session: cancel() and opts.timeoutMs interrupt this session's
   * connection and whatever else `work` registers on the guard; DuckDB errors come back mapped
   * to the user's SQL.
   */
  execute<T>(prepared: PreparedSql, opts: RunOptions, work: (guard: RunGuard) => Promise<T>): Promise<T>;
  /** Interrupts the running query (it then resolves with error code E_CANCELLED). No-op when idle. */
  cancel(): void;
}

/** Connections already readied (macros created, configuration locked): readying twice would fail. */
const readied = new WeakSet<Db>();

export async function openQuerySession(db: Db, opts: { store?: string } = {}): Promise<QuerySession> {
  const stores = await listStoreInfos(db);
  if (opts.store && !stores.some((s) => s.name === opts.store || s.id === opts.store!.toLowerCase())) {
    throw new CtlakeError('E_NO_SUCH_STORE', `no store named "${opts.store}"; stores here: ${stores.map((s) => s.name).join(', ') || 'none'}`);
  }
  if (!readied.has(db)) {
    // Store names as temporary views, so plain DuckDB SQL can say FROM "default" as well as FROM "<id>".
    for (const s of stores) {
      if (s.name !== s.id) await db.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(s.name)} AS SELECT * FROM ${quoteIdent(s.id)}`);
    }
    await prepareConnection(db);
    if (db.readOnly) await db.run('SET lock_configuration = true');
    readied.add(db);
  }
  return new Session(db, stores, opts.store);
}

class Session implements QuerySession {
  private readonly active = new Set<RunGuard>();

  constructor(
    readonly db: Db,
    readonly stores: StoreInfo[],
    private readonly defaultStore: string | undefined,
  ) {}

  prepare(sql: string, o: RunOptions = {}): PreparedSql {
    const dialect = o.dialect ?? 'lake';
    try {
      if (dialect === 'duckdb') {
        checkReadOnly(sql, 'duckdb');
        return { sql: withoutFinalSemicolon(sql), original: sql, dialect, ...(o.params?.length ? { params: o.params } : {}) };
      }
      const translated = translateLake(sql, {
        stores: this.stores.map((s) => ({ id: s.id, name: s.name })),
        ...(this.defaultStore !== undefined ? { defaultStore: this.defaultStore } : {}),
        ...(o.params?.length ? { params: o.params } : {}),
        ...(o.dashboard ? { dashboard: o.dashboard } : {}),
      });
      return { sql: translated.sql, original: sql, dialect, translated };
    } catch (e) {
      if (e instanceof CtlakeError) throw e;
      throw new CtlakeError('E_TRANSLATE', `could not translate the query (${(e as Error).message}); as a workaround, write it in DuckDB SQL and pass --dialect duckdb`, (e as Error).stack);
    }
  }

  async execute<T>(prepared: PreparedSql, o: RunOptions, work: (guard: RunGuard) => Promise<T>): Promise<T> {
    const guard = new RunGuard(o.timeoutMs);
    this.active.add(guard);
    guard.onStop(() => this.db.interrupt());
    try {
      const r = await work(guard);
      // An interrupt that lands between two chunk fetches ends a DuckDB stream as if the result
      // were complete: a stopped query must never pass for a whole one.
      guard.check();
      return r;
    } catch (e) {
      throw guard.reason ? guard.error() : this.mapError(e, prepared);
    } finally {
      guard.done();
      this.active.delete(guard);
    }
  }

  async run(sql: string, o: RunOptions = {}): Promise<QueryResult> {
    const started = Date.now();
    let prepared: PreparedSql | undefined;
    try {
      prepared = this.prepare(sql, o);
      const p = prepared;
      const r = await this.execute(p, o, () => readSql(this.db.conn, p.sql, { maxRows: o.maxRows, params: p.params }));
      return { ...r, elapsedMs: Date.now() - started, sql: p.sql };
    } catch (e) {
      const error = e instanceof CtlakeError ? e : new CtlakeError('E_QUERY_FAILED', (e as Error).message);
      return { columns: [], rows: [], truncated: false, elapsedMs: Date.now() - started, error, ...(prepared ? { sql: prepared.sql } : {}) };
    }
  }

  async stream(sql: string, o: RunOptions, sink: RowSink): Promise<{ rows: number; truncated: boolean; sql: string }> {
    const p = this.prepare(sql, o);
    const r = await this.execute(p, o, () => streamSql(this.db.conn, p.sql, sink, { maxRows: o.maxRows, params: p.params }));
    return { ...r, sql: p.sql };
  }

  cancel(): void {
    for (const g of this.active) g.stop('cancelled');
  }

  private mapError(e: unknown, p: PreparedSql): CtlakeError {
    if (e instanceof CtlakeError) return e;
    const raw = e instanceof Error ? e.message : String(e);
    if (/INTERRUPT/i.test(raw)) return new CtlakeError('E_CANCELLED', 'query cancelled', raw);
    if (p.translated) return mapLakeError(e instanceof Error ? e : new Error(raw), p.original, p.translated);
    return mapStoreError(e, this.db.path);
  }
}

/**
 * DuckDB SQL without a final ";" (and whatever comment follows it), so it can be wrapped, e.g. in
 * COPY (...) TO. checkReadOnly has already made sure there is only one statement.
 */
export function withoutFinalSemicolon(sql: string): string {
  const tokens = tokenize(sql, 'duckdb').filter((t) => t.kind !== 'eof');
  const last = tokens[tokens.length - 1];
  return last && last.kind === 'op' && last.text === ';' ? sql.slice(0, last.start) : sql;
}
