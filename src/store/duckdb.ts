import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { CtlakeError } from '../errors.js';
import { quoteString } from './schema.js';

/**
 * The one module that talks to DuckDB. Everything else goes through `Db`, so settings (storage
 * version, memory, threads) are decided in one place and DuckDB's plain error messages are
 * mapped to ours here.
 */

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory_limit, e.g. '512MB'. */
  memoryLimit?: string;
  threads?: number;
  tempDirectory?: string;
  /** Allow reading/writing files from SQL (ingest needs it; queries never get it). */
  externalAccess?: boolean;
  /** false lets bulk inserts run in parallel with less memory (row order is not a contract). */
  preserveInsertionOrder?: boolean;
  /** Rows per row group for what this connection writes (DuckDB's default: 122,880). */
  rowGroupSize?: number;
  /** Further DuckDB settings for the instance (name → value). */
  settings?: Record<string, string>;
}

export type Row = Record<string, unknown>;

/**
 * CTLAKE_TRACE=1 prints every statement's wall time to stderr (first 100 characters of its SQL):
 * how the ingest figures in the README were broken down.
 */
const TRACE = process.env.CTLAKE_TRACE === '1';
const traceStart = Date.now();
async function traced<T>(sql: string, fn: () => Promise<T>): Promise<T> {
  if (!TRACE) return fn();
  const t = Date.now();
  try {
    return await fn();
  } finally {
    const head = sql.replace(/\s+/g, ' ').slice(0, 100);
    process.stderr.write(`[trace +${((t - traceStart) / 1000).toFixed(2)}s] ${((Date.now() - t) / 1000).toFixed(3)}s ${head}\n`);
  }
}

/**
 * DuckDB's memory limit for ingest (CTLAKE_MEMORY_LIMIT overrides it). Two DuckDB threads building
 * row groups of this table need ~380 MB beside the JSON reader's ~105 MB of buffers: at 400MB DuckDB
 * spilled 110-135 MB of unfinished row groups to its temp folder during a 1M load; 600MB spills
 * nothing and took 10% less CPU. The peak RSS of the process, which must stay under 1 GiB, runs
 * 200-300 MB above what DuckDB uses (Node, the decode workers) plus whatever its allocator keeps,
 * which INGEST_ALLOCATOR bounds: 600MB with it peaked at 729-910 MB in some thirty 1M runs, 889-918
 * MB on 5M events and 833-862 MB on a single 2 GB file; without it 600MB reached 1,004-1,018 MB on 1M.
 */
export const ingestMemoryLimit = (): string => process.env.CTLAKE_MEMORY_LIMIT ?? '600MB';

/**
 * DuckDB's memory limit while it removes a batch's duplicates (rare: only when there are some).
 * That statement ranks every candidate by its key and text hash and deletes by rowid; at 600MB a
 * re-ingest of 1M events that were all stored already peaked at 970-1,020 MB RSS, at 400MB 763 MB
 * (its duplicate removal 15% slower). CTLAKE_MEMORY_LIMIT, when set, applies here too.
 */
export const duplicateRemovalMemoryLimit = (): string => process.env.CTLAKE_MEMORY_LIMIT ?? '400MB';

/**
 * DuckDB's allocator (jemalloc, bundled) keeps freed memory for reuse: by default up to 128 MB per
 * thread after a task, and bulk frees under 512 MB, which made the peak RSS of an ingest vary by
 * ~250 MB between identical runs (598-921 MB at 400MB). Flushing after smaller peaks and purging
 * from jemalloc's background threads keep RSS close to what DuckDB uses, which is what lets the
 * limit above be 600MB; it cost no measurable time.
 */
const INGEST_ALLOCATOR = {
  allocator_background_threads: 'true',
  allocator_flush_threshold: '16MB',
  allocator_bulk_deallocation_flush_threshold: '64MB',
};

/**
 * Row group size for ingest. Smaller than DuckDB's 122,880 because each thread builds a whole row
 * group of event text in memory before compressing it: measured on 500k events, 30,720 took 20%
 * less time (5.2 s against 6.6 s, median of four) for a store 5% larger.
 */
export const INGEST_ROW_GROUP_SIZE = 30_720;

