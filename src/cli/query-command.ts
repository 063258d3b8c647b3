import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CtlakeError, EXIT } from '../errors.js';
import { formatTable } from '../query/format.js';
import { defaultQueriesDir, loadSample, loadSaved } from '../query/library.js';
import { FILE_ONLY_FORMATS, formatForPath, OUTPUT_FORMATS, streamResult, writeResultFile, type OutputFormat } from '../query/output.js';
import { openQuerySession, type QuerySession, type RunOptions } from '../query/session.js';
import type { Db } from '../store/duckdb.js';
import { collect, dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

interface QueryOpts {
  file?: string;
  sample?: string;
  saved?: string;
  queriesDir?: string;
  format?: string;
  out?: string;
  maxRows?: string;
  store?: string;
  dialect: string;
  param: string[];
  startTime?: string;
  endTime?: string;
  period?: string;
  timeout?: string;
}

const usage = (m: string) => new CtlakeError('E_USAGE', m);

export function registerQuery(program: Command, io: Io): void {
  program
    .command('query')
    .description('Run one read-only SQL query (CloudTrail Lake SQL by default) against the store')
    .argument('[sql]', 'the SQL statement (or use -f, --sample, --saved); FROM takes a store id, name or a placeholder such as $EDS_ID')
    .option('-f, --file <file>', 'read the SQL from a file ("-" reads stdin)')
    .option('--sample <name>', 'run a bundled sample query (`ctlake samples` lists them)')
    .option('--saved <name>', 'run a saved query (`ctlake saved list`)')
    .option('--queries-dir <dir>', 'folder of saved queries (default: queries/ beside the store file)')
    .option('--format <format>', `${OUTPUT_FORMATS.join(' | ')} (default: from --out's extension, else table)`)
    .option('-o, --out <file>', 'write the result to this file instead of stdout (needed for parquet and arrow)')
    .option('--max-rows <n>', 'at most this many rows (default 500 for a table on stdout, else all)')
    .option('--store <name>', 'event data store that placeholders ($EDS_ID, <EDS ID>, ...) resolve to')
    .option('--dialect <dialect>', 'lake (CloudTrail Lake / Trino SQL) | duckdb (DuckDB SQL, still read-only)', 'lake')
    .option('--param <value>', 'value for the next ? placeholder (repeatable, in order)', collect, [])
    .option('--start-time <time>', 'value of the dashboard variable $StartTime$')
    .option('--end-time <time>', 'value of the dashboard variable $EndTime$')
    .option('--period <period>', 'value of the dashboard variable $Period$')
    .option('--timeout <seconds>', 'stop the query after this many seconds')
    .action(async (sqlArg: string | undefined, o: QueryOpts) => {
      const source = readSource(sqlArg, o, dbPath(program));
      const format = pickFormat(o);
      if (!['lake', 'duckdb'].includes(o.dialect)) throw usage('--dialect must be lake or duckdb');
      const maxRows = o.maxRows === undefined ? (format === 'table' && !o.out ? 500 : undefined) : positiveInt(o.maxRows, '--max-rows');
      const timeoutMs = o.timeout === undefined ? undefined : positiveNumber(o.timeout, '--timeout') * 1000;
      const dashboard = {
        ...(o.startTime !== undefined ? { StartTime: o.startTime } : {}),
        ...(o.endTime !== undefined ? { EndTime: o.endTime } : {}),
        ...(o.period !== undefined ? { Period: o.period } : {}),
      };
      const run: RunOptions = {
        dialect: o.dialect as 'lake' | 'duckdb',
        ...(maxRows !== undefined ? { maxRows } : {}),
        ...(o.param.length ? { params: o.param } : {}),
        ...(Object.keys(dashboard).length ? { dashboard } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      };
      let session: QuerySession | undefined;
      // Ctrl-C interrupts the query (the store is read-only: nothing to undo); a second Ctrl-C
      // falls through to Node's default and ends the process. A Ctrl-C that comes before the
      // query has started is remembered, so it still stops it.
      let interrupted = false;
      const onSigint = () => {
        process.removeListener('SIGINT', onSigint);
        interrupted = true;
        session?.cancel();
      };
      // Output that cannot be written stops the query: quietly when the reader went away
      // (`ctlake query ... | head`), with the reason otherwise (a full disk).
      let outError: NodeJS.ErrnoException | undefined;
      const onStdoutError = (e: NodeJS.ErrnoException) => {
        outError ??= e;
        session?.cancel();
      };
      process.on('SIGINT', onSigint);
      io.stdout.on('error', onStdoutError);
      let db: Db | undefined;
      try {
        db = await openExisting(dbPath(program));
        session = await openQuerySession(db, { store: o.store });
        if (interrupted) throw new CtlakeError('E_CANCELLED', 'query cancelled');
        await execute(io, session, source, format, o.out, run);
      } catch (e) {
        if (outError?.code === 'EPIPE') return;
        if (outError) throw new CtlakeError('E_OUTPUT', `cannot write the output: ${outError.message}`);
        if (!(e instanceof CtlakeError) || e.code === 'E_USAGE') throw e;
        report(io, e, source);
        io.exitCode = EXIT.FAILED;
      } finally {
        process.removeListener('SIGINT', onSigint);
        io.stdout.removeListener('error', onStdoutError);
        db?.close();
      }
    });
}

interface Source {
  sql: string;
  /** Where the SQL came from, for error messages (a file path, or undefined for the argument). */
  from?: string;
}

function readSource(sqlArg: string | undefined, o: QueryOpts, db: string): Source {
  const given = [sqlArg !== undefined, o.file !== undefined, o.sample !== undefined, o.saved !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw usage(given ? 'give the SQL one way only: an argument, -f FILE, --sample NAME or --saved NAME' : 'no query: pass the SQL as an argument, or use -f FILE, --sample NAME or --saved NAME');
  }
  if (o.sample !== undefined) {
    const q = loadSample(o.sample);
    return { sql: q.text, from: q.path };
  }
  if (o.saved !== undefined) {
    const q = loadSaved(o.queriesDir ?? defaultQueriesDir(db), o.saved);
    return { sql: q.text, from: q.path };
  }
  if (o.file !== undefined) {
    try {
      return { sql: readFileSync(o.file === '-' ? 0 : o.file, 'utf8'), from: o.file === '-' ? 'stdin' : o.file };
    } catch (e) {
      throw new CtlakeError('E_NO_FILE', `cannot read ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return { sql: sqlArg! };
}

function pickFormat(o: QueryOpts): OutputFormat {
  const format = (o.format ?? (o.out ? formatForPath(o.out) : undefined) ?? 'table') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw usage(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
  if (FILE_ONLY_FORMATS.includes(format) && !o.out) throw usage(`--format ${format} writes a file: add --out FILE.${format}`);
  return format;
}

async function execute(io: Io, session: QuerySession, src: Source, format: OutputFormat, out: string | undefined, run: RunOptions): Promise<void> {
  if (out) {
    // A file has no terminal width: tables go in whole.
    const r = await writeResultFile(session, src.sql, out, { ...run, format });
    io.stderr.write(`wrote ${r.rows} row${r.rows === 1 ? '' : 's'} to ${out} (${format})${r.truncated ? `; more rows exist: raise --max-rows (${run.maxRows})` : ''}\n`);
    return;
  }
  if (format === 'table') {
    const r = await session.run(src.sql, run);
    if (r.error) throw r.error;
    io.stdout.write(formatTable(r, io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Infinity));
    return;
  }
  const r = await streamResult(session, src.sql, io.stdout, format as Exclude<OutputFormat, 'table' | 'parquet' | 'arrow'>, run);
  if (r.truncated) io.stderr.write(`showing ${r.rows} of >${r.rows} rows (raise --max-rows to see more)\n`);
}

/** The error, and for an error at a position in the SQL, that line with a caret under the spot. */
function report(io: Io, e: CtlakeError, src: Source): void {
  io.stderr.write(`error: ${e.message}${src.from ? ` (in ${src.from})` : ''}\n`);
  const pos = e as CtlakeError & { line?: number; column?: number };
  if (typeof pos.line !== 'number' || typeof pos.column !== 'number') return;
  const text = src.sql.split(/\r?\n/)[pos.line - 1];
  if (text === undefined) return;
  const gutter = `${pos.line} | `;
  // Keep tabs under tabs so the caret lines up however the terminal renders them.
  const pad = text.slice(0, Math.max(0, pos.column - 1)).replace(/[^\t]/g, ' ');
  io.stderr.write(`  ${gutter}${text}\n  ${' '.repeat(gutter.length - 2)}| ${pad}^\n`);
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw usage(`${flag} takes a whole number of at least 1, got "${v}"`);
  return n;
}

function positiveNumber(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw usage(`${flag} takes a number of seconds above 0, got "${v}"`);
  return n;
}
