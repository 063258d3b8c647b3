import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StatementType } from '@duckdb/node-api';
import { CtlakeError } from '../errors.js';
import { Db } from '../store/duckdb.js';
import { quoteIdent, quoteString } from '../store/schema.js';
import type { ArrowBatches } from './arrow.js';
import { formatTable, textSink, TextWriter, type StreamFormat, type TextFormat } from './format.js';
import { prepareConnection } from './lake/index.js';
import { readSql, streamSql, type ReadOptions, type RowSink } from './run-query.js';
import type { PreparedSql, QuerySession, RunOptions } from './session.js';

/**
 * A query's result written out: text formats streamed (to stdout or a file), Parquet and Arrow
 * IPC to files. Files are written under a temporary name and renamed when complete, so a query
 * that fails, is refused or is cancelled leaves no file (and no half file) behind.
 */

export type OutputFormat = TextFormat | 'parquet' | 'arrow';
export const OUTPUT_FORMATS: OutputFormat[] = ['table', 'csv', 'tsv', 'json', 'ndjson', 'parquet', 'arrow'];
/** Formats that only go to a file (--out). */
export const FILE_ONLY_FORMATS: OutputFormat[] = ['parquet', 'arrow'];

const EXTENSIONS: Record<string, OutputFormat> = {
  csv: 'csv', tsv: 'tsv', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', parquet: 'parquet', arrow: 'arrow', ipc: 'arrow', feather: 'arrow', txt: 'table',
};

/** The format a file name implies (`out.parquet` → parquet), if any. */
export function formatForPath(path: string): OutputFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path.trim());
  return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

export interface WriteResult {
  rows: number;
  truncated: boolean;
}

export interface WriteOptions extends RunOptions {
  format: OutputFormat;
  /** Table format only: the width to fit (default: unbounded). */
  width?: number;
}

/** A TextWriter over a stream, and the wait for 'drain' the stream asked for (if it did). */
function textTo(out: NodeJS.WritableStream, format: StreamFormat): { writer: TextWriter; flush: () => Promise<void> } {
  let blocked = false;
  const writer = new TextWriter(format, (s) => {
    if (!out.write(s)) blocked = true;
  });
  const flush = async () => {
    if (!blocked) return;
    blocked = false;
    await once(out, 'drain');
  };
  return { writer, flush };
}

/** Streams csv / tsv / json / ndjson to a stream (stdout), honouring its back-pressure. */
export async function streamResult(session: QuerySession, sql: string, out: NodeJS.WritableStream, format: StreamFormat, opts: RunOptions): Promise<WriteResult> {
  const { writer, flush } = textTo(out, format);
  const r = await session.stream(sql, opts, textSink(writer, flush));
  writer.end();
  return { rows: r.rows, truncated: r.truncated };
}