export class Db {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly readOnly: boolean,
    /** The memory_limit the instance was opened with, if any (restored after withMemoryLimit). */
    private readonly memoryLimit?: string,
  ) {}

  static async open(path: string, opts: OpenOptions = {}): Promise<Db> {
    const config: Record<string, string> = {
      // New storage formats are what make eventJson (zstd) and nested columns compact.
      storage_compatibility_version: 'latest',
      access_mode: opts.readOnly ? 'READ_ONLY' : 'READ_WRITE',
    };
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    if (opts.threads) config.threads = String(opts.threads);
    if (opts.tempDirectory) config.temp_directory = opts.tempDirectory;
    if (opts.externalAccess === false) config.enable_external_access = 'false';
    if (opts.preserveInsertionOrder === false) config.preserve_insertion_order = 'false';
    Object.assign(config, opts.settings);
    try {
      if (!opts.rowGroupSize || path === ':memory:') {
        const instance = await DuckDBInstance.create(path, config);
        return new Db(path, instance, await instance.connect(), !!opts.readOnly, opts.memoryLimit);
      }
      // The row group size is an option of ATTACH only: open an empty instance and attach the file.
      config.temp_directory ??= `${path}.tmp`;
      const instance = await DuckDBInstance.create(':memory:', config);
      const conn = await instance.connect();
      try {
        await conn.run(`ATTACH ${quoteString(path)} AS store (ROW_GROUP_SIZE ${Math.floor(opts.rowGroupSize)}, STORAGE_VERSION 'latest')`);
        await conn.run('USE store');
      } catch (e) {
        conn.closeSync();
        instance.closeSync();
        throw e;
      }
      return new Db(path, instance, conn, !!opts.readOnly, opts.memoryLimit);
    } catch (e) {
      throw mapDuckDbError(e, path);
    }
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    try {
      await traced(sql, () => this.conn.run(sql, params));
    } catch (e) {
      throw mapDuckDbError(e, this.path);
    }
  }

  /** Runs a statement and returns its rows as plain JS objects (BIGINT as bigint). */
  async all<T extends Row = Row>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    try {
      const reader = await traced(sql, () => this.conn.runAndReadAll(sql, params));
      return reader.getRowObjectsJS() as T[];
    } catch (e) {
      throw mapDuckDbError(e, this.path);
    }
  }

  /** Number of rows a DML statement changed. */
  async changes(sql: string, params?: DuckDBValue[]): Promise<number> {
    try {
      const reader = await traced(sql, () => this.conn.runAndReadAll(sql, params));
      return Number(reader.rowsChanged);
    } catch (e) {
      throw mapDuckDbError(e, this.path);
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const r = await fn();
      await this.run('COMMIT');
      return r;
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** Opens (or creates) a store for ingest: DuckDB's settings for bulk loading, decided here. */
  static openForIngest(path: string): Promise<Db> {
    return Db.open(path, {
      memoryLimit: ingestMemoryLimit(),
      threads: 2,
      preserveInsertionOrder: false,
      rowGroupSize: INGEST_ROW_GROUP_SIZE,
      settings: INGEST_ALLOCATOR,
    });
  }

  /**
   * Runs fn under another memory_limit (a global setting, not part of any transaction), then
   * puts back the one the instance was opened with. Without such a limit, runs fn as it is: the
   * limit is about memory, never about whether fn runs.
   */
  async withMemoryLimit<T>(limit: string, fn: () => Promise<T>): Promise<T> {
    if (!this.memoryLimit || limit === this.memoryLimit) return fn();
    try {
      await this.run(`SET memory_limit = ${quoteString(limit)}`);
    } catch {
      // DuckDB refuses a limit below what it cannot evict right now: fn still runs, under the old one.
      return fn();
    }
    try {
      return await fn();
    } finally {
      await this.run(`SET memory_limit = ${quoteString(this.memoryLimit)}`);
    }
  }

  interrupt(): void {
    this.conn.interrupt();
  }

  private closed = false;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** DuckDB's messages → CtlakeError with a stable code and a next step for the user. */
export function mapDuckDbError(e: unknown, dbPath: string): CtlakeError {
  if (e instanceof CtlakeError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/Could not set lock on file|Conflicting lock is held/i.test(msg)) {
    return new CtlakeError('E_DB_LOCKED', `${dbPath} is in use by another process (an ingest still running?); wait for it to finish or use another --db`, msg);
  }
  if (/database does not exist|Cannot open database .* in read-only mode/i.test(msg)) {
    return new CtlakeError('E_NO_STORE', `no store at ${dbPath}: run \`ctlake ingest PATH\` first, or point --db / CTLAKE_DB at an existing file`, msg);
  }
  if (/not a valid DuckDB database file|Unable to open database.*file is not|IO Error: The file .* exists, but it is not a valid DuckDB database file/i.test(msg)) {
    return new CtlakeError('E_NOT_A_STORE', `${dbPath} is not a ctlake/DuckDB database file`, msg);
  }
  if (/INTERRUPT/i.test(msg)) return new CtlakeError('E_CANCELLED', 'query cancelled', msg);
  if (/Out of Memory/i.test(msg)) {
    return new CtlakeError('E_OUT_OF_MEMORY', `DuckDB ran out of memory: ${firstLine(msg)}; narrow the query or raise CTLAKE_MEMORY_LIMIT`, msg);
  }
  return new CtlakeError('E_DUCKDB', firstLine(msg), msg);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
