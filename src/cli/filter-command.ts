import type { Command } from 'commander';
import { CtlakeError, EXIT } from '../errors.js';
import { formatResult, type TextFormat } from '../query/format.js';
import type { QueryResult } from '../query/run-query.js';
import { openQuerySession } from '../query/session.js';
import { filterEventsSql, filterSeriesSql, parseBucket } from '../toolkit/filter-pattern-sql.js';
import { parsePattern } from '../toolkit/filter-pattern.js';
import { checkTimeRange, parseTimeArg } from '../toolkit/lookup-args.js';
import { resolveStore, storeView } from '../toolkit/lookup-store.js';
import { dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

const FORMATS = ['table', 'csv', 'json', 'ndjson', 'raw'];

interface FilterOpts {
  format: string;
  countBy?: string;
  maxRows?: number;
  startTime?: string;
  endTime?: string;
  store?: string;
}

export function registerFilter(program: Command, io: Io): void {
  program
    .command('filter')
    .description('Events matching a CloudWatch Logs JSON filter pattern, e.g. \'{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) }\'')
    .argument('<pattern>', 'the metric-filter pattern: { $.a.b = "x*" && ($.n > 5 || $.c IS NULL) }')
    .option('--format <format>', 'table | csv | json | ndjson | raw (raw: the original event JSON, one per line)', 'table')
    .option('--count-by <interval>', 'print the metric instead: matching events per time bucket (30s, 5m, 1h, 1d)')
    .option('--max-rows <n>', 'at most this many events (table default 500)', (v) => Number(v))
    .option('--start-time <time>', 'only events at or after this time (same formats as lookup)')
    .option('--end-time <time>', 'only events at or before this time')
    .option('--store <name>', 'event data store (default: the only one)')
    .action(async (pattern: string, o: FilterOpts) => {
      if (!FORMATS.includes(o.format)) throw new CtlakeError('E_USAGE', `--format must be one of ${FORMATS.join(', ')}`);
      parsePattern(pattern); // a malformed pattern is reported before the store is opened
      const bucket = o.countBy === undefined ? undefined : parseBucket(o.countBy);
      if (o.countBy !== undefined && !bucket) throw new CtlakeError('E_USAGE', `--count-by takes an interval such as 30s, 5m, 1h or 1d, got "${o.countBy}"`);
      if (bucket && o.format === 'raw') throw new CtlakeError('E_USAGE', '--format raw prints events; with --count-by use table, csv, json or ndjson');
      const range = { startUs: parseTimeArg(o.startTime, 'StartTime'), endUs: parseTimeArg(o.endTime, 'EndTime') };
      checkTimeRange(range.startUs, range.endUs);
      const db = await openExisting(dbPath(program));
      try {
        const session = await openQuerySession(db, { store: o.store });
        const view = storeView(resolveStore(session, o.store));
        const sql = bucket ? filterSeriesSql(view, pattern, bucket, range) : filterEventsSql(view, pattern, range);
        const maxRows = o.maxRows ?? (o.format === 'table' && !bucket ? 500 : undefined);
        const r = await session.run(sql, { dialect: 'duckdb', maxRows });
        if (r.error) {
          io.stderr.write(`error: ${r.error.message}\n`);
          io.exitCode = EXIT.FAILED;
          return;
        }
        const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Infinity;
        if (o.format === 'raw') io.stdout.write(r.rows.map((row) => `${String(row[r.columns.length - 1])}\n`).join(''));
        else io.stdout.write(formatResult(bucket ? r : withoutJson(r), o.format as TextFormat, width));
      } finally {
        db.close();
      }
    });
}

/** The event listing minus eventJson (the last column): `--format raw` is the way to get events whole. */
function withoutJson(r: QueryResult): QueryResult {
  return { ...r, columns: r.columns.slice(0, -1), rows: r.rows.map((row) => row.slice(0, -1)) };
}