/** Writes the result to `path` in any format; the file appears only once it is complete. */
export async function writeResultFile(session: QuerySession, sql: string, path: string, opts: WriteOptions): Promise<WriteResult> {
  if (!existsSync(dirname(resolve(path)))) {
    throw new CtlakeError('E_NO_FOLDER', `cannot write ${path}: the folder ${dirname(resolve(path))} does not exist`);
  }
  const p = session.prepare(sql, opts);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.ctlake-tmp`);
  const read = { maxRows: opts.maxRows, params: p.params };
  try {
    const r = await session.execute(p, opts, async (guard): Promise<WriteResult> => {
      const format = opts.format;
      switch (format) {
        case 'parquet':
          return writeParquet(session, p, tmp, opts.maxRows, (interrupt) => guard.onStop(interrupt));
        case 'arrow':
          return streamToFile(tmp, (file) => writeArrow(session, p.sql, read, file));
        case 'table': {
          const res = await readSql(session.db.conn, p.sql, read);
          writeFileSync(tmp, formatTable({ ...res, elapsedMs: 0 }, opts.width ?? Infinity), { flag: 'wx' });
          return { rows: res.rows.length, truncated: res.truncated };
        }
        default:
          return streamToFile(tmp, async (file) => {
            const { writer, flush } = textTo(file, format);
            const res = await streamSql(session.db.conn, p.sql, textSink(writer, flush), read);
            writer.end();
            file.end();
            await once(file, 'finish');
            return res;
          });
      }
    });
    renameSync(tmp, path);
    return r;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Arrow IPC file format (what pyarrow.ipc.open_file / feather / tableFromIPC read), batch per chunk. */
async function writeArrow(session: QuerySession, sql: string, read: ReadOptions, file: NodeJS.WritableStream): Promise<WriteResult> {
  // Loaded here, not at the top: apache-arrow takes ~120 ms to import, which every `ctlake query`
  // would otherwise pay before it prints its first row.
  const [{ RecordBatchFileWriter }, { ArrowBatches }] = await Promise.all([import('apache-arrow'), import('./arrow.js')]);
  let batches: ArrowBatches | undefined;
  const writer = new RecordBatchFileWriter();
  const done = pipeline(writer.toNodeStream(), file);
  const sink: RowSink = {
    start(columns, types) {
      batches = new ArrowBatches(columns.map((c) => c.name), types);
      writer.reset(undefined, batches.schema);
    },
    rows(rows) {
      writer.write(batches!.batch(rows));
    },
  };
  try {
    const res = await streamSql(session.db.conn, sql, sink, read);
    writer.finish();
    await done;
    return res;
  } catch (e) {
    writer.abort();
    await done.catch(() => undefined);
    throw e;
  }
}

async function streamToFile<T>(tmp: string, work: (file: ReturnType<typeof createWriteStream>) => Promise<T>): Promise<T> {
  const file = createWriteStream(tmp, { flags: 'wx' });
  await once(file, 'open');
  try {
    return await work(file);
  } finally {
    file.destroy();
  }
}

/**
 * Parquet is written by DuckDB's own COPY ... TO, which needs file access, and the query session
 * has external access turned off. So:
 *   1. the locked-down session *binds* the statement first. Binding resolves every table and
 *      table function, so a statement that would read a file, a URL or another database fails
 *      here, with external access still off; it must also be a plain SELECT;
 *   2. only then does a second, READ_ONLY instance of the same store file, with external access
 *      on, run `COPY (<that same SELECT>) TO '<our temp file>'`. The SQL inside was checked
 *      read-only (by the Lake translator or checkReadOnly) and bound without file access; the
 *      only file written is the one we name. The store itself cannot change: READ_ONLY.
 */
async function writeParquet(
  session: QuerySession,
  p: PreparedSql,
  tmp: string,
  maxRows: number | undefined,
  onStop: (interrupt: () => void) => () => void,
): Promise<WriteResult> {
  const stmt = await session.db.conn.prepare(p.sql);
  const kind = stmt.statementType;
  stmt.destroySync();
  if (kind !== StatementType.SELECT) {
    throw new CtlakeError('E_NOT_READ_ONLY', 'only a SELECT query can be written to Parquet');
  }
  if (session.db.path === ':memory:' || !session.db.path) {
    throw new CtlakeError('E_PARQUET_NEEDS_FILE', 'Parquet output needs a store file (this session is in memory): use --format arrow instead');
  }
  const side = await Db.open(session.db.path, { readOnly: true, externalAccess: true, threads: 2 });
  const unregister = onStop(() => side.interrupt());
  try {
    for (const s of session.stores) {
      if (s.name !== s.id) await side.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(s.name)} AS SELECT * FROM ${quoteIdent(s.id)}`);
    }
    await prepareConnection(side);
    await side.run('SET lock_configuration = true');
    const limit = maxRows !== undefined && Number.isFinite(maxRows);
    const body = limit ? `SELECT * FROM (\n${p.sql}\n) LIMIT ${maxRows}` : p.sql;
    const reader = await side.conn.runAndReadAll(`COPY (\n${body}\n) TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION zstd)`, p.params);
    const rows = Number(reader.rowsChanged);
    let truncated = false;
    if (limit && rows === maxRows) {
      // Was there more? One row past the limit answers it (on the locked-down connection).
      const more = await session.db.conn.runAndReadAll(`SELECT 1 FROM (\n${p.sql}\n) LIMIT 1 OFFSET ${maxRows}`, p.params);
      truncated = more.currentRowCount > 0;
    }
    return { rows, truncated };
  } finally {
    unregister();
    side.close();
  }
}
